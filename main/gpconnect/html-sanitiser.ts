import createDOMPurify from 'dompurify';
import type { Config, DOMPurify, WindowLike } from 'dompurify';
import { JSDOM } from 'jsdom';

/**
 * Provider HTML is untrusted (SPEC §7.4): sanitised here, in main, with DOMPurify over a jsdom window, before it
 * ever reaches the renderer. The whitelist is what an Access Record HTML section is made of — sections, headings,
 * banners, paragraphs, lists and tables — with `id` and `class` as the only attributes. Everything else goes: script,
 * style, link, form, frame, object, embed, SVG, MathML, media, every event attribute, every URL-bearing attribute.
 */
const ALLOWED_TAGS = [
  'div',
  'span',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'small',
  'sub',
  'sup',
  'pre',
  'code',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
];

const CONFIG: Config & { RETURN_DOM?: false; RETURN_DOM_FRAGMENT?: false; RETURN_TRUSTED_TYPE?: false } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['id', 'class'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Only HTML: SVG and MathML are where mutation XSS lives, and a record section never needs them.
  ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
  // Text inside a removed element (a link, a font tag) is still record content and must be shown.
  KEEP_CONTENT: true,
  // Never keep the contents of these, whatever KEEP_CONTENT says.
  FORBID_CONTENTS: [
    'script',
    'style',
    'template',
    'noscript',
    'noembed',
    'noframes',
    'iframe',
    'object',
    'xmp',
    'svg',
    'math',
    'title',
    'textarea',
    'select',
    'option',
  ],
  WHOLE_DOCUMENT: false,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
  RETURN_TRUSTED_TYPE: false,
};

/**
 * A fresh jsdom window for every sanitisation, closed after it. jsdom tracks elements that carry an `id` as named
 * properties of the window, even in documents DOMPurify parses off-screen, so a window kept for the life of the
 * process held every section it ever sanitised (about 1 MB per Summary; found by the soak test). A window per call
 * also means nothing of one patient's record stays in a DOM used for the next. It costs a few milliseconds, beside
 * a Spine round trip.
 */
function withPurifier<T>(use: (purify: DOMPurify) => T): T {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  try {
    return use(createDOMPurify(window as unknown as WindowLike));
  } finally {
    window.close();
  }
}

export interface SanitisedHtml {
  readonly html: string;
  /** True when anything outside the whitelist was removed (elements or attributes). */
  readonly removed: boolean;
}

export function sanitiseRecordHtml(untrusted: string): SanitisedHtml {
  return withPurifier((purify) => {
    const html = purify.sanitize(untrusted, CONFIG);
    // DOMPurify also lists the parse wrapper (BODY) and comments; neither is record content.
    const removed = purify.removed.some((r) => {
      if (!('element' in r)) return true;
      const name = (r.element as { nodeName?: unknown }).nodeName;
      return name !== 'BODY' && name !== '#comment';
    });
    return { html, removed };
  });
}
