import { buildGpcApi } from '../shared/ipc/build-api';
import type { Result } from '../shared/ipc/errors';
import { errorResult } from '../shared/ipc/errors';

/**
 * `window.gpc` for the browser preview host: the same generated API over HTTP to the host's handler table, with the
 * per-launch token from the URL the host printed. Keeps the token for reloads and takes it out of the address bar.
 */
const TOKEN_KEY = 'gpc-preview-token';
const INVOKE_PATH = '/__gpc/invoke';

function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = takeToken();

const gpc = buildGpcApi(async (channel, input): Promise<Result<unknown>> => {
  try {
    const response = await fetch(INVOKE_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-GPC-Token': token },
      body: JSON.stringify({ channel, input }),
    });
    return (await response.json()) as Result<unknown>;
  } catch {
    return errorResult('IPC_FAILURE');
  }
});

Object.defineProperty(window, 'gpc', { value: gpc, writable: false, configurable: false });
