import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The built `gpc` command line, as IT would run it (`npm test` builds before the Vitest suites). */
const GPC = 'out/main/gpc.js';

function gpc(...args: string[]) {
  if (!existsSync(GPC)) throw new Error(`${GPC} is missing: run \`npm run build\` first`);
  const r = spawnSync(process.execPath, [GPC, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gpc command line (built-in demonstrator)', () => {
  it('doctor passes and exits 0', () => {
    const r = gpc('doctor');
    expect(r.stdout).toContain('doctor: all checks passed');
    expect(r.code).toBe(0);
  });

  it('patient.trace prints the traced patient as JSON and exits 0', () => {
    const r = gpc('patient.trace', '{"nhsNumber":"9658218873"}');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { patient: { nhsNumber: string; source: string }; tracedAt: string };
    expect(out.patient).toMatchObject({ nhsNumber: '9658218873', source: 'PDS' });
    expect(Number.isNaN(Date.parse(out.tracedAt))).toBe(false);
  });

  it('a typed error is printed and the exit code is non-zero', () => {
    const r = gpc('patient.trace', '{"nhsNumber":"9999999999"}');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr.slice(r.stderr.indexOf('{')))).toMatchObject({ code: 'PATIENT_NOT_FOUND' });
  });

  it.each([
    [['patient.trace', 'not json'], 'not valid JSON'],
    [['no.such.channel'], 'unknown command or channel'],
    [['--config', '/nonexistent/config.json', 'doctor'], 'cannot be read'],
    [['--bogus'], 'usage: gpc'],
  ])('%j exits 2 with a clear message', (args, message) => {
    const r = gpc(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('gpc record channels (built-in demonstrator)', () => {
  it('record.structured prints the rich demo record as its view model (traced first, no raw Bundle)', () => {
    const r = gpc('record.structured', '{"nhsNumber":"9658218873"}');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      odsCode: string;
      bundle?: unknown;
      areas: Record<string, { availability: { status: string } }>;
    };
    expect(out.odsCode).toBe('A20047');
    expect(out.bundle).toBeUndefined();
    expect(out.areas['allergies']?.availability.status).toBe('present');
    expect(out.areas['investigations']?.availability.status).toBe('present');
  });

  it('record.structured for the dissent patient prints NO_PATIENT_CONSENT and exits non-zero', () => {
    const r = gpc('record.structured', '{"nhsNumber":"9450056234"}');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr.slice(r.stderr.indexOf('{')))).toMatchObject({
      code: 'SPINE_ERROR',
      spine: { code: 'NO_PATIENT_CONSENT', httpStatus: 403 },
    });
  });

  it('record.html for a restricted patient stops before any GP Connect call', () => {
    const r = gpc('record.html', '{"nhsNumber":"9658220142","section":"SUM"}');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr.slice(r.stderr.indexOf('{')))).toMatchObject({ code: 'PATIENT_RESTRICTED' });
  });
});
