// FHIR STU3 XML -> JSON, driven by the generated element metadata (http://hl7.org/fhir/STU3/xml.html).
// Strict: unknown elements and attributes, elements out of FHIR order, repeats of single elements, two variants of
// a choice, text where none belongs and elements outside the FHIR namespace are errors, never silently dropped.
import { FhirXmlError } from './errors';
import { isAttribute } from './json-to-xml';
import { resourceDef, typeDef } from './metadata';
import type { ElementDef, TypeDef } from './metadata-types';
import { isPrimitiveType } from './metadata-types';
import { primitiveFromXml } from './primitives';
import { divNodeToString } from './xhtml';
import type { FhirXmlLimits, OrderedNode } from './xml-engine';
import {
  FHIR_NS,
  XSI_NS,
  nodeAttributes,
  nodeChildren,
  nodeTag,
  nodeText,
  parseDocument,
  TEXT_KEY,
} from './xml-engine';

/** A FHIR resource in JSON form. */
export interface FhirResourceJson {
  resourceType: string;
  [element: string]: unknown;
}

type JsonObject = Record<string, unknown>;

/** An element with its namespace resolved and namespace declarations set aside. */
interface Resolved {
  readonly node: OrderedNode;
  readonly tag: string;
  readonly local: string;
  readonly ns: string | undefined;
  /** Attributes other than namespace declarations and xsi:*. */
  readonly attrs: Map<string, string>;
  readonly scope: ReadonlyMap<string, string>;
  readonly children: OrderedNode[];
}

function resolve(node: OrderedNode, scope: ReadonlyMap<string, string>, path: string): Resolved {
  const tag = nodeTag(node) ?? '';
  let inner: Map<string, string> | undefined;
  const attrs = new Map<string, string>();
  const raw = nodeAttributes(node);
  for (const [name, value] of raw) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      inner ??= new Map(scope);
      inner.set(name === 'xmlns' ? '' : name.slice('xmlns:'.length), value);
    }
  }
  const s = inner ?? scope;
  for (const [name, value] of raw) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const colon = name.indexOf(':');
    if (colon >= 0) {
      if (s.get(name.slice(0, colon)) === XSI_NS) continue; // xsi:schemaLocation and friends
      throw new FhirXmlError('UNKNOWN_ELEMENT', `Attribute ${name} is not allowed on <${tag}>`, path);
    }
    attrs.set(name, value);
  }
  const colon = tag.indexOf(':');
  const prefix = colon >= 0 ? tag.slice(0, colon) : '';
  const local = colon >= 0 ? tag.slice(colon + 1) : tag;
  const ns = s.get(prefix);
  if (prefix !== '' && ns === undefined) {
    throw new FhirXmlError('MALFORMED_XML', `Namespace prefix "${prefix}" of <${tag}> is not declared`, path);
  }
  return { node, tag, local, ns, attrs, scope: s, children: nodeChildren(node, tag) };
}

/** The element children of a node; non-whitespace text is an error (FHIR elements carry values in attributes). */
function elementChildren(children: OrderedNode[], path: string): OrderedNode[] {
  return children.filter((child) => {
    if (nodeTag(child) === TEXT_KEY) {
      const text = nodeText(child);
      if (text.trim() !== '') {
        throw new FhirXmlError(
          'INVALID_STRUCTURE',
          `Text content "${text.trim().slice(0, 40)}" is not allowed here (FHIR XML values go in value="...")`,
          path,
        );
      }
      return false;
    }
    return nodeTag(child) !== undefined;
  });
}

function requireFhirNamespace(r: Resolved, path: string): void {
  if (r.ns !== FHIR_NS) {
    throw new FhirXmlError(
      'WRONG_NAMESPACE',
      `<${r.tag}> is in namespace ${r.ns === undefined || r.ns === '' ? '(none)' : r.ns}, expected ${FHIR_NS}`,
      path,
    );
  }
}

function onlyAttributes(r: Resolved, allowed: readonly string[], path: string): void {
  for (const name of r.attrs.keys()) {
    if (!allowed.includes(name)) {
      throw new FhirXmlError('UNKNOWN_ELEMENT', `Attribute ${name} is not allowed on <${r.tag}>`, path);
    }
  }
}

function at(path: string, name: string, index?: number): string {
  return index === undefined ? `${path}.${name}` : `${path}.${name}[${index}]`;
}

class XmlToJson {
  constructor(private readonly limits: FhirXmlLimits) {}

  /** An element named after a resource type (the root, or the single child of <contained>, <resource>). */
  resource(r: Resolved, path: string): FhirResourceJson {
    requireFhirNamespace(r, path);
    const def = resourceDef(r.local);
    if (!def) throw new FhirXmlError('UNKNOWN_RESOURCE_TYPE', `<${r.local}> is not an STU3 resource type`, path);
    onlyAttributes(r, [], path);
    const here = path || r.local;
    return { resourceType: r.local, ...this.elements(r, def, here) };
  }

  private elements(parent: Resolved, def: TypeDef, path: string): JsonObject {
    const out: JsonObject = {};
    let last: ElementDef | undefined;
    const counts = new Map<string, number>();
    const choices = new Map<string, string>();
    for (const child of elementChildren(parent.children, path)) {
      const tag = nodeTag(child) ?? '';
      const r = resolve(child, parent.scope, path);
      const e = def.byName.get(r.local);
      const n = counts.get(r.local) ?? 0;
      const here = e?.array ? at(path, r.local, n) : at(path, r.local);
      if (!(e?.type === 'xhtml')) requireFhirNamespace(r, here);
      if (!e || isAttribute(def, e)) {
        throw new FhirXmlError('UNKNOWN_ELEMENT', `${def.name} has no element <${tag}> in FHIR STU3`, here);
      }
      if (last && e.index < last.index) {
        throw new FhirXmlError(
          'INVALID_STRUCTURE',
          `<${e.name}> is out of order: FHIR puts it before <${last.name}> in ${def.name}`,
          here,
        );
      }
      if (last === e && !e.array) {
        throw new FhirXmlError('INVALID_STRUCTURE', `<${e.name}> may appear only once in ${def.name}`, here);
      }
      if (e.choice) {
        const other = choices.get(e.choice);
        if (other !== undefined && other !== e.name) {
          throw new FhirXmlError(
            'INVALID_STRUCTURE',
            `Only one of ${e.choice}[x] may be present: found <${other}> and <${e.name}>`,
            here,
          );
        }
        choices.set(e.choice, e.name);
      }
      last = e;
      counts.set(r.local, n + 1);
      this.element(out, e, r, here);
    }
    // Arrays of primitives: drop an all-null `_` shadow array.
    for (const e of def.elements) {
      const shadow = out[`_${e.name}`];
      if (Array.isArray(shadow) && shadow.every((s) => s === null)) delete out[`_${e.name}`];
    }
    return out;
  }

  private element(out: JsonObject, e: ElementDef, r: Resolved, path: string): void {
    if (isPrimitiveType(e.type)) {
      const type = e.type;
      onlyAttributes(r, ['value', 'id'], path);
      const text = r.attrs.get('value');
      const value = text === undefined ? null : primitiveFromXml(type, text, path);
      const ext = this.elements(r, typeDef('Element'), path);
      const id = r.attrs.get('id');
      const shadow =
        id !== undefined || ext.extension !== undefined ? { ...(id !== undefined ? { id } : {}), ...ext } : null;
      if (value === null && shadow === null) {
        throw new FhirXmlError('INVALID_STRUCTURE', `<${e.name}> has neither a value nor an id or extension`, path);
      }
      if (e.array) {
        const values = (out[e.name] ??= []) as unknown[];
        const shadows = (out[`_${e.name}`] ??= []) as unknown[];
        values.push(value);
        shadows.push(shadow);
      } else {
        if (value !== null) out[e.name] = value;
        if (shadow !== null) out[`_${e.name}`] = shadow;
      }
      return;
    }
    let value: unknown;
    if (e.type === 'xhtml') {
      value = divNodeToString(r.node, path, this.limits);
    } else if (e.type === 'Resource') {
      onlyAttributes(r, [], path);
      const inner = elementChildren(r.children, path);
      const [first, ...rest] = inner;
      if (!first || rest.length > 0) {
        throw new FhirXmlError('INVALID_STRUCTURE', `<${e.name}> must contain exactly one resource`, path);
      }
      value = this.resource(resolve(first, r.scope, path), path);
    } else {
      const def = typeDef(e.type);
      onlyAttributes(r, def.name === 'Extension' ? ['id', 'url'] : ['id'], path);
      const obj: JsonObject = {};
      const id = r.attrs.get('id');
      if (id !== undefined) obj.id = id;
      const url = r.attrs.get('url');
      if (def.name === 'Extension') {
        if (url === undefined) throw new FhirXmlError('INVALID_STRUCTURE', '<extension> needs a url attribute', path);
        obj.url = url;
      }
      value = Object.assign(obj, this.elements(r, def, path));
    }
    if (e.array) ((out[e.name] ??= []) as unknown[]).push(value);
    else out[e.name] = value;
  }
}

export function xmlToJson(xml: string, limits: FhirXmlLimits): FhirResourceJson {
  if (typeof xml !== 'string') throw new FhirXmlError('MALFORMED_XML', 'Expected the XML document as a string');
  const roots = elementChildren(parseDocument(xml, limits), '');
  const [root, ...rest] = roots;
  if (!root) throw new FhirXmlError('MALFORMED_XML', 'The XML document has no root element');
  if (rest.length > 0) throw new FhirXmlError('MALFORMED_XML', 'The XML document has more than one root element');
  return new XmlToJson(limits).resource(resolve(root, new Map(), ''), '');
}
