/**
 * Measures untrusted input before anything parses it. Only JSON-shaped data is accepted (plain objects, arrays,
 * strings, finite numbers, booleans, null; undefined is left to the schema): Electron's structured clone can deliver Maps, typed arrays, Dates and
 * cycles, which a schema might wave through as `{}` or which cost main time to serialise. Stops as soon as the size
 * or depth limit is passed, so a huge input is refused without being walked.
 */
export type Measured = { readonly kind: 'ok'; readonly bytes: number } | { readonly kind: 'too-large' | 'not-plain' };

const MAX_DEPTH = 32;

export function measurePlainData(input: unknown, maxBytes: number): Measured {
  let bytes = 0;
  const seen = new Set<object>();
  const visit = (value: unknown, depth: number): 'ok' | 'too-large' | 'not-plain' => {
    if (depth > MAX_DEPTH) return 'not-plain';
    if (value === null || value === undefined || typeof value === 'boolean') {
      bytes += 5;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return 'not-plain';
      bytes += 24;
    } else if (typeof value === 'string') {
      bytes += value.length + 2;
    } else if (typeof value === 'object') {
      if (seen.has(value)) return 'not-plain';
      const proto: unknown = Object.getPrototypeOf(value);
      const isArray = Array.isArray(value);
      if (!isArray && proto !== Object.prototype && proto !== null) return 'not-plain';
      seen.add(value);
      for (const [key, child] of Object.entries(value)) {
        bytes += key.length + 4;
        if (bytes > maxBytes) return 'too-large';
        const verdict = visit(child, depth + 1);
        if (verdict !== 'ok') return verdict;
      }
      seen.delete(value);
    } else {
      // Functions, symbols, bigint: not data.
      return 'not-plain';
    }
    return bytes > maxBytes ? 'too-large' : 'ok';
  };
  const verdict = visit(input, 0);
  return verdict === 'ok' ? { kind: 'ok', bytes } : { kind: verdict };
}
