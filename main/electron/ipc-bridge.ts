import type { IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../../shared/ipc/channels';
import { errorResult } from '../../shared/ipc/errors';
import type { Dispatch } from '../ipc/dispatcher';
import { isTrustedSenderUrl } from '../ipc/sender';

/**
 * Registers the handler table with `ipcMain.handle` on one channel. Every call is checked: it must come from the
 * main frame of our own window, at our own origin; anything else is refused with a typed error.
 */
export function registerIpc(
  dispatch: Dispatch,
  isOurWindow: (event: IpcMainInvokeEvent) => boolean,
  trustedOrigins: readonly string[],
): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const fromMainFrame = frame !== null && frame === event.sender.mainFrame;
    // Both the frame's own origin (as Chromium computed it) and its URL must be ours.
    const trusted =
      fromMainFrame &&
      isOurWindow(event) &&
      trustedOrigins.includes(frame.origin) &&
      isTrustedSenderUrl(frame.url, trustedOrigins);
    if (!trusted) {
      return errorResult('FORBIDDEN_SENDER');
    }
    return dispatch(channel, input, { host: 'electron' });
  });
}
