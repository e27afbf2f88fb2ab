/** A configuration problem; its message names the file or source, the path and what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
