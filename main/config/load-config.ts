import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildFlavour } from '../../shared/app/build-info';
import type { WorkstationConfig } from '../../shared/config/config-schema';
import { configLayerSchema, workstationConfigSchema } from '../../shared/config/config-schema';
import { ConfigError } from './config-error';

/**
 * Reads the workstation configuration: built-in defaults < user settings < an explicit file (`--config`) <
 * machine policy (IT), with `GPC_MODE` from the environment applied before policy. Policy wins over everything the
 * user controls, and every key it sets is reported as locked. Each layer is a JSON file, checked on its own
 * (the key at fault and the file are named); objects merge key by key, arrays and values replace; the result is
 * validated as a whole. In the demo build (flavour `demo`) live mode is refused from every source.
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

/** Dotted keys of the values a layer sets (arrays count as one value). */
function leafKeys(layer: JsonObject, prefix = ''): string[] {
  return Object.entries(layer).flatMap(([key, value]) =>
    isObject(value) ? leafKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function checkLayer(layer: JsonObject, file: string): void {
  // Named before the schema's "unrecognized key", which would not say why.
  mergeLayer({}, layer, file, new Map());
  const checked = configLayerSchema.safeParse(layer);
  if (checked.success) return;
  const problems = checked.error.issues.slice(0, 5).map((issue) => {
    const key = issue.path.map(String).join('.') || '(top level)';
    return `${file}: ${key}: ${issue.message}`;
  });
  throw new ConfigError(`The configuration is not valid:\n  ${problems.join('\n  ')}`);
}

/** Who fixed a setting so that the user cannot change it. */
export type LockSource = 'policy' | 'build';

export interface LoadedConfig {
  readonly config: WorkstationConfig;
  /** Dotted key → who locked it: machine policy, or the build (the demo flavour's mode). */
  readonly locks: ReadonlyMap<string, LockSource>;
}

export interface LoadOptions {
  /** The build flavour; `demo` refuses live mode whatever any file, variable or policy says. */
  readonly flavour?: BuildFlavour;
}

const DEMO_BUILD_REFUSES_LIVE =
  'mode "live" is not available in the GP Connect Workstation demo build (offline, synthetic patients only); ' +
  'install the clinical build for live use';

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
  options: LoadOptions = {},
): WorkstationConfig {
  return loadConfigWithLocks(sources, env, options).config;
}

export function loadConfigWithLocks(
  sources: ConfigSources,
  env: Readonly<Record<string, string | undefined>> = {},
  options: LoadOptions = {},
): LoadedConfig {
  const demoBuild = options.flavour === 'demo';
  const merged: JsonObject = structuredClone(DEFAULTS);
  const origin = new Map<string, string>([['mode', 'built-in defaults']]);
  const refuseLive = (value: Json | undefined, source: string): void => {
    if (demoBuild && value === 'live') throw new ConfigError(`${source}: ${DEMO_BUILD_REFUSES_LIVE}`);
  };
  const apply = (file: string | undefined, required: boolean): JsonObject | null => {
    if (!file) return null;
    const layer = readLayer(file, required);
    if (!layer) return null;
    checkLayer(layer, file);
    refuseLive(layer['mode'], file);
    mergeLayer(merged, layer, file, origin);
    return layer;
  };
  apply(sources.userFile, false);
  apply(sources.file, true);
  const mode = env['GPC_MODE'];
  if (mode !== undefined) {
    refuseLive(mode, 'the GPC_MODE environment variable');
    merged['mode'] = mode;
    origin.set('mode', 'the GPC_MODE environment variable');
  }
  const policy = apply(sources.policyFile, false);
  const locks = new Map<string, LockSource>(policy ? leafKeys(policy).map((k) => [k, 'policy'] as const) : []);
  if (demoBuild) locks.set('mode', 'build');
  const checked = workstationConfigSchema.safeParse(merged);
  if (!checked.success) {
    const problems = checked.error.issues.slice(0, 5).map((issue) => {
      const key = issue.path.map(String).join('.') || '(top level)';
      return `${fileFor(issue.path, origin)}: ${key}: ${issue.message}`;
    });
    throw new ConfigError(`The configuration is not valid:\n  ${problems.join('\n  ')}`);
  }
  // Belt and braces: whatever path led here, the demo build never hands out a live configuration.
  if (demoBuild && checked.data.mode !== 'demo') throw new ConfigError(DEMO_BUILD_REFUSES_LIVE);
  return { config: checked.data, locks };
}
