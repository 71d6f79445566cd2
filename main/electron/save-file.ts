import { writeFile } from 'node:fs/promises';
import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import type { SaveFile } from '../host/save-file';

/**
 * The desktop app's way to put a file on disk: a save dialog the user drives (the renderer may not download: see
 * hardening.ts), the file written only where they chose and readable by them alone.
 */
export function electronSaveFile(owner: () => BrowserWindow | null): SaveFile {
  return async (content, fileName, filter) => {
    const options = { defaultPath: fileName, filters: [{ name: filter.name, extensions: [...filter.extensions] }] };
    const parent = owner();
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    await writeFile(choice.filePath, content, { mode: 0o600 });
    return { saved: true };
  };
}
