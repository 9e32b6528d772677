// One timed run of Perf Lens over the file list, in its own process: loads the shipped engine bundle
// (dist/engine.js), lints every file with all three rules and prints one JSON line with counts and timings.
// Usage: node bench/lint/ours-worker.mjs <list.json> <dist/engine.js> [--parse-only]
// --parse-only: only TypeScript's parse of each file (no rules), to show how much of the time is the parser.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [listPath, enginePath, mode] = process.argv.slice(2);
const parseOnly = mode === '--parse-only';
const list = JSON.parse(fs.readFileSync(listPath, 'utf8'));

const require = createRequire(import.meta.url);
const engine = require(enginePath);
const config = engine.hints.withDefaults({});
const parsers = await engine.hints.loadParsers();
const loaded = performance.now();

const byRule = {};
const notes = {};
const skipped = [];
let findings = 0;
for (const file of list.files) {
  const text = fs.readFileSync(file.abs, 'utf8');
  if (parseOnly) {
    engine.hints.parseJs(text, file.rel);
    continue;
  }
  const result = engine.hints.lintText(text, file.rel, config, parsers);
  findings += result.findings.length;
  for (const f of result.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  for (const n of result.notes) {
    notes[n.kind] = (notes[n.kind] ?? 0) + 1;
    if (n.kind === 'skipped') skipped.push(`${file.rel}: ${n.message}`);
  }
}
const done = performance.now();

process.stdout.write(
  JSON.stringify({
    tool: 'perf-lens',
    files: list.files.length,
    findings,
    byRule,
    notes,
    skipped: skipped.slice(0, 5),
    skippedCount: skipped.length,
    // performance.now() counts from process start: load includes node's own startup.
    loadMs: loaded,
    lintMs: done - loaded,
    // user + system CPU of the whole process (GC threads included): less sensitive than wall time to a busy machine.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  }) + '\n',
);
