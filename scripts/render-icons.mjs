// `node scripts/render-icons.mjs`: renders assets/icon.svg to the PNGs electron-builder packs (assets/icon.png at
// 1024 px for macOS and as the source of the Windows .ico, which electron-builder makes from it; assets/icons/NxN.png
// for Linux desktops), with the system Chromium through Playwright. Run after editing the SVG; the PNGs are committed
// so that packaging needs no browser.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const svg = readFileSync('assets/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  mkdirSync('assets/icons', { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`,
    );
    const file = size === 1024 ? 'assets/icon.png' : path.join('assets/icons', `${size}x${size}.png`);
    await page.screenshot({ path: file, omitBackground: true });
    console.log(`icons: ${file}`);
  }
} finally {
  await browser.close();
}
