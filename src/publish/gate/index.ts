/** The publish gate: reads every file of a release before it becomes visible (issue 9). */
export { scanRelease, type ReleaseFileToScan } from './scan-release.js';
export { MAX_FINDINGS, type GateFile, type GateFinding, type GateReport } from './report.js';
export { personalNumbersIn, type NumberKind } from './personal-numbers-in-text.js';
