// XML attacks: no DTD, no entity expansion (billion laughs, external entities), size and depth limits.
import { describe, expect, it } from 'vitest';
import { FhirXmlError, fhirJsonToXml, fhirXmlToJson } from '../../../shared/fhir/xml';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e: unknown) {
    if (e instanceof FhirXmlError) return e.code;
    throw e;
  }
  return undefined;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE Patient [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Patient xmlns="http://hl7.org/fhir"><name><text value="&lol9;"/></name></Patient>`;

describe('XML attacks', () => {
  it('refuses a billion-laughs payload before expanding anything', () => {
    const started = Date.now();
    expect(() => fhirXmlToJson(BILLION_LAUGHS)).toThrow(/DOCTYPE declarations are not allowed/);
    expect(codeOf(() => fhirXmlToJson(BILLION_LAUGHS))).toBe('FORBIDDEN_XML');
    expect(Date.now() - started).toBeLessThan(2000); // generous: refusing takes about a millisecond
  });

  it('refuses an entity that is declared once and used directly', () => {
    const xml = `<!DOCTYPE Patient [<!ENTITY x "expanded">]><Patient xmlns="http://hl7.org/fhir"><id value="&x;"/></Patient>`;
    expect(codeOf(() => fhirXmlToJson(xml))).toBe('FORBIDDEN_XML');
  });

  it('refuses external entities (XXE) and external DTDs', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Patient [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Patient xmlns="http://hl7.org/fhir"><id value="&xxe;"/></Patient>`;
    expect(codeOf(() => fhirXmlToJson(xxe))).toBe('FORBIDDEN_XML');
    const dtd = `<!DOCTYPE Patient SYSTEM "http://example.org/evil.dtd"><Patient xmlns="http://hl7.org/fhir"/>`;
    expect(codeOf(() => fhirXmlToJson(dtd))).toBe('FORBIDDEN_XML');
  });

  it('refuses a DOCTYPE hidden inside the narrative div string', () => {
    const div = '<!DOCTYPE div [<!ENTITY x "y">]><div xmlns="http://www.w3.org/1999/xhtml">&x;</div>';
    expect(codeOf(() => fhirJsonToXml({ resourceType: 'Patient', text: { status: 'generated', div } }))).toBe(
      'FORBIDDEN_XML',
    );
  });

  it('refuses input over the size limit', () => {
    const xml = `<Patient xmlns="http://hl7.org/fhir"><id value="${'a'.repeat(2000)}"/></Patient>`;
    expect(codeOf(() => fhirXmlToJson(xml, { maxLength: 1000 }))).toBe('LIMIT_EXCEEDED');
    expect(fhirXmlToJson(xml).id).toHaveLength(2000);
  });

  it('refuses nesting beyond the depth limit, in both directions', () => {
    type Ext = { url: string; extension?: Ext[]; valueString?: string };
    let ext: Ext = { url: 'x', valueString: 'leaf' };
    for (let i = 0; i < 150; i++) ext = { url: 'x', extension: [ext] };
    const deep = { resourceType: 'Patient', extension: [ext] };
    expect(codeOf(() => fhirJsonToXml(deep))).toBe('LIMIT_EXCEEDED');
    const xml = fhirJsonToXml(deep, { maxDepth: 500 });
    expect(codeOf(() => fhirXmlToJson(xml))).toBe('LIMIT_EXCEEDED');
    expect(fhirXmlToJson(xml, { maxDepth: 500 })).toEqual(deep);
    expect(() => fhirXmlToJson(xml, { maxDepth: 1_000_000 })).toThrow(RangeError);
    // A pile of unknown nested elements is refused by the parser's depth limit, before any FHIR processing.
    const nested = `<Patient xmlns="http://hl7.org/fhir">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</Patient>`;
    expect(codeOf(() => fhirXmlToJson(nested))).toBe('LIMIT_EXCEEDED');
  });

  it('does not pollute prototypes through element or attribute names', () => {
    const xml = `<Patient xmlns="http://hl7.org/fhir"><__proto__ value="x"/></Patient>`;
    expect(codeOf(() => fhirXmlToJson(xml))).toBe('FORBIDDEN_XML'); // refused by fast-xml-parser itself
    expect(codeOf(() => fhirJsonToXml(JSON.parse('{"resourceType":"Patient","__proto__":{"x":1}}')))).toBe(
      'UNKNOWN_ELEMENT',
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
