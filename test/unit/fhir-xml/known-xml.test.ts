// A hand-verified FHIR XML Patient (fixtures/patient-example.xml) against the codec, in both directions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fhirJsonToXml, fhirXmlToJson } from '../../../shared/fhir/xml';

const fixture = readFileSync(join(__dirname, 'fixtures/patient-example.xml'), 'utf8');

/** Drop comments and the indentation between tags (the fixture's div has none of its own). */
function normalise(xml: string): string {
  return xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .trim();
}

const json = {
  resourceType: 'Patient',
  id: 'example',
  meta: { versionId: '1', profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/CareConnect-GPC-Patient-1'] },
  text: {
    status: 'generated',
    div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Peter James <b>Chalmers</b> (&quot;Jim&quot;)</p><p>DOB: 25 Dec 1974 &amp; MRN 12345</p></div>',
  },
  contained: [{ resourceType: 'Organization', id: 'gp', name: 'Gastroenterology & Hepatology' }],
  extension: [
    {
      url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-NHSCommunication-1',
      extension: [{ url: 'interpreterRequired', valueBoolean: false }],
    },
  ],
  identifier: [
    {
      use: 'usual',
      type: { coding: [{ system: 'http://hl7.org/fhir/v2/0203', code: 'MR' }] },
      system: 'urn:oid:1.2.36.146.595.217.0.1',
      value: '12345',
      period: { start: '2001-05-06' },
    },
  ],
  active: true,
  name: [
    { id: 'n1', use: 'official', family: 'Chalmers', given: ['Peter', 'James'] },
    { use: 'usual', given: ['Jim'] },
  ],
  telecom: [{ system: 'phone', value: '(03) 5555 6473', use: 'work', rank: 1 }],
  gender: 'male',
  birthDate: '1974-12-25',
  _birthDate: {
    extension: [
      { url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '1974-12-25T14:35:45-05:00' },
    ],
  },
  deceasedBoolean: false,
  address: [
    {
      use: 'home',
      type: 'both',
      text: '534 Erewhon St\nPeasantVille, Rainbow, Vic  3999',
      line: ['534 Erewhon St'],
      city: 'PleasantVille',
      postalCode: '3999',
    },
  ],
  managingOrganization: { reference: '#gp' },
};

describe('hand-verified FHIR XML', () => {
  it('JSON -> XML gives the fixture (whitespace between tags aside)', () => {
    expect(normalise(fhirJsonToXml(json))).toBe(normalise(fixture));
  });

  it('XML -> JSON gives the JSON form', () => {
    expect(fhirXmlToJson(fixture)).toEqual(json);
  });
});
