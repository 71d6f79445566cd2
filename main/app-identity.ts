/** Name and version, fixed at build time from package.json (see electron.vite.config.ts `define`). */
declare const __APP_VERSION__: string;

export const APP_NAME = 'GP Connect Workstation';
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
