import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow } from 'electron';
import { app, dialog, session } from 'electron';
import { APP_FLAVOUR, APP_NAME, APP_VERSION } from '../app-identity';
import { ConfigError } from '../config/config-error';
import { createAppLog, logFileIn } from '../logging/app-log';
import { loadStartupConfig } from '../config/startup-config';
import { createDispatcher } from '../ipc/dispatcher';
import { isTrustedSenderUrl } from '../ipc/sender';
import type { Services } from '../services';
import { buildServices } from '../services';
import { APP_ORIGIN, registerAppSchemePrivileges, serveRendererFrom } from './app-scheme';
import { hardenAllSessions, hardenAllWebContents } from './hardening';
import { registerIpc } from './ipc-bridge';
import { installMenu } from './menu';
import { electronPdfExporter } from './pdf-export';
import { electronSaveFile } from './save-file';
import { createMainWindow } from './window';

/** Electron entry: lifecycle only. Everything with logic lives in plain modules outside this folder. */
const here = path.dirname(fileURLToPath(import.meta.url));
const development = !app.isPackaged && process.env['NODE_ENV'] !== 'production';
// electron-vite's dev server, only ever honoured in an unpackaged development run.
const devServerUrl = development ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];

registerAppSchemePrivileges();
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  hardenAllWebContents((url) => isTrustedSenderUrl(url, trustedOrigins));

  void app.whenReady().then(async () => {
    let services: Services;
    const saveFile = electronSaveFile(() => mainWindow);
    try {
      const { config, settings } = loadStartupConfig(process.env, {
        flavour: APP_FLAVOUR,
        policyOverride: !app.isPackaged,
      });
      services = await buildServices(
        config,
        { name: APP_NAME, version: APP_VERSION },
        { settings, pdf: electronPdfExporter(path.join(here, '../renderer'), saveFile), saveFile },
      );
    } catch (err) {
      // A configuration or certificate the workstation cannot use: say what to do, do not start half-working.
      dialog.showErrorBox(APP_NAME, err instanceof ConfigError ? err.message : 'The workstation could not start.');
      app.exit(1);
      return;
    }
    hardenAllSessions(session.defaultSession, (url) => isTrustedSenderUrl(url, trustedOrigins));
    serveRendererFrom(path.join(here, '../renderer'));
    installMenu(development);
    app.on('will-quit', () => void services.close());
    const log = createAppLog({ file: logFileIn(app.getPath('logs')) }, 'electron');
    log.info('started', { version: APP_VERSION });
    app.on('will-quit', () => log.flush());
    const dispatch = createDispatcher(services.handlers, {
      error: (message, fields) => log.error(`ipc: ${message}`, fields),
    });
    registerIpc(dispatch, (event) => mainWindow !== null && event.sender === mainWindow.webContents, trustedOrigins);
    mainWindow = createMainWindow({
      preloadPath: path.join(here, '../preload/index.cjs'),
      startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
      devTools: development,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });

  app.on('window-all-closed', () => app.quit());
}
