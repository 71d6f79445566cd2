/** A configuration the workstation refuses, with a message naming the file and key at fault. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
