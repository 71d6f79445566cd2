import { readFile } from 'node:fs/promises';
import { BrowserWindow as Window, session } from 'electron';
import { resolveAsset } from '../app-protocol/resolve-asset';
import type { PdfExporter } from '../gpconnect/print-document';
import type { SaveFile } from '../host/save-file';
import { PRINT_PARTITION, PRINT_STYLESHEET_FILE } from '../gpconnect/print-document';

/**
 * Renders a print document (composed in main, script-free, with its own CSP) to PDF in a hidden window that cannot
 * run script at all (`javascript: false`), sandboxed, with no preload, in a session that may fetch nothing but the
 * document itself. The global hardening (permissions refused, navigation guarded) applies to it as to every window.
 */
async function renderPdf(document: string): Promise<Buffer> {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(document, 'utf8').toString('base64')}`;
  const printSession = session.fromPartition(PRINT_PARTITION);
  // Replaces the general filter for this session with a stricter one: this document only.
  printSession.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    callback({ cancel: details.url !== url });
  });
  const window = new Window({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      session: printSession,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      images: false,
      webgl: false,
      plugins: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableDialogs: true,
      // As the main window (Electronegativity AUXCLICK_JS_CHECK), though nothing here can be clicked.
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    },
  });
  try {
    await window.loadURL(url);
    return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    window.destroy();
  }
}

/** PDF export for the desktop app: our stylesheet from the built renderer, then a save dialog the clinician drives. */
export function electronPdfExporter(rendererDir: string, saveFile: SaveFile): PdfExporter {
  return {
    stylesheet: async () => {
      const asset = resolveAsset(rendererDir, `/${PRINT_STYLESHEET_FILE}`);
      if (!asset) throw new Error(`${PRINT_STYLESHEET_FILE} is missing from the renderer build`);
      return readFile(asset.filePath, 'utf8');
    },
    save: async (document, fileName) =>
      saveFile(await renderPdf(document), fileName, { name: 'PDF', extensions: ['pdf'] }),
  };
}
