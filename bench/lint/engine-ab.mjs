// Two builds of the lint engine side by side on the lint benchmark's corpus: each round lints every file once
// per build, each in a fresh process, the order alternated (A B, B A, …); prints the times, the medians, their
// ratio and the findings (which must agree). For checking that a refactor of the engine left its speed alone.
//   node bench/lint/engine-ab.mjs <a/dist/engine.js> <b/dist/engine.js> [--rounds 5]
// (build each tree with `node esbuild.mjs`; the corpus packages come with `npm ci`).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { selectFiles } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 5;
const engines = args.filter((a, i) => !a.startsWith('--') && (roundsAt < 0 || i !== roundsAt + 1)).map((e) => path.resolve(e));
if (engines.length !== 2 || !(rounds >= 1) || !engines.every((e) => fs.existsSync(e))) {
  console.error('usage: node bench/lint/engine-ab.mjs <a/dist/engine.js> <b/dist/engine.js> [--rounds 5]');
  process.exit(2);
}
/** Engines before the facade was grouped by feature export lintText at the top; later ones under `hints`. */
const hintsOf = (engine) => engine.hints ?? engine;

/** One timed lint of every file in a fresh process: argv = [list, engine]. */
const WORKER = `
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const [list, enginePath] = process.argv.slice(1);
const e = require(enginePath); const h = e.hints ?? e;
(async () => {
  const config = h.withDefaults({}); const parsers = await h.loadParsers();
  const texts = JSON.parse(fs.readFileSync(list, 'utf8')).map((f) => [fs.readFileSync(f.abs, 'utf8'), f.rel]);
  const t0 = performance.now(); let n = 0;
  for (const [text, rel] of texts) n += h.lintText(text, rel, config, parsers).findings.length;
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, findings: n }));
})();`;

const corpus = selectFiles(root, { hints: hintsOf(createRequire(import.meta.url)(engines[1])) });
if (corpus.missing.length > 0) {
  console.error(`corpus packages are not installed (${corpus.missing.join(', ')}): run \`npm ci\` first.`);
  process.exit(2);
}
const list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-engine-ab-')), 'files.json');
fs.writeFileSync(list, JSON.stringify(corpus.files));
const times = [[], []];
const findings = [new Set(), new Set()];
for (let r = 0; r < rounds; r++) {
  for (const side of r % 2 === 0 ? [0, 1] : [1, 0]) {
    const out = spawnSync(process.execPath, ['-e', WORKER, list, engines[side]], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr.trim().split('\n').pop());
    const { ms, findings: n } = JSON.parse(out.stdout);
    times[side].push(ms);
    findings[side].add(n);
    console.log(`round ${r + 1} ${side === 0 ? 'A' : 'B'}: ${ms.toFixed(0)} ms, ${n} findings`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [a, b] = times.map(median);
console.log(`${corpus.files.length} files; median A ${a.toFixed(0)} ms, B ${b.toFixed(0)} ms, B/A ${(b / a).toFixed(3)}; findings A ${[...findings[0]].join('/')}, B ${[...findings[1]].join('/')}`);
