import path from 'node:path';
import { BrowserWindow } from 'electron';

export interface WindowOptions {
  readonly preloadPath: string;
  readonly startUrl: string;
  readonly devTools: boolean;
}

/** The workstation window: sandboxed, isolated, no Node, no webview, devtools only in development builds. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'GP Connect Workstation',
    backgroundColor: '#f0f4f5',
    webPreferences: {
      preload: path.resolve(options.preloadPath),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableDialogs: true,
      // Middle-click (auxclick) can open links outside the navigation guards (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
  // Patient data on screen: keep it out of screen recordings and screenshots by other apps where the OS allows it.
  window.setContentProtection(true);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.startUrl);
  return window;
}
