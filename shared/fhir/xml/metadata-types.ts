// Shapes of the generated STU3 metadata (stu3-metadata.generated.ts) and typed accessors over it.

/** FHIR STU3 primitive types (http://hl7.org/fhir/STU3/datatypes.html#primitive). */
export type Stu3PrimitiveType =
  | 'base64Binary'
  | 'boolean'
  | 'code'
  | 'date'
  | 'dateTime'
  | 'decimal'
  | 'id'
  | 'instant'
  | 'integer'
  | 'markdown'
  | 'oid'
  | 'positiveInt'
  | 'string'
  | 'time'
  | 'unsignedInt'
  | 'uri';

/** Bit flags of an element. */
export const ELEMENT_ARRAY = 1;
export const ELEMENT_REQUIRED = 2;

/** [name, type, flags, choice group]: see the header of the generated file. */
export type Stu3ElementTuple = readonly [string, string, number] | readonly [string, string, number, string];

/** ['R' | 'D', elements]: resource or datatype/backbone element. */
export type Stu3TypeTuple = readonly ['R' | 'D', readonly Stu3ElementTuple[]];

export type Stu3MetadataTable = Readonly<Record<string, Stu3TypeTuple>>;

const PRIMITIVES: ReadonlySet<string> = new Set<Stu3PrimitiveType>([
  'base64Binary',
  'boolean',
  'code',
  'date',
  'dateTime',
  'decimal',
  'id',
  'instant',
  'integer',
  'markdown',
  'oid',
  'positiveInt',
  'string',
  'time',
  'unsignedInt',
  'uri',
]);

export function isPrimitiveType(type: string): type is Stu3PrimitiveType {
  return PRIMITIVES.has(type);
}

/** One element of a type, decoded from its tuple. */
export interface ElementDef {
  readonly name: string;
  /** A primitive, 'xhtml', 'Resource' or the name of a complex type / backbone element. */
  readonly type: string;
  readonly array: boolean;
  readonly required: boolean;
  /** The [x] base name when this element is one variant of a choice. */
  readonly choice: string | undefined;
  /** Position in FHIR order. */
  readonly index: number;
}

export interface TypeDef {
  readonly name: string;
  readonly isResource: boolean;
  readonly elements: readonly ElementDef[];
  readonly byName: ReadonlyMap<string, ElementDef>;
}

/** Decode and index a metadata table once. */
export function indexMetadata(table: Stu3MetadataTable): ReadonlyMap<string, TypeDef> {
  const out = new Map<string, TypeDef>();
  for (const [name, [kind, tuples]] of Object.entries(table)) {
    const elements = tuples.map((t, index): ElementDef => ({
      name: t[0],
      type: t[1],
      array: (t[2] & ELEMENT_ARRAY) !== 0,
      required: (t[2] & ELEMENT_REQUIRED) !== 0,
      choice: t[3],
      index,
    }));
    out.set(name, {
      name,
      isResource: kind === 'R',
      elements,
      byName: new Map(elements.map((e) => [e.name, e])),
    });
  }
  return out;
}
