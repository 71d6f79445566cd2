import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAsset } from '../../main/app-protocol/resolve-asset';

const root = path.resolve('/srv/app/renderer');

describe('resolveAsset (app:// protocol and preview host)', () => {
  it('serves index.html for / and files inside the root', () => {
    expect(resolveAsset(root, '/')?.filePath).toBe(path.join(root, 'index.html'));
    expect(resolveAsset(root, '/assets/index-abc.js')).toEqual({
      filePath: path.join(root, 'assets/index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it.each([
    '/../main/index.js',
    '/assets/../../secret.html',
    '/%2e%2e/%2e%2e/etc/passwd.html',
    '/..%2f..%2fetc/passwd.html',
    '/assets%5c..%5c..%5csecret.html',
    '/index.html%00.js',
    '/C:/Windows/win.ini.html',
    '/index.html::$DATA',
    '/assets/con.js',
    '/aux.html',
    '/%E0%A4%A',
  ])('refuses %s', (attempt) => {
    expect(resolveAsset(root, attempt)).toBeNull();
  });

  it('refuses file types the app never serves', () => {
    expect(resolveAsset(root, '/package.json.map')).toBeNull();
    expect(resolveAsset(root, '/app.asar')).toBeNull();
  });
});
