import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkstationConfig } from '../../shared/config/config-schema';
import { workstationConfigSchema } from '../../shared/config/config-schema';
import { ConfigError } from './config-error';

/**
 * Reads the workstation configuration: built-in defaults < machine policy (IT) < user settings < an explicit file
 * (`--config`), then `GPC_MODE` from the environment. Each layer is a JSON file; objects merge key by key, arrays
 * and values replace. The result is validated as a whole; an error names the key at fault and the file that set it.
 */
export interface ConfigSources {
  /** Machine policy, written by IT (see `configPaths`). Missing is fine. */
  readonly policyFile?: string | undefined;
  /** The user's settings. Missing is fine. */
  readonly userFile?: string | undefined;
  /** Given on a command line: must exist. */
  readonly file?: string | undefined;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const DEFAULTS: JsonObject = { mode: 'demo' };

/** Keys holding file paths: resolved against the folder of the file that set them. */
const PATH_KEYS = new Set([
  'tls.clientCertificate',
  'tls.clientKey',
  'tls.pkcs12',
  'tls.trustedCa',
  'audit.directory',
  'session.smartcard.module',
  'session.smartcard.trustedCa',
]);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readLayer(file: string, required: boolean): JsonObject | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!required && code === 'ENOENT') return null;
    throw new ConfigError(`${file}: cannot be read (${code ?? 'error'})`);
  }
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (err) {
    throw new ConfigError(`${file}: is not valid JSON (${err instanceof Error ? err.message : 'parse error'})`);
  }
  if (!isObject(parsed)) throw new ConfigError(`${file}: must hold a JSON object`);
  return parsed;
}

/** Merges `layer` into `into`, recording which file set each key, and resolving relative paths. */
function mergeLayer(into: JsonObject, layer: JsonObject, file: string, origin: Map<string, string>, prefix = ''): void {
  for (const [key, value] of Object.entries(layer)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new ConfigError(`${file}: key "${prefix}${key}" is not allowed`);
    }
    const dotted = `${prefix}${key}`;
    if (isObject(value)) {
      const existing = into[key];
      const target: JsonObject = isObject(existing) ? existing : {};
      into[key] = target;
      mergeLayer(target, value, file, origin, `${dotted}.`);
      if (!origin.has(dotted)) origin.set(dotted, file);
      continue;
    }
    let resolved: Json = value;
    if (PATH_KEYS.has(dotted)) {
      const base = path.dirname(path.resolve(file));
      const toAbsolute = (p: Json): Json => (typeof p === 'string' && p !== '' ? path.resolve(base, p) : p);
      resolved = Array.isArray(value) ? value.map(toAbsolute) : toAbsolute(value);
    }
    into[key] = resolved;
    origin.set(dotted, file);
  }
}

function fileFor(issuePath: readonly PropertyKey[], origin: Map<string, string>): string {
  for (let n = issuePath.length; n > 0; n -= 1) {
    const file = origin.get(issuePath.slice(0, n).map(String).join('.'));
    if (file) return file;
  }
  return [...new Set(origin.values())].join(', ') || 'built-in defaults';
}

export function loadWorkstationConfig(
  sources: ConfigSources,
  env: Readonly<Record<string, string | undefined>> = {},
): WorkstationConfig {
  const merged: JsonObject = structuredClone(DEFAULTS);
  const origin = new Map<string, string>([['mode', 'built-in defaults']]);
  const layers: [string | undefined, boolean][] = [
    [sources.policyFile, false],
    [sources.userFile, false],
    [sources.file, true],
  ];
  for (const [file, required] of layers) {
    if (!file) continue;
    const layer = readLayer(file, required);
    if (layer) mergeLayer(merged, layer, file, origin);
  }
  const mode = env['GPC_MODE'];
  if (mode !== undefined) {
    merged['mode'] = mode;
    origin.set('mode', 'the GPC_MODE environment variable');
  }
  const checked = workstationConfigSchema.safeParse(merged);
  if (!checked.success) {
    const problems = checked.error.issues.slice(0, 5).map((issue) => {
      const key = issue.path.map(String).join('.') || '(top level)';
      return `${fileFor(issue.path, origin)}: ${key}: ${issue.message}`;
    });
    throw new ConfigError(`The configuration is not valid:\n  ${problems.join('\n  ')}`);
  }
  return checked.data;
}
