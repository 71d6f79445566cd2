export const APP_CHANNELS = ['app.info', 'app.about', 'app.settings'] as const;
