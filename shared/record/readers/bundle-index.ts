import { arr, hasCode, identifierKeys, isObject, isRecord, str } from './fhir-values';

/**
 * The collection Bundle as a lookup, independent of entry order (SPEC §6.2): resources by `Type/id`, references
 * resolved whether relative, absolute or `#contained`, duplicates (the same business identifier sent twice)
 * collapsed onto one resource, Lists found by their SNOMED or secondary-list `code`, never by title.
 */
/** Every resource in the index has a `resourceType` (entries without one are skipped). */
export type AnyResource = fhir.Resource;

const REFERENCE = /(?:^|\/)([A-Z][A-Za-z]+)\/([^/]+)(?:\/_history\/[^/]*)?$/;

/** Already `Type/id` (how almost every reference in a Bundle is written): kept as it is, nothing to take apart. */
const PLAIN_REFERENCE = /^[A-Z][A-Za-z]+\/[^/]+$/;

/** `Type/id` of a reference string, or undefined when it is not one. */
export function normaliseReference(reference: unknown): string | undefined {
  const value = str(reference);
  if (value === undefined || value.startsWith('#')) return undefined;
  if (PLAIN_REFERENCE.test(value)) return value;
  const m = REFERENCE.exec(value);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** Keys the index gave resources without an id; everything else is keyed `Type/id`. */
const keys = new WeakMap<object, string>();

export function refOf(resource: AnyResource): string {
  return keys.get(resource) ?? `${resource.resourceType ?? ''}/${resource.id ?? ''}`;
}

/** JSON with sorted keys, without `id` and `meta` (which differ between copies of one item). */
function fingerprint(value: unknown, top = true): string {
  if (Array.isArray(value)) return `[${value.map((v) => fingerprint(v, false)).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => !(top && (k === 'id' || k === 'meta')))
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${fingerprint(record[k], false)}`).join(',')}}`;
}

function sameContent(a: AnyResource | undefined, b: AnyResource): boolean {
  return a !== undefined && fingerprint(a) === fingerprint(b);
}

function richness(resource: AnyResource): number {
  return Object.keys(resource).length;
}

/** A Bundle entry as the index holds it. */
interface Entry {
  readonly ref: string;
  readonly resource: AnyResource;
  identifiers?: readonly string[];
}

export class BundleIndex {
  private readonly byRef = new Map<string, AnyResource>();
  /** A duplicate's `Type/id` → the `Type/id` kept. */
  private readonly aliases = new Map<string, string>();
  private readonly byType = new Map<string, AnyResource[]>();
  private readonly listsByCode = new Map<string, fhir.List[]>();
  /**
   * Each entry's `Type/id`, made once (readers ask for it many times, and one string hashes once), and, for the
   * resources kept, their business identifiers (read for the duplicate check, reused by their items).
   */
  private readonly entries = new Map<AnyResource, Entry>();

  constructor(bundle: unknown) {
    const entries = isRecord(bundle) && Array.isArray(bundle['entry']) ? (bundle['entry'] as unknown[]) : [];
    const all: Entry[] = [];
    for (const entry of entries) {
      const resource = isRecord(entry) ? entry['resource'] : undefined;
      if (isRecord(resource) && typeof resource['resourceType'] === 'string') {
        const r = resource as unknown as AnyResource;
        // A resource without an id (the spec's own examples send Lists so) is keyed by its content, so two of
        // them never collapse into one and the key does not depend on entry order.
        let ref = refOf(r);
        if (str(r.id) === undefined) {
          ref = `${r.resourceType ?? ''}/~${fingerprint(r)}`;
          keys.set(r, ref);
        }
        const known: Entry = { ref, resource: r };
        all.push(known);
        this.entries.set(r, known);
      }
    }
    // Order-independent: decide duplicates on a sorted copy (by ref, then the richer copy first).
    all.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : richness(b.resource) - richness(a.resource)));
    // Business identifier (`system|value`) → the `Type/id` kept, per resource type.
    const byIdentifier = new Map<string, Map<string, string>>();
    for (const known of all) {
      const { ref, resource } = known;
      if (this.byRef.has(ref) || this.aliases.has(ref)) continue;
      const type = resource.resourceType ?? '';
      const ids = identifierKeys((resource as { identifier?: fhir.Identifier[] }).identifier);
      known.identifiers = ids;
      let sameType = byIdentifier.get(type);
      if (!sameType) byIdentifier.set(type, (sameType = new Map()));
      // The same business identifier is a duplicate only when the content matches too: published examples reuse
      // identifiers for different medications, and hiding a drug is worse than showing a copy twice.
      let kept: string | undefined;
      for (const k of ids) {
        const r = sameType.get(k);
        if (r !== undefined && sameContent(this.byRef.get(r), resource)) {
          kept = r;
          break;
        }
      }
      if (kept !== undefined) {
        this.aliases.set(ref, kept);
        continue;
      }
      for (const k of ids) sameType.set(k, ref);
      this.byRef.set(ref, resource);
      const ofType = this.byType.get(type) ?? [];
      ofType.push(resource);
      this.byType.set(type, ofType);
      if (type === 'List') {
        const list = resource as fhir.List;
        for (const c of arr(list.code?.coding)) {
          const code = isObject(c) ? str(c.code) : undefined;
          if (code === undefined) continue;
          const lists = this.listsByCode.get(code) ?? [];
          // A List coded twice with one code is filed once (it was just pushed, so it is the last).
          if (lists[lists.length - 1] !== list) lists.push(list);
          this.listsByCode.set(code, lists);
        }
      }
    }
  }

  /** Reference text → canonical `Type/id` (null: not a reference); records repeat the same references thousands of times. */
  private readonly canonicalOf = new Map<string, string | null>();

  /** `Type/id` of a resource (of this Bundle, or contained in one of its resources). */
  ref(resource: AnyResource): string {
    return this.entries.get(resource)?.ref ?? refOf(resource);
  }

  /** A resource's business identifiers, `system|value`. */
  identifiers(resource: AnyResource): readonly string[] {
    return (
      this.entries.get(resource)?.identifiers ??
      identifierKeys((resource as { identifier?: fhir.Identifier[] }).identifier)
    );
  }

  /** The `Type/id` kept for a reference (a duplicate's reference points at the copy kept). */
  canonical(reference: unknown): string | undefined {
    if (typeof reference !== 'string') return undefined;
    const known = this.canonicalOf.get(reference);
    if (known !== undefined) return known ?? undefined;
    const ref = normaliseReference(reference);
    const kept = ref === undefined ? undefined : (this.aliases.get(ref) ?? ref);
    this.canonicalOf.set(reference, kept ?? null);
    return kept;
  }

  /** The resource a Reference points at: `#id` inside `container`, else a Bundle entry. */
  resolve<T extends AnyResource = AnyResource>(
    reference: fhir.Reference | undefined,
    container?: { contained?: fhir.Resource[] },
  ): T | undefined {
    if (!isObject(reference)) return undefined;
    const value = str(reference.reference);
    if (value === undefined) return undefined;
    if (value.startsWith('#')) {
      const id = value.slice(1);
      return arr(container?.contained).find((r) => isObject(r) && r.id === id) as T | undefined;
    }
    const ref = this.canonical(value);
    return ref === undefined ? undefined : (this.byRef.get(ref) as T | undefined);
  }

  get<T extends AnyResource = AnyResource>(ref: string): T | undefined {
    return this.byRef.get(this.aliases.get(ref) ?? ref) as T | undefined;
  }

  /** Every resource of a type, sorted by `Type/id` (deterministic whatever the entry order). */
  ofType<T extends AnyResource>(type: string): readonly T[] {
    return (this.byType.get(type) ?? []) as unknown as readonly T[];
  }

  /** Lists carrying this code (SNOMED primary list code, or a secondary-list code). */
  lists(code: string): readonly fhir.List[] {
    return this.listsByCode.get(code) ?? [];
  }

  /** The one primary List of a code; when a provider sent two, the one with entries wins (then by id). */
  list(code: string): fhir.List | undefined {
    const lists = this.lists(code);
    return [...lists].sort((a, b) => arr(b.entry).length - arr(a.entry).length)[0];
  }

  hasListCoded(list: fhir.List, code: string): boolean {
    return hasCode(list.code, code);
  }
}
