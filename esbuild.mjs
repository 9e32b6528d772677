// Bundles the extension host, the CLI and (later) the webviews. esbuild does not type-check: `npm run typecheck`.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  // The extension entry stays tiny: activation must be fast. The engine is a separate bundle
  // required on first use (it carries the TypeScript parser).
  { ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode', './engine'] },
  { ...common, entryPoints: { engine: 'src/runner/engine-entry.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist' },
  // The CLI's lint worker threads (src/runner/lint/lint-pool.ts looks for it next to dist/cli.js).
  { ...common, entryPoints: { 'lint-worker': 'src/runner/lint/lint-worker.ts' }, outdir: 'dist' },
  // The CPU profiling child (src/runner/profile/run-profile.ts looks for it next to the running bundle).
  { ...common, entryPoints: { 'profile-harness': 'src/runner/profile/harness.ts' }, outdir: 'dist' },
  // Reading and analysing a .cpuprofile off the extension host's thread (src/runner/profile/analysis/analysis-worker-client.ts looks for it next to the running bundle).
  { ...common, entryPoints: { 'profile-worker': 'src/runner/profile/analysis/analysis-worker.ts' }, outdir: 'dist' },
  // TypeScript targets: the ESM loader hooks and the transpiler with `typescript` (typescript/hooks.ts loads it only when a .ts file is met).
  { ...common, entryPoints: { 'profile-ts-loader': 'src/runner/typescript/esm-loader.ts' }, outdir: 'dist' },
  // npm scripts and test runs: NODE_OPTIONS=--require it into every Node process (src/runner/profile/profile-processes.ts).
  { ...common, entryPoints: { 'profile-preload': 'src/runner/profile/preload.ts' }, outdir: 'dist' },
  // The benchmark child (src/runner/bench/run-file.ts looks for it next to the running bundle; TypeScript through profile-ts-loader.js).
  { ...common, entryPoints: { 'bench-harness': 'src/runner/bench/harness.ts' }, outdir: 'dist' },
  // Webviews: browser code, one bundle (+ its CSS) per view under dist/webview/ (the panels' localResourceRoots).
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: { hotspots: 'webview/hotspots/main.ts' },
    outdir: 'dist/webview',
  },
  // The Compare Profiles panel (imports the Hot Spots panel's flame view and stylesheet).
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { compare: 'webview/compare/main.ts' }, outdir: 'dist/webview' },
  // The Benchmarks side view (Chart.js and its error-bar plugin bundled in: no remote script).
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { benchmarks: 'webview/benchmarks/main.ts' }, outdir: 'dist/webview' },
];

/** The `perf-lens/bench` declarations the editor writes next to a generated TypeScript benchmark (src/runner/bench/bench-types-file.ts). */
function copyBenchTypes() {
  fs.mkdirSync('dist', { recursive: true });
  fs.copyFileSync('src/core/bench/perf-lens-bench.d.ts', 'dist/perf-lens-bench.d.ts');
}

function copyWasm() {
  const out = 'dist/wasm';
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), path.join(out, 'tree-sitter.wasm'));
  fs.copyFileSync(require.resolve('tree-sitter-elixir/tree-sitter-elixir.wasm'), path.join(out, 'tree-sitter-elixir.wasm'));
}

const present = builds.filter((b) => Object.values(b.entryPoints).every((f) => fs.existsSync(f)));
if (watch) {
  for (const b of present) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
copyWasm();
copyBenchTypes();
