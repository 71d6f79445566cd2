import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';

export interface PaintFigure {
  readonly ratio: number;
  readonly subjectMs: number;
  readonly baselineMs: number;
  readonly samples: number;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * First paint of the structured record's consultations list with `large` rows against the same list with `small`
 * rows, in Chromium at 1024×768. The bench-only page (`index.html` here) is built with Vite into a temp folder and
 * styled with the built app's CSS (`npm run build` first), so the list paints as it does in the app. Each sample is a
 * fresh document; sizes alternate so drift on a busy machine hits both alike.
 */
export async function listFirstPaint(opts: { small: number; large: number; rounds: number }): Promise<PaintFigure> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'gpc-bench-list-'));
  await build({
    configFile: false,
    root: path.resolve('test/bench/list-paint'),
    base: '/',
    logLevel: 'error',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, minify: true, reportCompressedSize: false },
  });
  const cssDir = 'out/renderer/assets';
  const css = readdirSync(cssDir)
    .filter((f) => f.endsWith('.css'))
    .map((f) => readFileSync(path.join(cssDir, f), 'utf8'))
    .join('\n');
  const files = new Map<string, { type: string; body: string | Buffer }>([
    ['/app.css', { type: 'text/css', body: css }],
  ]);
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0] ?? '/';
    const known = files.get(url);
    if (known) return void res.writeHead(200, { 'content-type': known.type }).end(known.body);
    const file = path.join(outDir, url === '/' ? 'index.html' : path.normalize(url));
    if (!file.startsWith(outDir)) return void res.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const paint = async (n: number) => {
      await page.goto(url);
      await page.waitForFunction(() => typeof window.__paint === 'function');
      const ms = await page.evaluate((rows) => window.__paint(rows), n);
      // The list really is there (and, for the large one, virtualised: a screenful of rows, not all of them).
      const rendered = await page.locator('[data-testid="consultations"] tbody tr:not([aria-hidden])').count();
      if (rendered === 0 || rendered > Math.min(n, 200)) throw new Error(`unexpected ${rendered} rows for ${n}`);
      return ms;
    };
    await paint(opts.small);
    await paint(opts.large);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < opts.rounds; i += 1) {
      small.push(await paint(opts.small));
      large.push(await paint(opts.large));
    }
    return {
      ratio: median(large) / median(small),
      subjectMs: median(large),
      baselineMs: median(small),
      samples: opts.rounds,
    };
  } finally {
    await browser.close();
    server.close();
  }
}
