import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from '../../main/ipc/sender';

const trusted = ['app://workstation'];

describe('isTrustedSenderUrl', () => {
  it('accepts our own page', () => {
    expect(isTrustedSenderUrl('app://workstation/index.html', trusted)).toBe(true);
    expect(isTrustedSenderUrl('app://workstation/index.html#x', trusted)).toBe(true);
  });
  it.each([
    undefined,
    '',
    'about:blank',
    'file:///tmp/evil.html',
    'data:text/html,<script>1</script>',
    'https://workstation/index.html',
    'app://workstation.evil/index.html',
    'app://evil/index.html',
    'http://127.0.0.1:5173/',
    'not a url',
  ])('refuses %j', (url) => {
    expect(isTrustedSenderUrl(url, trusted)).toBe(false);
  });
});
