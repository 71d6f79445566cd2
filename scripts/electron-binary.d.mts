/** Path of the Electron binary on this machine, or null where its download was skipped. */
export function electronBinary(): string | null;
