import { useCallback, useEffect, useRef, useState } from 'react';

interface Props {
  /** Sanitised in main (DOMPurify, SPEC §7.4 whitelist); still treated as hostile here. */
  readonly html: string;
  readonly title: string;
}

/** Our own stylesheet for the provider's classes and table ids (SPEC §7.3), served beside the page. */
const FRAME_CSS = 'record-frame.css';

/** The frame's whole document: the section HTML in a body, styled only by our sheet. */
export function recordDocument(html: string, cssHref: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><link rel="stylesheet" href="${cssHref}"></head><body>${html}</body></html>`;
}

/**
 * Provider HTML is shown only in here: an iframe whose `sandbox` has no `allow-scripts` (nothing in it can run, and
 * the page CSP it inherits forbids inline script besides) and no forms, popups or navigation. `allow-same-origin`
 * is kept so the page can size the frame to its content and load our stylesheet; with scripts off in the frame it
 * grants the content nothing.
 */
export function RecordFrame({ html, title }: Props) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(200);
  const cssHref = new URL(FRAME_CSS, document.baseURI).href;

  const fit = useCallback(() => {
    const doc = ref.current?.contentDocument;
    if (doc?.documentElement) setHeight(Math.max(120, doc.documentElement.scrollHeight + 4));
  }, []);

  useEffect(() => {
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [fit]);

  return (
    <iframe
      ref={ref}
      className="gpc-record-frame"
      title={title}
      sandbox="allow-same-origin"
      referrerPolicy="no-referrer"
      srcDoc={recordDocument(html, cssHref)}
      style={{ height: `${height}px` }}
      onLoad={fit}
      data-testid="record-frame"
    />
  );
}
