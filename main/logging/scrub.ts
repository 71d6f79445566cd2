/**
 * What must never reach an application log: patient identifiers and details, record content, credentials. Logs are
 * read by service desks and shipped off the desktop; the audit trail (not the log) is where patient access is kept.
 * Scrubbing is by key (anything that names a person, a body or a secret) and by shape (NHS-number-like digit runs,
 * JWTs, PEM blocks, bearer tokens), so a field added tomorrow with PHI in an unexpected key is still caught by shape.
 */
const SECRET_OR_PHI_KEYS =
  /^(pin|passcode|password|secret|token|jwt|authorization|cookie|privatekey|key|cert|certificate|pem|body|html|text|bundle|resource|record|name|family|given|prefix|birthdate|dob|address|postcode|telephone|phone|email|nhsnumber|patient|description|comment)$/i;

const SHAPES: readonly (readonly [RegExp, string])[] = [
  [/-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g, '[pem]'],
  [/\beyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '[jwt]'],
  [/\bBearer\s+\S+/gi, 'Bearer [redacted]'],
  // 10 digits, optionally grouped 3-3-4 with spaces or hyphens: every NHS number however it was typed.
  [/(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g, '[nhs-number]'],
];

export function scrubText(text: string): string {
  return SHAPES.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** A deep copy of `value` with PHI and secrets removed; cycles and depth are bounded so logging can never hang. */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrubValue(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_OR_PHI_KEYS.test(k) ? '[redacted]' : scrubValue(v, depth + 1, seen);
  }
  return out;
}
