// The engine's CPU profiles: take them (a function, a script, an npm script, a test file, the project's 0x),
// read any format (readProfile), analyse them off the calling thread, the editor's lenses, the HTML report.
export { functionsInSource } from '../../core/profile/source-functions';
export { callableFunctions } from '../../core/profile/callable-functions';
export { computeHotspots } from '../../core/profile/hotspots';
export { buildFlame, layoutFlame } from '../../core/profile/flame';
export { importFromZeroX } from '../../core/profile/import/zero-x';
export { ProfileReadError, clinicFlameRuns, readProfile } from '../profile/analysis/read-profile';
export { enclosingFunctionLookup } from '../profile/analysis/enclosing-functions';
export { analyzeProfileOffThread } from '../profile/analysis/analysis-worker-client';
export { ProfileTargetError, profileFunction, profileScript } from '../profile/run-profile';
export { profileNpmScript, readNpmScripts } from '../profile/npm-script';
export { profileTestFile } from '../profile/test-runner';
export { ZeroXRunError, defaultZeroXDir, profileWithZeroX } from '../profile/zero-x-run';
export { writeProfileReport } from '../report/write-report';
