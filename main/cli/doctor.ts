import { lookup } from 'node:dns/promises';
import type { Dispatcher } from 'undici';
import type { LiveConfig } from '../../shared/config/config-schema';
import { certificateWarning, reportCertificate } from '../certs/certificate-report';
import { loadTlsCredentials } from '../certs/credentials';
import { SpineError } from '../spine/spine-error';
import { spineHttp } from '../spine/spine-http';
import type { TlsCredentials } from '../spine/tls-agent';
import { createSpineAgent } from '../spine/tls-agent';

export type Verdict = 'pass' | 'warn' | 'fail';

export interface DoctorLine {
  readonly check: string;
  readonly verdict: Verdict;
  readonly detail: string;
}

/** Beyond this the JWT `iat`/`exp` checks at the provider start to fail (SPEC §3.2). */
const SKEW_WARN_SECONDS = 60;
const SKEW_FAIL_SECONDS = 200;

async function reach(agent: Dispatcher, name: string, url: string): Promise<{ lines: DoctorLine[]; date?: string }> {
  const host = new URL(url).hostname;
  const lines: DoctorLine[] = [];
  try {
    const { address } = await lookup(host);
    lines.push({ check: `${name} DNS`, verdict: 'pass', detail: `${host} → ${address}` });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { lines: [{ check: `${name} DNS`, verdict: 'fail', detail: `${host} does not resolve (${code})` }] };
  }
  try {
    // Any HTTP answer proves the mutual-TLS handshake; the status of a bare base URL does not matter.
    const response = await spineHttp(agent, { method: 'GET', url, headers: {}, timeoutMs: 10_000 });
    lines.push({ check: `${name} TLS`, verdict: 'pass', detail: `mutual TLS handshake ok (HTTP ${response.status})` });
    return response.headers['date'] ? { lines, date: response.headers['date'] } : { lines };
  } catch (err) {
    const detail = err instanceof SpineError ? (err.failure.detail ?? err.failure.message) : String(err);
    lines.push({ check: `${name} TLS`, verdict: 'fail', detail });
    return { lines };
  }
}

/**
 * `gpc doctor`: is this workstation able to reach Spine? Configuration, endpoint certificate (expiry, key, chain),
 * clock skew, and DNS + mutual TLS to SSP, PDS and SDS; a verdict per line.
 */
export async function runDoctor(
  config: LiveConfig,
  configFile: string,
  now: () => Date,
  /** Credentials already loaded (the app's, in memory for the built-in demonstrator); otherwise read from files. */
  loaded?: TlsCredentials,
): Promise<DoctorLine[]> {
  const lines: DoctorLine[] = [
    { check: 'configuration', verdict: 'pass', detail: `valid live configuration (${configFile})` },
  ];
  let credentials;
  try {
    credentials = loaded ?? (await loadTlsCredentials(config.tls));
  } catch (err) {
    lines.push({ check: 'certificate', verdict: 'fail', detail: err instanceof Error ? err.message : String(err) });
    return lines;
  }
  const report = reportCertificate(credentials, now());
  const expiry = report.notAfter.slice(0, 10);
  if (report.daysToExpiry < 0) {
    lines.push({ check: 'certificate', verdict: 'fail', detail: `${report.subject}: expired on ${expiry}` });
  } else {
    const warning = certificateWarning(report);
    lines.push({
      check: 'certificate',
      verdict: warning ? 'warn' : 'pass',
      detail: warning ?? `${report.subject}: valid until ${expiry} (${report.daysToExpiry} days)`,
    });
  }
  lines.push({
    check: 'private key',
    verdict: report.keyMatches ? 'pass' : 'fail',
    detail: report.keyMatches ? 'matches the certificate' : 'does not match the certificate',
  });
  lines.push({
    check: 'certificate chain',
    verdict: report.chainProblem ? 'fail' : 'pass',
    detail: report.chainProblem ?? `issued by ${report.issuer}, chains to a trusted CA`,
  });

  const agent = createSpineAgent(credentials);
  let serverDate: string | undefined;
  try {
    for (const [name, url] of [
      ['SSP', config.spine.sspBaseUrl],
      ['PDS', config.spine.pdsBaseUrl],
      ['SDS', config.spine.sdsBaseUrl],
    ] as const) {
      const result = await reach(agent, name, url);
      lines.push(...result.lines);
      serverDate ??= result.date;
    }
  } finally {
    await agent.close();
  }
  if (serverDate) {
    const skew = Math.round((now().getTime() - new Date(serverDate).getTime()) / 1000);
    const verdict: Verdict =
      Math.abs(skew) > SKEW_FAIL_SECONDS ? 'fail' : Math.abs(skew) > SKEW_WARN_SECONDS ? 'warn' : 'pass';
    lines.push({
      check: 'clock skew',
      verdict,
      detail: `${skew} s against Spine's clock${verdict === 'pass' ? '' : ': synchronise the clock (NTP)'}`,
    });
  } else {
    lines.push({ check: 'clock skew', verdict: 'fail', detail: 'could not be measured: no Spine service answered' });
  }
  return lines;
}

export function formatDoctor(lines: readonly DoctorLine[]): string {
  const width = Math.max(...lines.map((l) => l.check.length), 5);
  const rows = lines.map((l) => `${l.check.padEnd(width)}  ${l.verdict.toUpperCase().padEnd(4)}  ${l.detail}`);
  const failed = lines.filter((l) => l.verdict === 'fail').length;
  return [...rows, '', failed === 0 ? 'doctor: all checks passed' : `doctor: ${failed} check(s) failed`].join('\n');
}
