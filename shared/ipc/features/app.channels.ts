export const APP_CHANNELS = ['app.info'] as const;
