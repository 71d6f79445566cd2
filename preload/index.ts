import { contextBridge, ipcRenderer } from 'electron';
import { buildGpcApi } from '../shared/ipc/build-api';
import { IPC_INVOKE_CHANNEL } from '../shared/ipc/channels';
import type { Result } from '../shared/ipc/errors';
import { errorResult } from '../shared/ipc/errors';

/**
 * Exposes `window.gpc`, generated from the contract: one function per channel, nothing else. No Electron object,
 * no `ipcRenderer`, no generic send reaches the page.
 */
const gpc = buildGpcApi(async (channel, input): Promise<Result<unknown>> => {
  try {
    return (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, input)) as Result<unknown>;
  } catch {
    return errorResult('IPC_FAILURE');
  }
});

contextBridge.exposeInMainWorld('gpc', gpc);
