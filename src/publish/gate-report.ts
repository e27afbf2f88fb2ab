/**
 * What the publish gate (src/publish/gate, the grading slice) answers for a release's files:
 * passed, or every finding naming the file, row and column. Declared here so the release
 * builder can take the gate as an injected function without importing the scanner.
 */
export interface GateFinding {
  readonly file: string;
  readonly row: number;
  readonly column: string;
  readonly kind: string;
  readonly detail: string;
}

export interface GateReport {
  readonly passed: boolean;
  readonly findings: readonly GateFinding[];
}

/** A release file as the gate reads it: the local file, before anything of the release is uploaded. */
export interface GateFile {
  readonly name: string;
  readonly format: string;
  readonly path: string;
}
