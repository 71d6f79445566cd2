/**
 * The little of jsdom that main uses (a window for DOMPurify; a document to build and serialise the print document). jsdom ships no types and `@types/jsdom` is not a
 * dependency; main has no DOM lib, so the window is opaque here and handed straight to DOMPurify.
 */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string);
    /** Opaque but closable: closing releases everything the window tracked. */
    readonly window: { close(): void };
    /** The document as HTML, doctype included. */
    serialize(): string;
  }
}
