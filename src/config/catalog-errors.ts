/** A configuration problem; its message names the file or source, the path and what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One configuration file that was refused, and every reason as "JSON path: what is wrong". */
export interface FileProblem {
  /** The file as shown to people (relative to the working directory when inside it). */
  readonly file: string;
  /** `source` or `dataset`. */
  readonly what: string;
  readonly problems: readonly string[];
}

/** A folder of definitions after loading: the valid ones, and the files refused with why. */
export interface LoadedDefinitions<T> {
  readonly valid: T[];
  readonly problems: FileProblem[];
}

/** The one way a refused file is told to people: the file, then each path and what is wrong. */
export function describeFileProblem(problem: FileProblem): string {
  return `${problem.file}: invalid ${problem.what}:\n  ${problem.problems.join('\n  ')}`;
}
