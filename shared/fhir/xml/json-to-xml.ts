// FHIR STU3 JSON -> XML, driven by the generated element metadata (http://hl7.org/fhir/STU3/xml.html).
import { FhirXmlError } from './errors';
import { resourceDef, typeDef } from './metadata';
import type { ElementDef, TypeDef } from './metadata-types';
import { isPrimitiveType } from './metadata-types';
import { primitiveToXml } from './primitives';
import { divStringToNode } from './xhtml';
import type { FhirXmlLimits, OrderedNode } from './xml-engine';
import { FHIR_NS, buildDocument, makeNode } from './xml-engine';

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(path: string, name: string, index?: number): string {
  const p = path ? `${path}.${name}` : name;
  return index === undefined ? p : `${p}[${index}]`;
}

class JsonToXml {
  constructor(private readonly limits: FhirXmlLimits) {}

  private checkDepth(depth: number, path: string): void {
    if (depth > this.limits.maxDepth) {
      throw new FhirXmlError('LIMIT_EXCEEDED', `Nesting deeper than ${this.limits.maxDepth} levels`, path);
    }
  }

  /** A resource as an element named after its type (the root, or inside <contained>, <resource>). */
  resource(value: unknown, path: string, depth: number, attrs?: Array<[string, string]>): OrderedNode {
    if (!isJsonObject(value)) throw new FhirXmlError('INVALID_STRUCTURE', 'Expected a resource (a JSON object)', path);
    const type = value.resourceType;
    if (typeof type !== 'string') {
      throw new FhirXmlError('UNKNOWN_RESOURCE_TYPE', 'The resource has no resourceType', path || undefined);
    }
    const def = resourceDef(type);
    if (!def)
      throw new FhirXmlError('UNKNOWN_RESOURCE_TYPE', `${type} is not an STU3 resource type`, path || undefined);
    const here = path || type;
    return makeNode(type, this.elements(value, def, here, depth + 1), attrs);
  }

  /** The child elements of an object of type `def`, in FHIR order. */
  private elements(obj: JsonObject, def: TypeDef, path: string, depth: number): OrderedNode[] {
    this.checkDepth(depth, path);
    this.checkKeys(obj, def, path);
    const out: OrderedNode[] = [];
    for (const e of def.elements) {
      if (isAttribute(def, e)) continue;
      const value = obj[e.name];
      const shadow = obj[`_${e.name}`];
      if (value === undefined && shadow === undefined) continue;
      if (isPrimitiveType(e.type)) this.primitive(out, e, value, shadow, path, depth);
      else this.complex(out, e, value, path, depth);
    }
    return out;
  }

  /** Every JSON property must be an element of the type (or a primitive's `_` shadow); one variant per choice. */
  private checkKeys(obj: JsonObject, def: TypeDef, path: string): void {
    const choices = new Map<string, string>();
    for (const key of Object.keys(obj)) {
      if (key === 'resourceType' && def.isResource) continue;
      const shadow = key.startsWith('_');
      const e = def.byName.get(shadow ? key.slice(1) : key);
      if (!e || (shadow && !isPrimitiveType(e.type))) {
        throw new FhirXmlError('UNKNOWN_ELEMENT', `${def.name} has no element "${key}" in FHIR STU3`, at(path, key));
      }
      if (e.choice) {
        const other = choices.get(e.choice);
        if (other !== undefined && other !== e.name) {
          throw new FhirXmlError(
            'INVALID_STRUCTURE',
            `Only one of ${e.choice}[x] may be present: found ${other} and ${e.name}`,
            at(path, key),
          );
        }
        choices.set(e.choice, e.name);
      }
    }
  }

  private items(e: ElementDef, value: unknown, path: string, label: string): unknown[] {
    if (value === undefined) return [];
    if (e.array) {
      if (!Array.isArray(value)) throw new FhirXmlError('INVALID_STRUCTURE', `${label} must be a JSON array`, path);
      if (value.length === 0) throw new FhirXmlError('INVALID_STRUCTURE', `${label} must not be an empty array`, path);
      return value;
    }
    if (Array.isArray(value)) throw new FhirXmlError('INVALID_STRUCTURE', `${label} must not be an array`, path);
    return [value];
  }

  private primitive(
    out: OrderedNode[],
    e: ElementDef,
    value: unknown,
    shadow: unknown,
    path: string,
    depth: number,
  ): void {
    const type = e.type;
    if (!isPrimitiveType(type)) return;
    const values = this.items(e, value, at(path, e.name), e.name);
    const shadows = this.items(e, shadow, at(path, `_${e.name}`), `_${e.name}`);
    if (value !== undefined && shadow !== undefined && values.length !== shadows.length) {
      throw new FhirXmlError(
        'INVALID_STRUCTURE',
        `${e.name} and _${e.name} must have the same length`,
        at(path, e.name),
      );
    }
    const count = Math.max(values.length, shadows.length);
    for (let i = 0; i < count; i++) {
      const here = at(path, e.name, e.array ? i : undefined);
      const v = values[i] ?? null;
      const s = shadows[i] ?? null;
      const attrs: Array<[string, string]> = [];
      let children: OrderedNode[] = [];
      if (s !== null) {
        if (!isJsonObject(s)) throw new FhirXmlError('INVALID_STRUCTURE', `_${e.name} must be an object`, here);
        const element = typeDef('Element');
        const id = s.id;
        if (id !== undefined) attrs.push(['id', primitiveToXml('string', id, `${here}.id`)]);
        children = this.elements(s, element, `${here}(_${e.name})`, depth + 1);
      }
      if (v !== null) attrs.push(['value', primitiveToXml(type, v, here)]);
      if (v === null && attrs.length === 0 && children.length === 0) {
        throw new FhirXmlError('INVALID_STRUCTURE', `${e.name} has neither a value nor an id or extension`, here);
      }
      out.push(makeNode(e.name, children, attrs));
    }
  }

  private complex(out: OrderedNode[], e: ElementDef, value: unknown, path: string, depth: number): void {
    if (value === null) throw new FhirXmlError('INVALID_STRUCTURE', `${e.name} must not be null`, at(path, e.name));
    const values = this.items(e, value, at(path, e.name), e.name);
    values.forEach((item, i) => {
      const here = at(path, e.name, e.array ? i : undefined);
      if (e.type === 'xhtml') {
        out.push(divStringToNode(item, here, this.limits));
      } else if (e.type === 'Resource') {
        out.push(makeNode(e.name, [this.resource(item, here, depth + 1)]));
      } else {
        out.push(this.datatype(e.name, item, typeDef(e.type), here, depth + 1));
      }
    });
  }

  /** A complex datatype or backbone element: `id` (and Extension `url`) as attributes, the rest as children. */
  private datatype(tag: string, value: unknown, def: TypeDef, path: string, depth: number): OrderedNode {
    if (!isJsonObject(value)) throw new FhirXmlError('INVALID_STRUCTURE', `Expected a JSON object (${def.name})`, path);
    const attrs: Array<[string, string]> = [];
    if (value.id !== undefined) attrs.push(['id', primitiveToXml('string', value.id, `${path}.id`)]);
    if (def.name === 'Extension') {
      if (typeof value.url !== 'string') throw new FhirXmlError('INVALID_VALUE', 'Extension.url is required', path);
      attrs.push(['url', primitiveToXml('uri', value.url, `${path}.url`)]);
    }
    return makeNode(tag, this.elements(value, def, path, depth), attrs);
  }
}

/** Elements carried as XML attributes: `id` of every non-resource element, `url` of Extension. */
export function isAttribute(def: TypeDef, e: ElementDef): boolean {
  return (!def.isResource && e.name === 'id') || (def.name === 'Extension' && e.name === 'url');
}

export function jsonToXml(resource: unknown, limits: FhirXmlLimits): string {
  const root = new JsonToXml(limits).resource(resource, '', 0, [['xmlns', FHIR_NS]]);
  const declaration = makeNode(
    '?xml',
    [],
    [
      ['version', '1.0'],
      ['encoding', 'UTF-8'],
    ],
  );
  return buildDocument([declaration, root]);
}
