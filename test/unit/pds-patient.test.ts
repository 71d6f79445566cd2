import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PdsPatientError, toPatientSummary } from '../../main/directory/pds-patient';
import { DEMO_PDS_PATIENTS } from '../../main/demonstrator/data/pds-patients';

const examples = 'assets/gpconnect/examples/pds';
function example(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../${examples}/${name}`, import.meta.url), 'utf8'));
}
const opts = { source: 'PDS', today: '2025-06-01' };

describe('toPatientSummary (PDS R4 Patient)', () => {
  it('reads the published PDS example patient', () => {
    const summary = toPatientSummary(example('Patient.json'), opts);
    expect(summary).toMatchObject({
      nhsNumber: '9000000009',
      name: { family: 'Smith', given: ['Jane'], prefix: ['Mrs'] },
      birthDate: '2010-10-22',
      gender: 'female',
      restricted: false,
      deceasedDate: '2010-10-22',
      registeredPractice: { odsCode: 'Y12345' },
    });
    expect(summary.address?.postcode).toBeDefined();
  });

  it('marks the published sensitive example restricted and carries no address or practice', () => {
    const summary = toPatientSummary(example('Sensitive_Patient.json'), opts);
    expect(summary.restricted).toBe(true);
    expect(summary.address).toBeUndefined();
    expect(summary.registeredPractice).toBeUndefined();
  });

  it('never passes on an address for a restricted patient, even if one was sent', () => {
    const leaked = {
      ...(example('Sensitive_Patient.json') as object),
      address: [{ use: 'home', line: ['1 Secret Street'], postalCode: 'ZZ1 1ZZ' }],
    };
    const summary = toPatientSummary(leaked, opts);
    expect(JSON.stringify(summary)).not.toContain('Secret');
  });

  it('refuses a Patient without a family name or birth date instead of showing half a banner', () => {
    expect(() => toPatientSummary({ resourceType: 'Patient', id: '1', birthDate: '2000-01-01' }, opts)).toThrow(
      PdsPatientError,
    );
    expect(() => toPatientSummary({ resourceType: 'Patient', id: '1', name: [{ family: 'X' }] }, opts)).toThrow(
      /birth date/,
    );
    expect(() => toPatientSummary({ resourceType: 'Observation' }, opts)).toThrow(PdsPatientError);
  });

  it('reads every synthetic demo patient', () => {
    for (const patient of DEMO_PDS_PATIENTS) {
      expect(() => toPatientSummary(patient, opts)).not.toThrow();
    }
  });

  it('prefers the current usual name over a historic one', () => {
    const summary = toPatientSummary(
      {
        resourceType: 'Patient',
        id: '1',
        birthDate: '2000-01-01',
        name: [
          { use: 'usual', family: 'Old', period: { end: '2020-01-01' } },
          { use: 'usual', family: 'New', period: { start: '2020-01-02' } },
        ],
      },
      opts,
    );
    expect(summary.name.family).toBe('New');
  });
});
