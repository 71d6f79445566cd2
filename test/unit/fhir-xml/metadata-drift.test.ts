// The committed STU3 metadata is exactly what the generator makes from @types/fhir 3.0.2: it cannot drift.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STU3_METADATA_SOURCE } from '../../../shared/fhir/xml';
import { indexMetadata } from '../../../shared/fhir/xml/metadata-types';
import { STU3_RESOURCE_TYPES, STU3_TYPES } from '../../../shared/fhir/xml/stu3-metadata.generated';

const ROOT = join(__dirname, '../../..');

function names(type: string): string[] {
  const def = indexMetadata(STU3_TYPES).get(type);
  if (!def) throw new Error(type);
  return def.elements.map((e) => e.name);
}

describe('STU3 metadata', () => {
  it('regenerating yields exactly the committed file', () => {
    const generated = execFileSync(process.execPath, ['scripts/generate-fhir-xml-metadata.mjs', '--stdout'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const committed = readFileSync(join(ROOT, 'shared/fhir/xml/stu3-metadata.generated.ts'), 'utf8');
    expect(generated === committed).toBe(true);
  }, 60_000);

  it('comes from @types/fhir 3.0.2 and lists the STU3 resources', () => {
    expect(STU3_METADATA_SOURCE).toBe('@types/fhir 3.0.2');
    expect(STU3_RESOURCE_TYPES).toHaveLength(117);
    for (const r of ['ProcedureRequest', 'ReferralRequest', 'MedicationStatement', 'Bundle', 'Parameters', 'Binary']) {
      expect(STU3_RESOURCE_TYPES).toContain(r);
    }
    // R4-only resources are absent.
    expect(STU3_RESOURCE_TYPES).not.toContain('ServiceRequest');
    expect(STU3_RESOURCE_TYPES).not.toContain('MedicationKnowledge');
  });

  // Element order checked by hand against the STU3 resource pages (hl7.org/fhir/STU3/<resource>.html).
  it('keeps the FHIR element order', () => {
    const resource = ['id', 'meta', 'implicitRules', 'language', 'text', 'contained', 'extension', 'modifierExtension'];
    expect(names('Patient')).toEqual([
      ...resource,
      ...['identifier', 'active', 'name', 'telecom', 'gender', 'birthDate', 'deceasedBoolean', 'deceasedDateTime'],
      ...['address', 'maritalStatus', 'multipleBirthBoolean', 'multipleBirthInteger', 'photo', 'contact', 'animal'],
      ...['communication', 'generalPractitioner', 'managingOrganization', 'link'],
    ]);
    expect(names('AllergyIntolerance').slice(8)).toEqual([
      ...['identifier', 'clinicalStatus', 'verificationStatus', 'type', 'category', 'criticality', 'code', 'patient'],
      ...['onsetDateTime', 'onsetAge', 'onsetPeriod', 'onsetRange', 'onsetString', 'assertedDate', 'recorder'],
      ...['asserter', 'lastOccurrence', 'note', 'reaction'],
    ]);
    expect(names('MedicationStatement').slice(8)).toEqual([
      ...['identifier', 'basedOn', 'partOf', 'context', 'status', 'category', 'medicationCodeableConcept'],
      ...['medicationReference', 'effectiveDateTime', 'effectivePeriod', 'dateAsserted', 'informationSource'],
      ...['subject', 'derivedFrom', 'taken', 'reasonNotTaken', 'reasonCode', 'reasonReference', 'note', 'dosage'],
    ]);
    expect(names('Bundle')).toEqual([
      ...['id', 'meta', 'implicitRules', 'language', 'identifier', 'type', 'total', 'link', 'entry', 'signature'],
    ]);
    expect(names('BundleEntry')).toEqual([
      ...['id', 'extension', 'modifierExtension', 'link', 'fullUrl', 'resource', 'search', 'request', 'response'],
    ]);
    expect(names('Extension').slice(0, 4)).toEqual(['id', 'extension', 'url', 'valueBase64Binary']);
    expect(names('Narrative')).toEqual(['id', 'extension', 'status', 'div']);
  });

  it('types primitives, xhtml, resources and choices', () => {
    const types = indexMetadata(STU3_TYPES);
    const el = (t: string, n: string) => types.get(t)?.byName.get(n);
    expect(el('Patient', 'active')).toMatchObject({ type: 'boolean', array: false });
    expect(el('Patient', 'gender')).toMatchObject({ type: 'code' });
    expect(el('Patient', 'deceasedBoolean')).toMatchObject({ choice: 'deceased' });
    expect(el('HumanName', 'given')).toMatchObject({ type: 'string', array: true });
    expect(el('Quantity', 'value')).toMatchObject({ type: 'decimal' });
    expect(el('Narrative', 'div')).toMatchObject({ type: 'xhtml', required: true });
    expect(el('BundleEntry', 'resource')).toMatchObject({ type: 'Resource', array: false });
    expect(el('Patient', 'contained')).toMatchObject({ type: 'Resource', array: true });
    expect(el('ParametersParameter', 'part')).toMatchObject({ type: 'ParametersParameter', array: true });
    expect(el('MedicationStatement', 'taken')).toMatchObject({ type: 'code', required: true });
    // Not choices, although they share a stem: both repeat.
    expect(el('ProcedureRequest', 'reasonCode')?.choice).toBeUndefined();
    expect(el('CodeSystemProperty', 'type')).toMatchObject({ type: 'code' });
    expect(types.get('Element')?.elements.map((e) => e.name)).toEqual(['id', 'extension']);
  });
});
