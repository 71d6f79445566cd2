// Narrative.div: an XHTML element in XML, the same element serialised as a string in JSON.
// The div's content is carried byte for byte in both directions (fast-xml-parser stop nodes on both sides), so a
// JSON div survives JSON -> XML -> JSON exactly; only the div's own start tag is rewritten (attributes in double
// quotes, single spaces). A JSON div without the XHTML namespace (not conformant) gains it.
import { FhirXmlError } from './errors';
import type { FhirXmlLimits, OrderedNode } from './xml-engine';
import {
  XHTML_NS,
  buildDiv,
  makeNode,
  makeText,
  nodeAttributes,
  nodeChildren,
  nodeTag,
  nodeText,
  parseDivRaw,
  parseDivStrict,
} from './xml-engine';

function singleRoot(nodes: OrderedNode[], path: string): OrderedNode {
  const elements = nodes.filter((n) => {
    const tag = nodeTag(n);
    if (tag === '#text') {
      if (nodeText(n).trim() !== '') throw new FhirXmlError('INVALID_VALUE', 'Text outside the narrative div', path);
      return false;
    }
    return tag !== undefined;
  });
  const [root, ...rest] = elements;
  if (!root || rest.length > 0) {
    throw new FhirXmlError('INVALID_VALUE', 'The narrative must be exactly one <div> element', path);
  }
  if (nodeTag(root) !== 'div') {
    throw new FhirXmlError('INVALID_VALUE', `The narrative must be a <div> element, not <${nodeTag(root)}>`, path);
  }
  return root;
}

function hasContent(nodes: OrderedNode[]): boolean {
  return nodes.some((n) => {
    const tag = nodeTag(n);
    return tag !== undefined && (tag !== '#text' || nodeText(n).trim() !== '');
  });
}

/** Well-formed XHTML with only XML entities, one `div` root in the XHTML namespace, some content (FHIR txt-2). */
function checkDiv(xhtml: string, path: string, limits: FhirXmlLimits, requireNamespace: boolean): void {
  let strict: OrderedNode[];
  try {
    strict = parseDivStrict(xhtml, limits);
  } catch (e: unknown) {
    if (e instanceof FhirXmlError) throw new FhirXmlError(e.code, e.message, path);
    throw e;
  }
  const root = singleRoot(strict, path);
  const ns = nodeAttributes(root).get('xmlns');
  if ((ns !== undefined || requireNamespace) && ns !== XHTML_NS) {
    throw new FhirXmlError('WRONG_NAMESPACE', `The narrative div must be in the XHTML namespace ${XHTML_NS}`, path);
  }
  if (!hasContent(nodeChildren(root, 'div'))) {
    throw new FhirXmlError('INVALID_VALUE', 'The narrative div must have some content (FHIR txt-2)', path);
  }
}

/** The attributes of a raw div for the builder: values stay raw (already escaped) but must fit in double quotes. */
function rawAttributes(node: OrderedNode): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of nodeAttributes(node)) out.push([name, value.replace(/"/g, '&quot;')]);
  return out;
}

function rawContent(node: OrderedNode): OrderedNode[] {
  return nodeChildren(node, 'div').map((child) => makeText(nodeText(child)));
}

/** JSON `div` string -> the div node to place in the XML tree (content raw). */
export function divStringToNode(div: unknown, path: string, limits: FhirXmlLimits): OrderedNode {
  if (typeof div !== 'string') throw new FhirXmlError('INVALID_VALUE', 'Narrative.div must be a string', path);
  checkDiv(div, path, limits, false);
  const root = singleRoot(parseDivRaw(div, limits), path);
  const attrs = rawAttributes(root);
  if (!attrs.some(([name]) => name === 'xmlns')) attrs.unshift(['xmlns', XHTML_NS]);
  return makeNode('div', rawContent(root), attrs);
}

/** The raw div node of a parsed FHIR XML document -> the JSON `div` string. */
export function divNodeToString(node: OrderedNode, path: string, limits: FhirXmlLimits): string {
  const attrs = nodeAttributes(node);
  if (attrs.get('xmlns') !== XHTML_NS) {
    throw new FhirXmlError(
      'WRONG_NAMESPACE',
      `The narrative div must declare the XHTML namespace: <div xmlns="${XHTML_NS}">`,
      path,
    );
  }
  const xhtml = buildDiv(makeNode('div', rawContent(node), rawAttributes(node)));
  checkDiv(xhtml, path, limits, true);
  return xhtml;
}
