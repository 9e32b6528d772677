/**
 * The lazily loaded engine bundle (dist/engine.js): what the extension (through
 * src/extension/shared/engine-loader.ts) and the benchmarks need from src/runner and the heavy parts of
 * src/core (the TypeScript compiler, tree-sitter), grouped by feature — `engine.profile.readProfile` —
 * each function under one name.
 */
export * as hints from './engine/hints';
export * as profile from './engine/profile';
export * as compare from './engine/compare';
export * as bench from './engine/bench';
