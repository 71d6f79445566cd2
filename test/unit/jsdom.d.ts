/** jsdom ships no types; the tests use it to parse HTML (the test project has the DOM lib). */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string);
    readonly window: Window & typeof globalThis;
  }
}
