import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../app-protocol/csp';
import { resolveAsset } from '../app-protocol/resolve-asset';

/** The page is served from `app://workstation/`, never `file://` (Electron security checklist #18). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://workstation`;

/** Must run before `app.ready`. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRendererFrom(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'workstation' || request.method !== 'GET') {
      return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    }
    const asset = resolveAsset(rendererDir, url.pathname);
    if (!asset) return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    try {
      const body = await readFile(asset.filePath);
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': asset.contentType } });
    } catch {
      return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    }
  });
}
