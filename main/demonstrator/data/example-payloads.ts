import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The published GP Connect example payloads kept in the repository (`assets/gpconnect/examples/`), read at run time
 * and parsed once. Found by walking up from this module, so the same code works from the sources (tests) and from the
 * built `out/main/demonstrator.js` (the CLI), both of which sit below the repository root.
 */
type Json = Record<string, unknown>;
const EXAMPLES = path.join('assets', 'gpconnect', 'examples');
const cache = new Map<string, unknown>();

function examplesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, EXAMPLES);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`demonstrator: cannot find ${EXAMPLES} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** A parsed example (shared, never to be modified: clone what you change). */
export function examplePayload(relativePath: string): Json {
  let value = cache.get(relativePath);
  if (value === undefined) {
    value = JSON.parse(readFileSync(path.join(examplesDir(), relativePath), 'utf8')) as unknown;
    cache.set(relativePath, value);
  }
  return value as Json;
}

/** An example as text (the HTML layout skeletons). */
export function exampleText(relativePath: string): string {
  return readFileSync(path.join(examplesDir(), relativePath), 'utf8');
}
