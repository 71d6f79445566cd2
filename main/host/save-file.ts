/**
 * A host's save dialog (the Electron shell has one; the preview host and the command line do not): offers `content`
 * under `fileName` and writes it where the user chooses; `saved: false` when they cancel.
 */
export type SaveFile = (
  content: string | Uint8Array,
  fileName: string,
  filter: { readonly name: string; readonly extensions: readonly string[] },
) => Promise<{ readonly saved: boolean }>;
