// fast-xml-parser configured for FHIR: ordered trees, no value coercion, strict XML entities, no DTDs, limits.
// All XML text is read and written by fast-xml-parser; this module only configures it and walks its trees.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { EntityDecoderOptions, X2jOptions, XmlBuilderOptions } from 'fast-xml-parser';
import { FhirXmlError } from './errors';

export const FHIR_NS = 'http://hl7.org/fhir';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Prefix fast-xml-parser gives attribute keys inside the `:@` group. */
export const ATTR = '@_';
export const ATTRS_KEY = ':@';
export const TEXT_KEY = '#text';

/** Limits applied to every conversion (both directions). */
export interface FhirXmlLimits {
  /** Largest XML input, in UTF-16 code units. Default 64 Mi (a ~10 MB structured record is ~25 M as XML). */
  readonly maxLength: number;
  /** Deepest element nesting (XML elements, or JSON objects and arrays when writing). Default 100. */
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS: FhirXmlLimits = { maxLength: 64 * 1024 * 1024, maxDepth: 100 };

/** The largest maxDepth accepted: deeper trees would risk the call stack of the recursive walkers. */
export const MAX_DEPTH = 1000;

/** One node of fast-xml-parser's `preserveOrder` tree: `{ tag: children, ':@': { '@_attr': value } }` or text. */
export type OrderedNode = Record<string, unknown>;

// ---- entities ------------------------------------------------------------------------------------------------

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML 1.0 `Char` production: what a numeric character reference may produce. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const REFERENCE = /&(?:(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][A-Za-z0-9._-]*);)?/g;

/** Decodes the five predefined XML entities and character references; anything else is an error. */
export function decodeXmlReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole: string, ref: string | undefined) => {
    if (ref === undefined) {
      throw new FhirXmlError('MALFORMED_XML', `Unescaped '&' in XML text near "${text.slice(0, 40)}"`);
    }
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlChar(cp))
        throw new FhirXmlError('MALFORMED_XML', `Character reference ${whole} is not an XML character`);
      return String.fromCodePoint(cp);
    }
    const named = XML_ENTITIES[ref];
    if (named === undefined) {
      throw new FhirXmlError(
        'MALFORMED_XML',
        `Undeclared entity ${whole}: only &amp; &lt; &gt; &quot; &apos; and character references are allowed`,
      );
    }
    return named;
  });
}

/**
 * The parser's entity hook. `addInputEntities` is called only when the document has a DOCTYPE: refusing it there
 * refuses every DTD (internal subset, external id, entity declarations: billion laughs, XXE) before any expansion.
 */
const strictEntityDecoder: EntityDecoderOptions = {
  setExternalEntities: () => {
    throw new FhirXmlError('FORBIDDEN_XML', 'External entities are not allowed');
  },
  addInputEntities: () => {
    throw new FhirXmlError('FORBIDDEN_XML', 'DOCTYPE declarations are not allowed in FHIR XML (no DTDs, no entities)');
  },
  reset: () => undefined,
  decode: decodeXmlReferences,
  setXmlVersion: () => undefined,
};

// ---- parsers and builders ------------------------------------------------------------------------------------

/** `document`: narrative divs kept raw; `div`: a standalone div kept raw; `strict`: everything parsed and decoded. */
type ParseMode = 'document' | 'div' | 'strict';

const STOP_NODES: Record<ParseMode, string[]> = { document: ['..div'], div: ['div'], strict: [] };

function parserOptions(mode: ParseMode, maxDepth: number): X2jOptions {
  return {
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    allowBooleanAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    removeNSPrefix: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    commentPropName: false,
    cdataPropName: false,
    // The narrative div is kept as raw XHTML (its content and its attribute values, untouched) so that the JSON
    // `div` string is exactly what the XML carries; it is checked separately by parseXhtmlDiv.
    stopNodes: STOP_NODES[mode],
    processEntities: { enabled: true, tagFilter: (tagName: string) => mode === 'strict' || tagName !== 'div' },
    entityDecoder: strictEntityDecoder,
    maxNestedTags: maxDepth,
  };
}

const parsers = new Map<string, XMLParser>();
function parser(mode: ParseMode, maxDepth: number): XMLParser {
  const key = `${mode}|${maxDepth}`;
  let p = parsers.get(key);
  if (!p) {
    p = new XMLParser(parserOptions(mode, maxDepth));
    parsers.set(key, p);
  }
  return p;
}

/** Escapes an attribute value (the builder's own entity table escapes neither line breaks nor tabs). */
function escapeAttribute(_name: string, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function builderOptions(stopNode: string): XmlBuilderOptions {
  return {
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
    format: false,
    processEntities: false,
    attributeValueProcessor: escapeAttribute,
    stopNodes: [stopNode],
    // Depth is limited while the tree is made (FhirXmlLimits.maxDepth, at most MAX_DEPTH), not by the builder.
    maxNestedTags: MAX_DEPTH * 4,
  };
}

const documentBuilder = new XMLBuilder(builderOptions('..div'));
const divBuilder = new XMLBuilder(builderOptions('div'));

// ---- entry points --------------------------------------------------------------------------------------------

function checkWellFormed(xml: string, what: string): void {
  const result = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (result !== true) {
    const { msg, line, col } = result.err;
    throw new FhirXmlError('MALFORMED_XML', `${what} is not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
}

function parseChecked(xml: string, what: string, mode: ParseMode, limits: FhirXmlLimits): OrderedNode[] {
  if (xml.length > limits.maxLength) {
    throw new FhirXmlError('LIMIT_EXCEEDED', `${what} is ${xml.length} characters; the limit is ${limits.maxLength}`);
  }
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  checkWellFormed(text, what);
  let tree: unknown;
  try {
    tree = parser(mode, limits.maxDepth).parse(text);
  } catch (e: unknown) {
    if (e instanceof FhirXmlError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/nested|depth/i.test(msg)) throw new FhirXmlError('LIMIT_EXCEEDED', `${what} nests too deeply: ${msg}`);
    // The parser's own refusals: external entities in a DOCTYPE, names such as __proto__.
    if (/entit|doctype|security/i.test(msg)) {
      throw new FhirXmlError('FORBIDDEN_XML', `${what} was refused: ${msg}`);
    }
    throw new FhirXmlError('MALFORMED_XML', `${what} could not be parsed: ${msg}`);
  }
  if (!Array.isArray(tree)) throw new FhirXmlError('MALFORMED_XML', `${what} could not be parsed`);
  return tree.filter(isOrderedNode);
}

/** Parse a FHIR XML document into fast-xml-parser's ordered tree (narrative divs kept raw). */
export function parseDocument(xml: string, limits: FhirXmlLimits): OrderedNode[] {
  return parseChecked(xml, 'The FHIR XML document', 'document', limits);
}

/** Parse a standalone `<div>...</div>` with the div kept raw (content and attribute values untouched). */
export function parseDivRaw(xhtml: string, limits: FhirXmlLimits): OrderedNode[] {
  return parseChecked(xhtml, 'The narrative div', 'div', limits);
}

/** Parse a standalone XHTML fragment fully, decoding entities: used to check that a div is well-formed XHTML. */
export function parseDivStrict(xhtml: string, limits: FhirXmlLimits): OrderedNode[] {
  return parseChecked(xhtml, 'The narrative div', 'strict', limits);
}

export function buildDocument(nodes: OrderedNode[]): string {
  return documentBuilder.build(nodes) as string;
}

export function buildDiv(node: OrderedNode): string {
  return divBuilder.build([node]) as string;
}

// ---- tree helpers --------------------------------------------------------------------------------------------

export function isOrderedNode(value: unknown): value is OrderedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The tag name of an ordered node (`#text` for text), or undefined. */
export function nodeTag(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ATTRS_KEY) return key;
  return undefined;
}

export function nodeChildren(node: OrderedNode, tag: string): OrderedNode[] {
  const children = node[tag];
  return Array.isArray(children) ? children.filter(isOrderedNode) : [];
}

/** Attributes of a node, keys without the `@_` prefix. */
export function nodeAttributes(node: OrderedNode): Map<string, string> {
  const out = new Map<string, string>();
  const attrs = node[ATTRS_KEY];
  if (isOrderedNode(attrs)) {
    for (const [k, v] of Object.entries(attrs)) {
      out.set(k.startsWith(ATTR) ? k.slice(ATTR.length) : k, typeof v === 'string' ? v : String(v));
    }
  }
  return out;
}

export function nodeText(node: OrderedNode): string {
  const t = node[TEXT_KEY];
  return typeof t === 'string' ? t : String(t);
}

export function makeNode(
  tag: string,
  children: OrderedNode[],
  attrs?: ReadonlyArray<readonly [string, string]>,
): OrderedNode {
  const node: OrderedNode = { [tag]: children };
  if (attrs && attrs.length > 0) {
    const group: Record<string, string> = {};
    for (const [k, v] of attrs) group[ATTR + k] = v;
    node[ATTRS_KEY] = group;
  }
  return node;
}

export function makeText(text: string): OrderedNode {
  return { [TEXT_KEY]: text };
}
