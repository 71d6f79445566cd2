/**
 * The resources of a structured record while it is assembled: keyed by `Type/id`, Lists of several areas merged by
 * code, and removal that takes along what hangs off a removed item (consultation Lists, observations, issues).
 */
export type Json = Record<string, unknown>;

export const ref = (r: Json): string => `${String(r['resourceType'])}/${String(r['id'])}`;
export const listCode = (r: Json): string | undefined =>
  ((r['code'] as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;
export const isList = (r: Json): boolean => r['resourceType'] === 'List';

/** Rewrites every `reference` in a resource tree (the source patient and practice become ours). */
export function rewriteReferences(value: unknown, map: (reference: string) => string): void {
  if (Array.isArray(value)) {
    for (const v of value) rewriteReferences(v, map);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Json;
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'reference' && typeof v === 'string') obj[k] = map(v);
    else rewriteReferences(v, map);
  }
}

export function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Json)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}

export class RecordPool {
  readonly byRef = new Map<string, Json>();
  add(resources: readonly Json[]): void {
    for (const r of resources) {
      if (isList(r) && r['id'] === undefined) {
        // Primary and secondary Lists of several areas merge by code: one List per code in a response.
        const code = listCode(r) ?? '';
        const same = [...this.byRef.values()].find((x) => isList(x) && listCode(x) === code);
        if (same) {
          const have = new Set(referencesIn(same['entry']));
          const extra = ((r['entry'] as Json[] | undefined) ?? []).filter(
            (e) => !referencesIn(e).some((x) => have.has(x)),
          );
          same['entry'] = [...((same['entry'] as Json[] | undefined) ?? []), ...extra];
          continue;
        }
        r['id'] = `list-${code}`;
      }
      if (!this.byRef.has(ref(r))) this.byRef.set(ref(r), r);
    }
  }
  primary(code: string): Json | undefined {
    return [...this.byRef.values()].find((r) => isList(r) && listCode(r) === code);
  }
  /** Removes items and whatever hangs off them (consultation Lists, observations, issues), then dangling entries. */
  remove(refs: Iterable<string>): void {
    const gone = new Set(refs);
    for (const r of gone) this.byRef.delete(r);
    for (let changed = true; changed;) {
      changed = false;
      for (const [key, r] of this.byRef) {
        const anchors = [r['encounter'], r['context'], ...((r['basedOn'] as unknown[] | undefined) ?? [])];
        const anchorRefs = referencesIn(anchors);
        const orphan =
          anchorRefs.some((a) => gone.has(a)) &&
          (r['resourceType'] !== 'MedicationStatement' || anchorRefs.every((a) => gone.has(a)));
        if (orphan) {
          this.byRef.delete(key);
          gone.add(key);
          changed = true;
        }
      }
    }
    for (const r of this.byRef.values()) {
      if (!isList(r) || !Array.isArray(r['entry'])) continue;
      r['entry'] = (r['entry'] as Json[]).filter((e) => !referencesIn(e).some((x) => gone.has(x)));
    }
  }
  entriesOf(list: Json): Json[] {
    return referencesIn(list['entry']).flatMap((x) => {
      const found = this.byRef.get(x);
      return found ? [found] : [];
    });
  }
}

export function refsOfType(pool: RecordPool, types: readonly string[]): string[] {
  return [...pool.byRef.values()].filter((r) => types.includes(String(r['resourceType']))).map(ref);
}

/** Drops List entries that point at nothing in the Bundle (the source examples have a few): consumers resolve them. */
export function dropDanglingEntries(resources: readonly Json[]): void {
  const present = new Set(resources.map(ref));
  for (const list of resources.filter(isList)) {
    const contained = new Set(((list['contained'] as Json[] | undefined) ?? []).map(ref));
    if (!Array.isArray(list['entry'])) continue;
    list['entry'] = (list['entry'] as Json[]).filter((e) =>
      referencesIn(e).every((x) => x.startsWith('#') || present.has(x) || contained.has(x)),
    );
  }
}
