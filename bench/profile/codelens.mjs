// What one "Profile" CodeLens request costs the extension host after an edit (the cache is per document
// version): callableFunctions on a JS module of N lines (one parse, no parent pointers; the last
// profile's times are placed by line, without another parse), medians and p90 of 30 runs. For scale:
// functionsInSource, the parse the command and the hot spots' inlining correction use.
// The engine loads before timing: its first require (TypeScript) happens once, on the first request.
//
//   node bench/profile/codelens.mjs [lines]     (default 5000; needs dist/engine.js: npm run build)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const enginePath = path.join(root, 'dist', 'engine.js');
if (!fs.existsSync(enginePath)) {
  console.error('dist/engine.js is missing: npm run build first.');
  process.exit(2);
}
const t0 = performance.now();
const engine = createRequire(import.meta.url)(enginePath);
engine.profile.functionsInSource('function f() {}', 'warm.js');
const loadMs = performance.now() - t0;
const lines = Number(process.argv[2] ?? 5000);

// A CommonJS module of functions of 10 lines each, half exported, some with callbacks, one class.
const parts = ["'use strict';", 'class Store {', '  static find(id) { return id; }', '  save(x) { return x; }', '}'];
const exported = ['Store'];
for (let i = 0; parts.length < lines - 2; i++) {
  parts.push(
    `function fn${i}(rows, limit = 10) {`,
    '  let total = 0;',
    '  for (const r of rows) {',
    `    if (r.id % ${i + 2} === 0) total += r.value;`,
    '  }',
    '  const top = rows.filter((r) => r.value > limit).map((r) => r.id);',
    '  return { total, top };',
    '}',
    '',
    '',
  );
  if (i % 2 === 0) exported.push(`fn${i}`);
}
parts.push(`module.exports = { ${exported.join(', ')} };`, '');
const text = parts.join('\n');

/** Median and p90 of 30 timed runs (after 5 that warm the JIT). */
function time(fn) {
  const runs = [];
  for (let i = 0; i < 35; i++) {
    const t = performance.now();
    fn();
    if (i >= 5) runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[runs.length >> 1], p90: runs[Math.floor(runs.length * 0.9)] };
}
const counts = { functions: engine.profile.functionsInSource(text, 'big.js').length, callable: engine.profile.callableFunctions(text, 'big.js').length };
const lens = time(() => engine.profile.callableFunctions(text, 'big.js'));
const all = time(() => engine.profile.functionsInSource(text, 'big.js'));
const n = text.split('\n').length;
const ms = (x) => x.toFixed(1);
console.log(`engine load (TypeScript), once: ${loadMs.toFixed(0)} ms`);
console.log(`${n}-line module, ${counts.functions} functions, ${counts.callable} with a Profile lens:`);
console.log(`  lens request (callableFunctions): median ${ms(lens.median)} ms, p90 ${ms(lens.p90)} ms`);
console.log(`  for scale, functionsInSource:     median ${ms(all.median)} ms, p90 ${ms(all.p90)} ms`);
const r = (x) => +x.toFixed(2);
console.log(JSON.stringify({ bench: 'codelens', lines: n, ...counts, engineLoadMs: Math.round(loadMs), lensMedianMs: r(lens.median), lensP90Ms: r(lens.p90), functionsInSourceMedianMs: r(all.median) }));
