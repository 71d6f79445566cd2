import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

/** The Electron binary cannot run here: a stand-in ipcMain captures the handler the real glue registers. */
const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      registered.set(channel, fn),
  },
}));

const { registerIpc } = await import('../../main/electron/ipc-bridge');
const { createDispatcher } = await import('../../main/ipc/dispatcher');
const { buildServices } = await import('../../main/services');
const services = await buildServices({ mode: 'demo' }, { name: 'x', version: '1' });
afterAll(() => services.close());
const { IPC_INVOKE_CHANNEL } = await import('../../shared/ipc/channels');

const ourContents = { id: 1 };
/** An invoke event from our window's main frame, or from a subframe of it, at the given URL. */
function event(opts: { url?: string; origin?: string; subframe?: boolean } = {}) {
  const url = opts.url ?? 'app://workstation/index.html';
  const mainFrame = { url, origin: opts.origin ?? new URL(url).origin.replace(/^null$/, 'app://workstation') };
  const senderFrame = opts.subframe ? { ...mainFrame } : mainFrame;
  return { sender: Object.assign(ourContents, { mainFrame }), senderFrame };
}

describe('Electron IPC registration (sender checks)', () => {
  beforeEach(() => {
    registered.clear();
    const dispatch = createDispatcher(services.handlers, { error: () => undefined });
    registerIpc(dispatch, (e) => e.sender === (ourContents as unknown), ['app://workstation']);
  });

  const invoke = (e: unknown, channel: string, input: unknown) => {
    const handler = registered.get(IPC_INVOKE_CHANNEL);
    if (!handler) throw new Error('not registered');
    return handler(e, channel, input);
  };

  it('serves our own window’s main frame', async () => {
    expect(await invoke(event(), 'patient.lookup', { nhsNumber: '9434765919' })).toMatchObject({ ok: true });
  });

  it('refuses a subframe', async () => {
    expect(await invoke(event({ subframe: true }), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });

  it('refuses another origin loaded in our window', async () => {
    expect(await invoke(event({ url: 'https://evil.example/' }), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });

  it('refuses a frame whose own origin is not ours, whatever its URL says', async () => {
    expect(await invoke(event({ origin: 'null' }), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });

  it('refuses another window', async () => {
    const other = { id: 2 };
    const e = {
      sender: Object.assign(other, { mainFrame: { url: 'app://workstation/index.html' } }),
      senderFrame: null,
    };
    expect(await invoke(e, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('still validates input after the sender check', async () => {
    expect(await invoke(event(), 'patient.lookup', { nhsNumber: '943 476 5918' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
