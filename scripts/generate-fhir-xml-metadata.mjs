#!/usr/bin/env node
// Generates shared/fhir/xml/stu3-metadata.generated.ts: the STU3 element metadata (element order, cardinality,
// primitive types, resource-typed elements, choice groups) that drives the FHIR XML codec.
//
// Source: the `@types/fhir` 3.0.2 declarations (DefinitelyTyped, "Type definitions for FHIR Release 3.0"), read
// with the TypeScript compiler API as a syntax tree (not the type checker), so that the primitive aliases
// (`date`, `decimal`, `positiveInt`, ...) stay visible. Element order is declaration order, base types first
// (ResourceBase -> DomainResource -> resource; Element -> BackboneElement -> backbone element), which is the FHIR
// order. Corrections applied on top of the declarations (each one is a documented fact of STU3 itself):
//   - `Element.fhir_comments` is dropped: a DSTU2 JSON artefact, not an STU3 element.
//   - `ResourceBase.resourceType` is dropped: in XML it is the element name, in JSON a property, never an element.
//   - `Narrative.div` is typed `xhtml` (declared as `string`).
//   - `CodeSystemProperty.type` is typed `code`: @types/fhir declares `'code' | Coding | 'string' | ...`, a slip for the
//     code value 'Coding' (STU3 CodeSystem.property.type is a code bound to property-type).
//
// Usage: node scripts/generate-fhir-xml-metadata.mjs [--check] [--stdout]
//   --check   exit 1 if the committed file differs from what would be generated
//   --stdout  print instead of writing
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules', '@types', 'fhir');
const outFile = join(root, 'shared', 'fhir', 'xml', 'stu3-metadata.generated.ts');

/** FHIR STU3 primitive types, as declared by the aliases at the top of @types/fhir. */
const PRIMITIVE_ALIASES = new Set([
  'id',
  'uri',
  'base64Binary',
  'code',
  'date',
  'dateTime',
  'decimal',
  'instant',
  'integer',
  'markdown',
  'oid',
  'positiveInt',
  'time',
  'unsignedInt',
]);

/** Element types corrected against the STU3 specification (see the header). */
const TYPE_CORRECTIONS = new Map([
  ['Narrative.div', 'xhtml'],
  ['CodeSystemProperty.type', 'code'],
]);

export async function generate() {
  const pkg = JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8'));
  if (pkg.version !== '3.0.2') {
    throw new Error(`Expected @types/fhir 3.0.2 (FHIR STU3), found ${pkg.version}`);
  }
  const text = readFileSync(join(typesDir, 'index.d.ts'), 'utf8');
  const sf = ts.createSourceFile('index.d.ts', text, ts.ScriptTarget.ES2022, true);
  const moduleDecl = sf.statements.find((s) => ts.isModuleDeclaration(s) && s.name.getText(sf) === 'fhir');
  if (!moduleDecl || !moduleDecl.body || !ts.isModuleBlock(moduleDecl.body)) {
    throw new Error('declare module fhir not found');
  }

  /** @type {Map<string, ts.TypeNode>} */
  const aliases = new Map();
  /** @type {Map<string, ts.InterfaceDeclaration>} */
  const interfaces = new Map();
  for (const st of moduleDecl.body.statements) {
    if (ts.isTypeAliasDeclaration(st)) aliases.set(st.name.text, st.type);
    else if (ts.isInterfaceDeclaration(st)) interfaces.set(st.name.text, st);
  }

  // Resource types: the members of `type Resource = DomainResource | Account | ...`, less the abstract base.
  const resourceUnion = aliases.get('Resource');
  if (!resourceUnion || !ts.isUnionTypeNode(resourceUnion)) throw new Error('type Resource union not found');
  const resources = resourceUnion.types
    .map((t) => (ts.isTypeReferenceNode(t) ? t.typeName.getText(sf) : ''))
    .filter((n) => n && n !== 'DomainResource');
  for (const r of resources) if (!interfaces.has(r)) throw new Error(`Resource ${r} has no interface`);

  /** Resolve a type alias to a FHIR primitive code; undefined if it is not primitive. */
  function primitiveOfAlias(name, seen = new Set()) {
    if (PRIMITIVE_ALIASES.has(name)) return name;
    const node = aliases.get(name);
    if (!node || seen.has(name)) return undefined;
    seen.add(name);
    return primitiveOfTypeNode(node, seen);
  }
  function primitiveOfTypeNode(node, seen = new Set()) {
    if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
    if (node.kind === ts.SyntaxKind.NumberKeyword) return 'decimal';
    if (ts.isTypeReferenceNode(node)) return primitiveOfAlias(node.typeName.getText(sf), seen);
    if (ts.isParenthesizedTypeNode(node)) return primitiveOfTypeNode(node.type, seen);
    // A union of string literals is a bound code ('male' | 'female' | ...).
    if (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      return 'code';
    }
    return undefined;
  }

  /** @returns {{ type: string, array: boolean }} */
  function elementType(owner, name, node) {
    let array = false;
    if (ts.isArrayTypeNode(node)) {
      array = true;
      node = node.elementType;
    }
    const corrected = TYPE_CORRECTIONS.get(`${owner}.${name}`);
    if (corrected) return { type: corrected, array };
    const prim = primitiveOfTypeNode(node);
    if (prim) return { type: prim, array };
    if (ts.isTypeReferenceNode(node)) {
      const ref = node.typeName.getText(sf);
      if (ref === 'Resource') return { type: 'Resource', array };
      if (interfaces.has(ref)) return { type: ref, array };
    }
    throw new Error(`${owner}.${name}: unsupported type ${node.getText(sf)}`);
  }

  function docOf(member) {
    const docs = ts.getJSDocCommentsAndTags(member);
    return docs.map((d) => d.getText(sf)).join('\n');
  }

  /** Flattened element list of an interface, base types first, in declaration order. */
  const flatCache = new Map();
  function flatten(name) {
    if (flatCache.has(name)) return flatCache.get(name);
    const decl = interfaces.get(name);
    if (!decl) throw new Error(`interface ${name} not found`);
    /** @type {Array<{name: string, type: string, array: boolean, required: boolean, doc: string}>} */
    let list = [];
    for (const clause of decl.heritageClauses ?? []) {
      for (const t of clause.types) list = list.concat(flatten(t.expression.getText(sf)).map((e) => ({ ...e })));
    }
    for (const m of decl.members) {
      if (!ts.isPropertySignature(m) || !m.type) throw new Error(`${name}: unexpected member ${m.getText(sf)}`);
      const prop = m.name.getText(sf).replace(/^['"]|['"]$/g, '');
      if (prop.startsWith('_')) continue; // the JSON shadow of a primitive: carried by the primitive itself
      if (prop === 'fhir_comments' || prop === 'resourceType') continue;
      const { type, array } = elementType(name, prop, m.type);
      const entry = { name: prop, type, array, required: !m.questionToken, doc: docOf(m) };
      const at = list.findIndex((e) => e.name === prop);
      if (at >= 0)
        list[at] = entry; // a redeclaration keeps the base position
      else list.push(entry);
    }
    flatCache.set(name, list);
    return list;
  }

  function isResourceType(name) {
    const decl = interfaces.get(name);
    if (!decl) return false;
    if (name === 'ResourceBase') return true;
    return (decl.heritageClauses ?? []).some((c) => c.types.some((t) => isResourceType(t.expression.getText(sf))));
  }

  const TYPE_SUFFIXES = new Set([
    ...[...PRIMITIVE_ALIASES, 'string', 'boolean'].map((p) => p[0].toUpperCase() + p.slice(1)),
    ...interfaces.keys(),
  ]);
  /** Choice groups ([x]): adjacent elements `<base><Type>` with the same description and at least two types. */
  function choiceGroups(list) {
    const groups = new Map();
    for (let i = 0; i < list.length; i++) {
      if (list[i].array) continue; // a choice element never repeats
      // Try every split point: the suffix must be a known type name.
      const name = list[i].name;
      for (let cut = 1; cut < name.length; cut++) {
        const base = name.slice(0, cut);
        const suffix = name.slice(cut);
        if (!/^[A-Z]/.test(suffix) || !TYPE_SUFFIXES.has(suffix)) continue;
        const members = groups.get(base) ?? [];
        members.push(i);
        groups.set(base, members);
        break;
      }
    }
    const result = new Map();
    for (const [base, idx] of groups) {
      if (idx.length < 2) continue;
      const contiguous = idx.every((v, k) => k === 0 || v === idx[k - 1] + 1);
      const sameDoc = idx.every((v) => list[v].doc === list[idx[0]].doc);
      if (contiguous && sameDoc) for (const i of idx) result.set(i, base);
    }
    return result;
  }

  const typeNames = [...interfaces.keys()]
    .filter((n) => n !== 'ResourceBase' && n !== 'DomainResource')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = [];
  let elementCount = 0;
  for (const name of typeNames) {
    const list = flatten(name);
    const choices = choiceGroups(list);
    const kind = isResourceType(name) ? 'R' : 'D';
    const els = list.map((e, i) => {
      const flags = (e.array ? 1 : 0) | (e.required ? 2 : 0);
      const tuple = [e.name, e.type, flags];
      if (choices.has(i)) tuple.push(choices.get(i));
      return JSON.stringify(tuple).replaceAll('"', "'");
    });
    elementCount += els.length;
    lines.push(`  ${name}: ['${kind}', [${els.join(', ')}]],`);
  }

  const source = `// GENERATED by scripts/generate-fhir-xml-metadata.mjs from @types/fhir ${pkg.version} (FHIR STU3). Do not edit:
// run \`npm run generate:fhir-xml\`; test/unit/fhir-xml/metadata-drift.test.ts fails if this file drifts.
// ${typeNames.length} types (${resources.length} resources), ${elementCount} elements.
// Each type: [kind ('R' resource | 'D' datatype or backbone element), elements in FHIR order]. Each element:
// [name, type, flags (1 = array, 2 = required), choice group ([x] base name) if any]. Types: a primitive
// (lower case), 'xhtml' (Narrative.div), 'Resource' (any resource), or the name of another entry.
import type { Stu3MetadataTable } from './metadata-types';

export const STU3_METADATA_SOURCE = '@types/fhir ${pkg.version}';

export const STU3_RESOURCE_TYPES: readonly string[] = ${JSON.stringify(resources).replaceAll('"', "'")};

export const STU3_TYPES: Stu3MetadataTable = {
${lines.join('\n')}
};
`;
  const config = (await prettier.resolveConfig(outFile)) ?? {};
  return prettier.format(source, { ...config, filepath: outFile });
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const out = await generate();
  if (process.argv.includes('--stdout')) {
    process.stdout.write(out);
  } else if (process.argv.includes('--check')) {
    const current = readFileSync(outFile, 'utf8');
    if (current !== out) {
      console.error(`${outFile} is out of date: run npm run generate:fhir-xml`);
      process.exit(1);
    }
  } else {
    writeFileSync(outFile, out);
    console.log(`wrote ${outFile}`);
  }
}
