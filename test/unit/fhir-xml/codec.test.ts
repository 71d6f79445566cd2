// Targeted behaviour of the STU3 XML codec: primitives and their extensions, decimals, the XHTML div, choice
// types, contained and entry resources, and strictness (unknown elements, namespaces, order, malformed XML).
import { describe, expect, it } from 'vitest';
import type { FhirXmlErrorCode } from '../../../shared/fhir/xml';
import { FhirXmlError, fhirJsonToXml, fhirXmlToJson } from '../../../shared/fhir/xml';

const NS = 'xmlns="http://hl7.org/fhir"';
const XHTML = 'http://www.w3.org/1999/xhtml';

function roundTrip(json: Record<string, unknown>): string {
  const xml = fhirJsonToXml(json);
  expect(fhirXmlToJson(xml)).toEqual(json);
  return xml;
}

function errorOf(fn: () => unknown): FhirXmlError {
  try {
    fn();
  } catch (e: unknown) {
    if (e instanceof FhirXmlError) return e;
    throw new Error(`expected a FhirXmlError, got ${String(e)}`);
  }
  throw new Error('expected a FhirXmlError, nothing was thrown');
}

function expectError(fn: () => unknown, code: FhirXmlErrorCode, message?: RegExp): FhirXmlError {
  const e = errorOf(fn);
  expect(e.code).toBe(code);
  if (message) expect(e.message).toMatch(message);
  return e;
}

const EXT = 'http://example.org/fhir/StructureDefinition/precision';

describe('primitives', () => {
  it('types JSON numbers and booleans from the STU3 definitions', () => {
    const json = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Temperature' },
      valueQuantity: { value: 36.7, unit: 'C', system: 'http://unitsofmeasure.org', code: 'Cel' },
    };
    const xml = roundTrip(json);
    expect(xml).toContain('<valueQuantity><value value="36.7"/><unit value="C"/>');
    const patient = { resourceType: 'Patient', active: false, multipleBirthInteger: 2 };
    expect(roundTrip(patient)).toContain('<active value="false"/>');
    expect(fhirXmlToJson(`<Patient ${NS}><active value="true"/><multipleBirthInteger value="3"/></Patient>`)).toEqual({
      resourceType: 'Patient',
      active: true,
      multipleBirthInteger: 3,
    });
  });

  it('carries an extension and id on a primitive (_birthDate) as XML attributes and children', () => {
    const json = {
      resourceType: 'Patient',
      birthDate: '1970-03-01',
      _birthDate: { id: 'dob', extension: [{ url: EXT, valueCode: 'day' }] },
    };
    const xml = roundTrip(json);
    expect(xml).toContain(
      `<birthDate id="dob" value="1970-03-01"><extension url="${EXT}"><valueCode value="day"/></extension></birthDate>`,
    );
  });

  it('allows a primitive with an extension and no value', () => {
    const json = { resourceType: 'Patient', _birthDate: { extension: [{ url: EXT, valueString: 'unknown' }] } };
    expect(roundTrip(json)).toContain(`<birthDate><extension url="${EXT}">`);
  });

  it('aligns arrays of primitives with their _ arrays, null where one side is missing', () => {
    const json = {
      resourceType: 'Patient',
      name: [
        {
          given: ['Ann', null, 'Bea'],
          _given: [null, { extension: [{ url: EXT, valueString: 'x' }] }, { id: 'g3' }],
        },
      ],
    };
    const xml = roundTrip(json);
    expect(xml).toContain(`<given value="Ann"/><given><extension url="${EXT}">`);
    expect(xml).toContain('<given id="g3" value="Bea"/>');
    // Without any extension, no _given is produced.
    roundTrip({ resourceType: 'Patient', name: [{ given: ['A', 'B'] }] });
  });

  it('escapes markup, quotes, line breaks and tabs in values and reads them back', () => {
    const json = { resourceType: 'Patient', name: [{ text: 'A & B <c> "d" \'e\'\nline two\ttab\r\n' }] };
    const xml = roundTrip(json);
    expect(xml).toContain('value="A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;&#10;line two&#9;tab&#13;&#10;"');
    expect(roundTrip({ resourceType: 'Patient', name: [{ text: 'Zoë Ångström 李 😀' }] })).toContain(
      'Zoë Ångström 李 😀',
    );
  });

  it('refuses values of the wrong JSON type and characters XML cannot carry', () => {
    expectError(() => fhirJsonToXml({ resourceType: 'Patient', active: 'true' }), 'INVALID_VALUE', /boolean/);
    expectError(() => fhirJsonToXml({ resourceType: 'Patient', birthDate: 19700301 }), 'INVALID_VALUE');
    expectError(() => fhirJsonToXml({ resourceType: 'Patient', multipleBirthInteger: 1.5 }), 'INVALID_VALUE');
    expectError(() => fhirJsonToXml({ resourceType: 'Patient', name: [{ text: 'bell\u0007' }] }), 'INVALID_VALUE');
    expectError(() => fhirJsonToXml({ resourceType: 'Patient', name: { text: 'x' } }), 'INVALID_STRUCTURE', /array/);
    expectError(() => fhirJsonToXml({ resourceType: 'Patient', gender: ['male'] }), 'INVALID_STRUCTURE', /not be/);
    expectError(() => fhirJsonToXml({ resourceType: 'Patient', name: [] }), 'INVALID_STRUCTURE', /empty/);
  });

  it('refuses XML values that do not match the primitive type', () => {
    const p = (inner: string) => () => fhirXmlToJson(`<Patient ${NS}>${inner}</Patient>`);
    expectError(p('<active value="yes"/>'), 'INVALID_VALUE', /boolean/);
    expectError(p('<multipleBirthInteger value="1.0"/>'), 'INVALID_VALUE', /integer/);
    expectError(p('<multipleBirthInteger value="99999999999"/>'), 'INVALID_VALUE');
    expectError(p('<birthDate/>'), 'INVALID_STRUCTURE', /neither a value/);
    const q = (v: string) => () =>
      fhirXmlToJson(
        `<Observation ${NS}><status value="final"/><code/><valueQuantity><value value="${v}"/></valueQuantity></Observation>`,
      );
    expectError(q('abc'), 'INVALID_VALUE', /decimal/);
    expectError(q('1.'), 'INVALID_VALUE', /decimal/);
    expectError(q('NaN'), 'INVALID_VALUE', /decimal/);
  });
});

describe('decimals', () => {
  const obs = (value: number) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'x' },
    valueQuantity: { value },
  });
  const valueIn = (xml: string) => /<value value="([^"]*)"\/>/.exec(xml)?.[1];

  it('writes the shortest text that reads back as the same number, so JSON -> XML -> JSON is exact', () => {
    for (const v of [0, -1, 36.7, 0.405, 0.1 + 0.2, 123456789.123456, 1e-7, 6.02e23, -0.000015]) {
      const xml = roundTrip(obs(v));
      expect(Number(valueIn(xml))).toBe(v);
    }
    expect(valueIn(fhirJsonToXml(obs(0.1 + 0.2)))).toBe('0.30000000000000004');
    expect(valueIn(fhirJsonToXml(obs(1e21)))).toBe('1e+21');
  });

  it('reads XML decimals as JSON numbers: precision written beyond a double (trailing zeros) is a known limit', () => {
    const read = (v: string) =>
      fhirXmlToJson(
        `<Observation ${NS}><status value="final"/><code><text value="x"/></code><valueQuantity><value value="${v}"/></valueQuantity></Observation>`,
      ).valueQuantity;
    expect(read('1.50')).toEqual({ value: 1.5 }); // "1.50" -> 1.5: JSON numbers cannot keep the trailing zero
    expect(read('-0.001')).toEqual({ value: -0.001 });
    expect(read('1.5E3')).toEqual({ value: 1500 });
    expect(read('0.12345678901234567890')).toEqual({ value: 0.12345678901234568 }); // 17 significant digits
  });
});

describe('narrative (XHTML div)', () => {
  const div =
    `<div xmlns="${XHTML}"><h1 class="t">Allergies &amp; reactions</h1><p>a &lt; b, "quoted" &#x2014; caf\u00e9<br/>` +
    `<span title="x &amp; y">z</span></p><table><tr><td></td></tr></table>\n  <!-- note --></div>`;

  it('keeps the div as XHTML in XML and the exact string in JSON', () => {
    const json = { resourceType: 'Patient', text: { status: 'generated', div }, active: true };
    const xml = roundTrip(json);
    expect(xml).toContain(`<text><status value="generated"/>${div}</text><active value="true"/>`);
  });

  it('reads a div written by another system (indented, other namespace declarations)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <Patient xmlns="http://hl7.org/fhir">
        <text>
          <status value="generated"/>
          <div xmlns="${XHTML}">
            <p>Jane <b>Jackson</b></p>
          </div>
        </text>
      </Patient>`;
    expect(fhirXmlToJson(xml)).toEqual({
      resourceType: 'Patient',
      text: {
        status: 'generated',
        div: `<div xmlns="${XHTML}">\n            <p>Jane <b>Jackson</b></p>\n          </div>`,
      },
    });
  });

  it('adds the XHTML namespace to a JSON div that lacks it', () => {
    const json = { resourceType: 'Patient', text: { status: 'generated', div: '<div><p>x</p></div>' } };
    const xml = fhirJsonToXml(json);
    expect(xml).toContain(`<div xmlns="${XHTML}"><p>x</p></div>`);
    expect(fhirXmlToJson(xml)).toEqual({
      ...json,
      text: { status: 'generated', div: `<div xmlns="${XHTML}"><p>x</p></div>` },
    });
  });

  it('refuses a div that is not well-formed XHTML, not a div, empty, or in the wrong namespace', () => {
    const j = (d: string) => () => fhirJsonToXml({ resourceType: 'Patient', text: { status: 'generated', div: d } });
    expectError(j(`<div xmlns="${XHTML}"><p>x</div>`), 'MALFORMED_XML', /Narrative\.div|narrative div/);
    expectError(j(`<div xmlns="${XHTML}">&nbsp;</div>`), 'MALFORMED_XML', /Undeclared entity &nbsp;/);
    expectError(j(`<p xmlns="${XHTML}">x</p>`), 'INVALID_VALUE', /<div>/);
    expectError(j(`<div xmlns="${XHTML}"> </div>`), 'INVALID_VALUE', /content/);
    expectError(j(`<div xmlns="http://hl7.org/fhir">x</div>`), 'WRONG_NAMESPACE');
    expectError(
      () => fhirXmlToJson(`<Patient ${NS}><text><status value="generated"/><div><p>x</p></div></text></Patient>`),
      'WRONG_NAMESPACE',
      /XHTML namespace/,
    );
  });
});

describe('choice types, contained and nested resources', () => {
  it('names a choice by its type, in both formats', () => {
    const xml = roundTrip({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Smoking' },
      effectivePeriod: { start: '2020-01-01' },
      valueString: 'Never smoked',
    });
    expect(xml).toContain('<effectivePeriod><start value="2020-01-01"/></effectivePeriod>');
    expect(xml).toContain('<valueString value="Never smoked"/>');
  });

  it('refuses two variants of one choice', () => {
    expectError(
      () => fhirJsonToXml({ resourceType: 'Patient', deceasedBoolean: true, deceasedDateTime: '2020-01-01' }),
      'INVALID_STRUCTURE',
      /deceased\[x\]/,
    );
    expectError(
      () => fhirXmlToJson(`<Patient ${NS}><deceasedBoolean value="true"/><deceasedDateTime value="2020"/></Patient>`),
      'INVALID_STRUCTURE',
      /deceased\[x\]/,
    );
  });

  it('wraps contained resources and entry/parameter resources in their element', () => {
    const appointment = {
      resourceType: 'Appointment',
      contained: [{ resourceType: 'Organization', id: 'org1', name: 'Booking org' }],
      extension: [{ url: 'https://example.org/booking', valueReference: { reference: '#org1' } }],
      status: 'booked',
      participant: [{ actor: { reference: 'Patient/1' }, status: 'accepted' }],
    };
    const xml = roundTrip(appointment);
    expect(xml).toContain(
      '<contained><Organization><id value="org1"/><name value="Booking org"/></Organization></contained>',
    );
    const bundle = roundTrip({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: 'urn:1', resource: appointment }],
    });
    expect(bundle).toContain('<entry><fullUrl value="urn:1"/><resource><Appointment><contained><Organization>');
    const parameters = roundTrip({
      resourceType: 'Parameters',
      parameter: [
        { name: 'registerPatient', resource: { resourceType: 'Patient', active: true } },
        { name: 'includeAllergies', part: [{ name: 'includeResolvedAllergies', valueBoolean: true }] },
      ],
    });
    expect(parameters).toContain('<parameter><name value="registerPatient"/><resource><Patient><active value="true"/>');
  });

  it('refuses a resource element that does not hold exactly one resource', () => {
    expectError(
      () => fhirXmlToJson(`<Bundle ${NS}><type value="collection"/><entry><resource/></entry></Bundle>`),
      'INVALID_STRUCTURE',
      /exactly one resource/,
    );
    expectError(
      () =>
        fhirXmlToJson(`<Bundle ${NS}><type value="collection"/><entry><resource><Foo/></resource></entry></Bundle>`),
      'UNKNOWN_RESOURCE_TYPE',
      /Foo/,
    );
    expectError(
      () => fhirJsonToXml({ resourceType: 'Appointment', contained: [{ id: 'x' }] }),
      'UNKNOWN_RESOURCE_TYPE',
    );
  });
});

describe('strictness', () => {
  it('refuses unknown resource types, including R4-only ones', () => {
    expectError(() => fhirJsonToXml({ resourceType: 'ServiceRequest' }), 'UNKNOWN_RESOURCE_TYPE', /ServiceRequest/);
    expectError(() => fhirJsonToXml({ id: 'x' }), 'UNKNOWN_RESOURCE_TYPE', /no resourceType/);
    expectError(() => fhirJsonToXml('Patient'), 'INVALID_STRUCTURE');
    expectError(() => fhirXmlToJson(`<ServiceRequest ${NS}/>`), 'UNKNOWN_RESOURCE_TYPE');
  });

  it('refuses unknown elements instead of dropping them', () => {
    const e = expectError(
      () => fhirJsonToXml({ resourceType: 'Patient', name: [{ family: 'X', nickname: 'Y' }] }),
      'UNKNOWN_ELEMENT',
      /HumanName has no element "nickname"/,
    );
    expect(e.path).toBe('Patient.name[0].nickname');
    expectError(() => fhirJsonToXml({ resourceType: 'Patient', _name: [{}] }), 'UNKNOWN_ELEMENT', /_name/);
    expectError(
      () => fhirXmlToJson(`<Patient ${NS}><name><family value="X"/><nickname value="Y"/></name></Patient>`),
      'UNKNOWN_ELEMENT',
      /HumanName has no element <nickname>/,
    );
    expectError(() => fhirXmlToJson(`<Patient ${NS}><id value="1" foo="bar"/></Patient>`), 'UNKNOWN_ELEMENT', /foo/);
    // `id` and Extension `url` are attributes in XML, never elements.
    expectError(() => fhirXmlToJson(`<Patient ${NS}><name><id value="1"/></name></Patient>`), 'UNKNOWN_ELEMENT');
  });

  it('requires the FHIR namespace', () => {
    expectError(
      () => fhirXmlToJson('<Patient><id value="1"/></Patient>'),
      'WRONG_NAMESPACE',
      /http:\/\/hl7\.org\/fhir/,
    );
    expectError(() => fhirXmlToJson('<Patient xmlns="http://hl7.org/fhir/r4"/>'), 'WRONG_NAMESPACE');
    expectError(() => fhirXmlToJson(`<Patient ${NS}><id xmlns="urn:other" value="1"/></Patient>`), 'WRONG_NAMESPACE');
    // A prefix bound to the FHIR namespace is the same thing; xsi:schemaLocation is allowed.
    expect(
      fhirXmlToJson(
        '<f:Patient xmlns:f="http://hl7.org/fhir" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://hl7.org/fhir ../../schema/fhir-single.xsd"><f:id value="1"/></f:Patient>',
      ),
    ).toEqual({ resourceType: 'Patient', id: '1' });
  });

  it('requires FHIR element order and single elements to appear once', () => {
    expectError(
      () => fhirXmlToJson(`<Patient ${NS}><gender value="male"/><name><family value="X"/></name></Patient>`),
      'INVALID_STRUCTURE',
      /<name> is out of order/,
    );
    expectError(
      () => fhirXmlToJson(`<Patient ${NS}><gender value="male"/><gender value="female"/></Patient>`),
      'INVALID_STRUCTURE',
      /only once/,
    );
    expectError(
      () =>
        fhirXmlToJson(`<Patient ${NS}><name><given value="A"/><family value="X"/><given value="B"/></name></Patient>`),
      'INVALID_STRUCTURE',
      /out of order/,
    );
  });

  it('refuses text content where FHIR expects value attributes', () => {
    expectError(() => fhirXmlToJson(`<Patient ${NS}><gender>male</gender></Patient>`), 'INVALID_STRUCTURE', /value=/);
  });

  it('ignores comments, the XML declaration, a byte order mark and indentation', () => {
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment -->\n<Patient ${NS}>\n  <!-- id -->\n  <id value="1"/>\n</Patient>\n`;
    expect(fhirXmlToJson(xml)).toEqual({ resourceType: 'Patient', id: '1' });
  });
});

describe('malformed XML', () => {
  it.each([
    ['an unclosed element', `<Patient ${NS}><id value="1"></Patient>`, /line 1/],
    ['not XML', 'hello', /not well-formed|no root/],
    ['an empty string', '', /no root|not well-formed/],
    ['an unquoted attribute', `<Patient ${NS}><id value=1/></Patient>`, /not well-formed/],
    ['a bare ampersand', `<Patient ${NS}><id value="a&b"/></Patient>`, /&/],
    ['an undeclared entity', `<Patient ${NS}><id value="&nbsp;"/></Patient>`, /Undeclared entity/],
    ['a character reference to a non-character', `<Patient ${NS}><id value="&#0;"/></Patient>`, /not an XML character/],
    ['two root elements', `<Patient ${NS}/><Patient ${NS}/>`, /more than one root/],
    ['a repeated attribute', `<Patient ${NS}><id value="1" value="2"/></Patient>`, /repeated/],
  ])('refuses %s', (_what, xml, message) => {
    const e = errorOf(() => fhirXmlToJson(xml));
    expect(e.code).toBe('MALFORMED_XML');
    expect(e.message).toMatch(message);
  });

  it('decodes the predefined entities and character references', () => {
    expect(
      fhirXmlToJson(`<Patient ${NS}><name><text value="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#10;"/></name></Patient>`),
    ).toEqual({ resourceType: 'Patient', name: [{ text: '<>&"\'AB\n' }] });
  });
});
