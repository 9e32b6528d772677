// The editor path: re-linting one large file in a warm process, as the extension does after an edit.
// Each run lints a slightly different text (a comment line in the middle changes). Measured twice: "cold"
// parses every text from scratch; "incremental" keeps the previous tree in a JsParseCache, as the
// extension does for an open document, so TypeScript re-parses only around the edit.
// Usage: node bench/lint/relint-worker.mjs <file> <name-to-lint-as> <warmup> <runs> <dist/engine.js>
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [file, name, warmupArg, runsArg, enginePath] = process.argv.slice(2);
const warmup = Number(warmupArg);
const runs = Number(runsArg);
const engine = createRequire(import.meta.url)(enginePath);
const config = engine.hints.withDefaults({});
const parsers = await engine.hints.loadParsers();
const text = fs.readFileSync(file, 'utf8');
const middle = text.indexOf('\n', text.length >> 1) + 1;
const edited = (i) => `${text.slice(0, middle)}// edit ${i}\n${text.slice(middle)}`;

function measure(reuse) {
  let findings = -1;
  for (let i = 0; i < warmup; i++) engine.hints.lintText(edited(i), name, config, parsers, reuse);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const source = edited(warmup + i);
    const t0 = performance.now();
    const result = engine.hints.lintText(source, name, config, parsers, reuse);
    times.push(performance.now() - t0);
    findings = result.findings.length;
    if (result.notes.some((n) => n.kind === 'skipped')) throw new Error(`the engine skipped ${name}: ${result.notes[0].message}`);
  }
  times.sort((a, b) => a - b);
  const q = (p) => {
    const i = p * (times.length - 1);
    return times[Math.floor(i)] + (times[Math.ceil(i)] - times[Math.floor(i)]) * (i - Math.floor(i));
  };
  return { findings, medianMs: q(0.5), p90Ms: q(0.9), minMs: times[0], maxMs: times[times.length - 1] };
}

const cold = measure(undefined);
const incremental = measure({ cache: new engine.hints.JsParseCache(), key: name });
if (incremental.findings !== cold.findings) throw new Error(`incremental re-lint found ${incremental.findings}, cold ${cold.findings}`);
process.stdout.write(
  // The top-level figures are the editor's (incremental) path; `cold` is a full parse per run.
  JSON.stringify({ runs, warmup, ...incremental, cold }) + '\n',
);
