import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface ResolvedAsset {
  readonly filePath: string;
  readonly contentType: string;
}

/**
 * Maps a request path to a file inside `root`, or null. Refuses anything that could escape the root (`..`, encoded
 * separators, NUL, absolute or drive paths) and any file type we do not serve. `/` is the app's `index.html`.
 */
export function resolveAsset(root: string, requestPath: string): ResolvedAsset | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  // NUL, backslashes and colons (drive letters, NTFS streams) have no place in our asset names.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes(':')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((part) => part === '..' || part === '.')) return null;
  // Windows device names open devices whatever the folder or extension.
  if (relative.split('/').some((part) => /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(part))) return null;
  const absoluteRoot = path.resolve(root);
  const filePath = path.resolve(absoluteRoot, relative);
  if (filePath !== absoluteRoot && !filePath.startsWith(absoluteRoot + path.sep)) return null;
  const contentType = CONTENT_TYPES[path.extname(filePath).toLowerCase()];
  if (!contentType) return null;
  return { filePath, contentType };
}
