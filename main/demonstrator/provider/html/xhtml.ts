/**
 * A tiny escaping template for the provider's section XHTML: `xhtml\`<td>${value}</td>\`` escapes every
 * interpolated value (numeric entities only, as SPEC §7.4 requires) unless it is already an `Xhtml` fragment, so
 * patient data can never become markup. Whitespace control characters are folded into spaces: the 0.7.4 suite
 * rejects `\n`, `\r` and `\t` in the narrative.
 */
export class Xhtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&#38;',
  '<': '&#60;',
  '>': '&#62;',
  '"': '&#34;',
  "'": '&#39;',
};

export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c).replace(/[\n\r\t]+/g, ' ');
}

export type XhtmlPart = Xhtml | string | number | readonly XhtmlPart[] | undefined | null | false;

function render(part: XhtmlPart): string {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof Xhtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeText(String(part));
}

export function xhtml(strings: TemplateStringsArray, ...values: readonly XhtmlPart[]): Xhtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Xhtml(out);
}
