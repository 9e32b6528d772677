// `npm run bench:lint`: Perf Lens (all three rules) against ESLint 9 with only `no-await-in-loop`, on the same
// real TypeScript/JavaScript files, each tool in a fresh process per round with the order alternating, and the
// editor path (re-linting a 5,000-line file in a warm process). Human-readable lines, then one JSON line.
//
//   node bench/lint/run.mjs [--quick] [--rounds N] [--relint-runs N] [--profile DIR] [--check-goals]
//                           [--by-language] [--jobs N]
//
// --by-language: one more run of each tool on the TypeScript files alone and on the JavaScript files alone.
// --jobs N: the CLI (`perf-lens lint --format json`) on the same list with --jobs 1 and --jobs N, alternating,
// one pair per round: does the worker pool pay on this machine?
//
// Exit status: 0 when every run worked, 1 when a run failed (or --check-goals and a goal was missed),
// 2 for bad usage or a missing build.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { selectFiles } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const GOAL_RATIO = 10;
const GOAL_RELINT_MS = 30;
const RELINT_LINES = 5000;

class UsageError extends Error {}
/** A worker process failed: its own stderr says why, our stack would not. */
class WorkerError extends Error {}

function parseArgs(argv) {
  const opts = { quick: false, rounds: undefined, relintRuns: undefined, profile: undefined, checkGoals: false, byLanguage: false, jobs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const count = (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`${a} needs a whole number of at least 1, got "${v}"`);
      return n;
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--rounds') opts.rounds = count(value());
    else if (a === '--relint-runs') opts.relintRuns = count(value());
    else if (a === '--profile') opts.profile = path.resolve(value());
    else if (a === '--check-goals') opts.checkGoals = true;
    else if (a === '--by-language') opts.byLanguage = true;
    else if (a === '--jobs') opts.jobs = count(value());
    else if (a === '--help' || a === '-h') {
      console.log('usage: node bench/lint/run.mjs [--quick] [--rounds N] [--relint-runs N] [--profile DIR] [--check-goals] [--by-language] [--jobs N]');
      process.exit(0);
    } else throw new UsageError(`unknown option ${a}`);
  }
  opts.rounds ??= opts.quick ? 1 : 3;
  opts.relintRuns ??= opts.quick ? 10 : 50;
  return opts;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const int = (n) => n.toLocaleString('en-US');

/** Runs a worker in a fresh node process; resolves with its JSON line and the wall time seen from here. */
function runWorker(script, args, nodeArgs = []) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [...nodeArgs, path.join(here, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) {
        reject(new WorkerError(`${script} failed (${signal ?? `exit ${code}`}): ${err.trim().split('\n').slice(-5).join(' | ')}`));
        return;
      }
      try {
        resolve({ ...JSON.parse(out.trim().split('\n').pop()), wallMs });
      } catch {
        reject(new WorkerError(`${script} printed no result line: ${out.slice(-300)} ${err.slice(-300)}`));
      }
    });
  });
}

/** The smallest real TypeScript file of at least 5,000 lines; whole files joined when the corpus has none. */
function relintSource(files, tmp) {
  const ts = files.filter((f) => f.language === 'ts');
  const big = ts.filter((f) => f.lines >= RELINT_LINES).sort((a, b) => a.lines - b.lines)[0];
  if (big) return { path: big.abs, name: big.rel, lines: big.lines, from: big.rel };
  const parts = [];
  let lines = 0;
  for (const f of [...ts].sort((a, b) => b.lines - a.lines)) {
    if (lines >= RELINT_LINES) break;
    parts.push(f);
    lines += f.lines;
  }
  const joined = path.join(tmp, 'relint.ts');
  fs.writeFileSync(joined, parts.map((f) => fs.readFileSync(f.abs, 'utf8')).join('\n'));
  return { path: joined, name: 'relint.ts', lines, from: parts.map((f) => f.rel).join(' + ') };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const enginePath = path.join(root, 'dist', 'engine.js');
  if (!fs.existsSync(enginePath)) {
    console.error('dist/engine.js is missing: build it first with `node esbuild.mjs` (npm run bench:lint does).');
    return 2;
  }
  // Other builds may rewrite dist/ while this runs: every process uses one snapshot of the bundle.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-bench-'));
  try {
    return await bench(opts, snapshotEngine(enginePath, tmp), tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Copies dist/engine.js and the wasm files it loads (dist/wasm) into `tmp`; returns the copy's path. */
function snapshotEngine(enginePath, tmp) {
  const dir = path.join(tmp, 'engine');
  fs.mkdirSync(dir);
  fs.copyFileSync(enginePath, path.join(dir, 'engine.js'));
  fs.cpSync(path.join(path.dirname(enginePath), 'wasm'), path.join(dir, 'wasm'), { recursive: true });
  // The CLI and its worker bundle, for --jobs.
  for (const f of ['cli.js', 'lint-worker.js']) {
    const from = path.join(path.dirname(enginePath), f);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, f));
  }
  return path.join(dir, 'engine.js');
}

async function bench(opts, enginePath, tmp) {
  const engine = createRequire(import.meta.url)(enginePath);
  const all = selectFiles(root, engine);
  if (all.missing.length > 0) {
    console.error(`corpus packages are not installed (${all.missing.join(', ')}): run \`npm ci\` first.`);
    return 2;
  }
  const corpus = opts.quick ? selectFiles(root, engine, { every: 10 }) : all;
  const files = corpus.files;
  const totals = (fs_) => ({
    files: fs_.length,
    lines: fs_.reduce((s, f) => s + f.lines, 0),
    bytes: fs_.reduce((s, f) => s + f.bytes, 0),
  });
  const total = totals(files);
  const ts = totals(files.filter((f) => f.language === 'ts'));
  const js = totals(files.filter((f) => f.language === 'js'));

  const listPath = path.join(tmp, 'files.json');
  fs.writeFileSync(listPath, JSON.stringify({ nodeModules: corpus.nodeModules, files }));

  console.log(`perf-lens lint benchmark${opts.quick ? ' (--quick: every 10th file)' : ''}, node ${process.version}, ${os.cpus().length} cores`);
  const packages = {};
  for (const f of files) {
    const dir = f.rel.split('/').slice(0, 2).join('/');
    packages[dir] = (packages[dir] ?? 0) + 1;
  }
  console.log(`corpus: ${Object.entries(packages).map(([d, n]) => `${d} (${n})`).join(', ')}`);
  console.log(
    `files: ${int(total.files)} (${int(ts.files)} TS, ${int(js.files)} JS), lines: ${int(total.lines)} (${int(ts.lines)} TS, ${int(js.lines)} JS), bytes: ${int(total.bytes)} (${(total.bytes / 1e6).toFixed(1)} MB)`,
  );

  const runs = { ours: [], eslint: [] };
  for (let r = 0; r < opts.rounds; r++) {
    const order = r % 2 === 0 ? ['ours', 'eslint'] : ['eslint', 'ours'];
    for (const tool of order) {
      const res =
        tool === 'ours'
          ? await runWorker('ours-worker.mjs', [listPath, enginePath], opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : [])
          : await runWorker('eslint-worker.mjs', [listPath]);
      runs[tool].push(res);
      console.log(
        `  round ${r + 1} ${tool === 'ours' ? 'perf-lens' : 'eslint   '}: ${sec(res.wallMs)} wall (load ${sec(res.loadMs)}, lint ${sec(res.lintMs)}), ${sec(res.cpuMs)} CPU, ${int(res.findings)} findings`,
      );
    }
  }

  // A run that linted fewer files than the list measures less work: that is a broken benchmark, not a result.
  const problems = [];
  for (const r of runs.ours) {
    if (r.files !== files.length) problems.push(`perf-lens linted ${r.files} of ${files.length} files`);
    if (r.skippedCount > 0) problems.push(`perf-lens skipped ${r.skippedCount} listed files, e.g. ${r.skipped[0]}`);
  }
  for (const r of runs.eslint) {
    if (r.files !== files.length) problems.push(`eslint linted ${r.files} of ${files.length} files`);
    if (r.fatalCount > 0) problems.push(`eslint could not parse ${r.fatalCount} files, e.g. ${r.fatal[0]}`);
  }
  for (const tool of ['ours', 'eslint']) {
    if (new Set(runs[tool].map((r) => r.findings)).size > 1) problems.push(`${tool} found different counts in different rounds`);
  }

  const medians = (rs) => Object.fromEntries(['wallMs', 'loadMs', 'lintMs', 'cpuMs'].map((k) => [k, median(rs.map((r) => r[k]))]));
  const ours = medians(runs.ours);
  const eslint = medians(runs.eslint);
  const ratio = eslint.wallMs / ours.wallMs;
  const cpuRatio = eslint.cpuMs / ours.cpuMs;
  const mbps = total.bytes / 1e6 / (ours.wallMs / 1000);
  const mbpsLint = total.bytes / 1e6 / (ours.lintMs / 1000);
  const lastOurs = runs.ours[runs.ours.length - 1];
  const byRule = Object.entries(lastOurs.byRule).map(([id, n]) => `${id} ${n}`).join(', ') || 'none';

  console.log(`perf-lens (3 rules):      median ${sec(ours.wallMs)} wall over ${opts.rounds} round(s) (load ${sec(ours.loadMs)}, lint ${sec(ours.lintMs)}), ${sec(ours.cpuMs)} CPU, ${int(lastOurs.findings)} findings (${byRule})`);
  console.log(`eslint (no-await-in-loop): median ${sec(eslint.wallMs)} wall over ${opts.rounds} round(s) (load ${sec(eslint.loadMs)}, lint ${sec(eslint.lintMs)}), ${sec(eslint.cpuMs)} CPU, ${int(runs.eslint[0].findings)} findings`);
  console.log(`ratio eslint/perf-lens: ${ratio.toFixed(1)}x wall time (goal >= ${GOAL_RATIO}x: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}), ${cpuRatio.toFixed(1)}x CPU time`);
  console.log(`perf-lens throughput: ${mbps.toFixed(1)} MB/s whole process, ${mbpsLint.toFixed(1)} MB/s linting once loaded`);

  // How much of that is the parser: one run that only parses (same process shape, no rules).
  const parseOnly = await runWorker('ours-worker.mjs', [listPath, enginePath, '--parse-only']);
  console.log(
    `perf-lens parse only (TypeScript parser, no rules): ${sec(parseOnly.lintMs)} of ${sec(ours.lintMs)} linting (${Math.round((100 * parseOnly.lintMs) / ours.lintMs)}%)`,
  );

  const byLanguage = opts.byLanguage ? await runByLanguage(files, corpus.nodeModules, enginePath, tmp) : undefined;
  const jobs = opts.jobs ? await runJobs(files, enginePath, opts) : undefined;

  const source = relintSource(all.files, tmp);
  const warmup = opts.quick ? 3 : 10;
  const relint = await runWorker('relint-worker.mjs', [source.path, source.name, String(warmup), String(opts.relintRuns), enginePath]);
  console.log(
    `editor path: re-lint ${source.from} (${int(source.lines)} lines) after a one-line edit, in a warm process, incremental parse: median ${relint.medianMs.toFixed(1)} ms, p90 ${relint.p90Ms.toFixed(1)} ms over ${relint.runs} runs after ${relint.warmup} warm-up (goal <= ${GOAL_RELINT_MS} ms: ${relint.medianMs <= GOAL_RELINT_MS ? 'met' : 'NOT met'}); full parse each time: median ${relint.cold.medianMs.toFixed(1)} ms, p90 ${relint.cold.p90Ms.toFixed(1)} ms`,
  );
  if (opts.profile) console.log(`CPU profiles of the perf-lens runs: ${opts.profile}`);
  for (const p of problems) console.error(`FAILED: ${p}`);

  const goalsMet = ratio >= GOAL_RATIO && relint.medianMs <= GOAL_RELINT_MS;
  console.log(
    JSON.stringify({
      quick: opts.quick,
      rounds: opts.rounds,
      node: process.version,
      cores: os.cpus().length,
      corpus: { ...total, ts, js, packages },
      perfLens: { ...ours, findings: lastOurs.findings, byRule: lastOurs.byRule, notes: lastOurs.notes, runs: runs.ours.map((r) => r.wallMs) },
      eslint: { ...eslint, findings: runs.eslint[0].findings, runs: runs.eslint.map((r) => r.wallMs) },
      ratio,
      mbPerSecond: mbps,
      mbPerSecondLint: mbpsLint,
      relint: { file: source.from, lines: source.lines, ...relint },
      parseOnlyMs: parseOnly.lintMs,
      byLanguage,
      jobs,
      goals: { ratio: GOAL_RATIO, relintMs: GOAL_RELINT_MS, met: goalsMet },
      ok: problems.length === 0,
    }),
  );
  if (problems.length > 0) return 1;
  if (opts.checkGoals && !goalsMet) return 1;
  return 0;
}

/** One run of each tool on the TS files alone and on the JS files alone. */
async function runByLanguage(files, nodeModules, enginePath, tmp) {
  const out = {};
  for (const language of ['ts', 'js']) {
    const subset = files.filter((f) => f.language === language);
    const list = path.join(tmp, `files-${language}.json`);
    fs.writeFileSync(list, JSON.stringify({ nodeModules, files: subset }));
    const ours = await runWorker('ours-worker.mjs', [list, enginePath]);
    const eslint = await runWorker('eslint-worker.mjs', [list]);
    out[language] = { files: subset.length, perfLensWallMs: ours.wallMs, eslintWallMs: eslint.wallMs, ratio: eslint.wallMs / ours.wallMs };
    console.log(
      `${language === 'ts' ? 'TypeScript' : 'JavaScript'} files only (${int(subset.length)}): perf-lens ${sec(ours.wallMs)}, eslint ${sec(eslint.wallMs)}: ${(eslint.wallMs / ours.wallMs).toFixed(1)}x wall time`,
    );
  }
  return out;
}

/** The CLI with --jobs 1 and --jobs N on the same list, alternating, one pair per round. */
async function runJobs(files, enginePath, opts) {
  const cli = path.join(path.dirname(enginePath), 'cli.js');
  const time = (n) =>
    new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const child = spawn(process.execPath, [cli, 'lint', '--format', 'json', '--jobs', String(n), '--', ...files.map((f) => f.abs)], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => {
        // Exit 1 means "findings": expected on this corpus.
        if (code !== 0 && code !== 1) reject(new WorkerError(`perf-lens lint --jobs ${n} failed (exit ${code})`));
        else resolve({ wallMs: Number(process.hrtime.bigint() - t0) / 1e6, findings: JSON.parse(out).length });
      });
    });
  const runs = { 1: [], [opts.jobs]: [] };
  for (let r = 0; r < opts.rounds; r++) {
    for (const n of r % 2 === 0 ? [1, opts.jobs] : [opts.jobs, 1]) runs[n].push(await time(n));
  }
  const one = median(runs[1].map((r) => r.wallMs));
  const many = median(runs[opts.jobs].map((r) => r.wallMs));
  if (runs[1][0].findings !== runs[opts.jobs][0].findings) throw new WorkerError('--jobs changed the number of findings');
  console.log(`perf-lens lint CLI: --jobs 1 median ${sec(one)}, --jobs ${opts.jobs} median ${sec(many)}: ${(one / many).toFixed(2)}x speed-up`);
  return { jobs: opts.jobs, jobs1WallMs: one, jobsNWallMs: many, speedup: one / many };
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`bench:lint: ${e instanceof UsageError || e instanceof WorkerError ? e.message : (e?.stack ?? e)}`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
