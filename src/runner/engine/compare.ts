// The engine's profile comparison: two profiles as a function diff and a differential flame graph (reads files only).
export { compareProfileFiles, compareProfileFilesInWorker } from '../profile/analysis/compare-profiles';
export { buildDiffFlame, diffFlames } from '../../core/profile/diff-flame';
