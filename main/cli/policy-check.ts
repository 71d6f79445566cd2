import { readFileSync } from 'node:fs';
import type { BuildFlavour } from '../../shared/app/build-info';
import { configLayerSchema } from '../../shared/config/config-schema';

/**
 * `gpc policy check FILE`: is this a machine policy file the workstation accepts, and what does it lock?
 * Exit codes: 0 valid (prints each key it sets); 1 not a valid policy (prints each key at fault with the reason);
 * 2 usage error or the file cannot be read.
 */
export interface PolicyCheckResult {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

/** Values never echoed, even to the administrator's console: they end up in deployment logs. */
const SECRET_KEYS = new Set(['spine.sdsApiKey', 'tls.pkcs12Passphrase']);

function settings(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[prefix.slice(0, -1), value]];
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? settings(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}

export function checkPolicyFile(file: string | undefined, flavour: BuildFlavour): PolicyCheckResult {
  if (!file) return { code: 2, stdout: '', stderr: 'gpc policy check: needs the policy FILE to check' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { code: 2, stdout: '', stderr: `gpc policy check: ${file}: cannot be read (${code})` };
  }
  const refuse = (lines: string[]): PolicyCheckResult => ({
    code: 1,
    stdout: '',
    stderr: `${file}: not a valid policy file:\n${lines.map((l) => `  ${l}`).join('\n')}`,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return refuse([`(file): is not valid JSON (${err instanceof Error ? err.message : 'parse error'})`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse(['(top level): must hold a JSON object']);
  }
  const checked = configLayerSchema.safeParse(parsed);
  if (!checked.success) {
    return refuse(
      checked.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`),
    );
  }
  if (flavour === 'demo' && checked.data.mode === 'live') {
    return refuse(['mode: "live" is not available in the demo build; the demo build refuses this policy']);
  }
  const set = settings(checked.data).filter(([key]) => key !== '');
  const lines = set.map(
    ([key, value]) => `  ${key} = ${SECRET_KEYS.has(key) ? '(set, not shown)' : JSON.stringify(value)}`,
  );
  const stdout =
    set.length === 0
      ? `${file}: valid; it sets nothing (no setting is locked)`
      : `${file}: valid; it sets and locks ${set.length} setting(s):\n${lines.join('\n')}`;
  return { code: 0, stdout, stderr: '' };
}
