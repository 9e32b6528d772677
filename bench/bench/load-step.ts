// A change of load between the two sides of a comparison, the way it happens on a shared CI runner: the
// machine is quiet while one side is measured and busy (two CPU-bound neighbours on this 2-core VM) while
// the other is. Per repetition, with REAL processes at default settings (wall clock):
//   saved baseline — `--save` while quiet, then `--compare` while busy (the usual two-step gate);
//   --against      — both sides in one run, processes interleaved, the neighbours starting halfway.
// Each for identical code (A/A: any verdict but `same` is false) and for 10% more work (A/B: `slower`).
//
//   npm run build && node --import tsx bench/bench/load-step.ts [--repetitions 6] [--clock wall|cpu]
//
// Slow (minutes). Prints a line per repetition, the counts, then one JSON line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runBenchmarks } from '../../src/runner/bench/run-benchmarks';
import { runAgainst } from '../../src/runner/bench/run-against';
import { compareRuns } from '../../src/core/bench/compare';

const ROOT = path.join(__dirname, '..', '..');
const harnessPath = path.join(ROOT, 'dist', 'bench-harness.js');
if (!fs.existsSync(harnessPath)) {
  console.error('dist/bench-harness.js is missing: run `npm run build` first');
  process.exit(2);
}
const { values } = parseArgs({ options: { repetitions: { type: 'string' }, clock: { type: 'string' } } });
const repetitions = Number(values.repetitions ?? 6);
const clock = values.clock === 'cpu' ? 'cpu' : 'wall';

const work = (factor: number) => `const { bench } = require('perf-lens/bench');
const n = Math.round(20000 * ${factor});
bench('work', () => { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); return s; });
`;

const repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-load-step-')));
const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
};
fs.writeFileSync(path.join(repo, 'work.bench.cjs'), work(1));
git('init', '-q');
git('add', '-A');
git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-q', '-m', 'base');
const files = [{ absolute: path.join(repo, 'work.bench.cjs'), file: 'work.bench.cjs' }];

/** Two CPU-bound neighbours (one per core here), each in its own process group, stopped together. */
function neighbours(): () => void {
  const kids: ChildProcess[] = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: true }));
  return () => {
    for (const k of kids) if (k.pid) process.kill(-k.pid, 'SIGKILL');
  };
}

async function savedBaseline(factor: number): Promise<string> {
  fs.writeFileSync(path.join(repo, 'work.bench.cjs'), work(1));
  const base = await runBenchmarks({ files, cwd: repo, harnessPath, clock });
  fs.writeFileSync(path.join(repo, 'work.bench.cjs'), work(factor));
  const stop = neighbours();
  try {
    const current = await runBenchmarks({ files, cwd: repo, harnessPath, clock });
    const c = compareRuns(current.results, base.results)[0];
    return `${c.verdict} ${c.ratio?.toFixed(3)}`;
  } finally {
    stop();
  }
}

async function interleaved(factor: number, halfwayMs: number): Promise<string> {
  fs.writeFileSync(path.join(repo, 'work.bench.cjs'), work(factor));
  let stop: (() => void) | undefined;
  const timer = setTimeout(() => (stop = neighbours()), halfwayMs);
  try {
    const both = await runAgainst({ files, paths: [], ref: 'HEAD', cwd: repo, harnessPath, clock });
    const c = compareRuns(both.current, both.base, { paired: true })[0];
    return `${c.verdict} ${c.ratio?.toFixed(3)}`;
  } finally {
    clearTimeout(timer);
    stop?.();
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  // How long a quiet interleaved run takes, so the neighbours start halfway through the next ones.
  const probe = Date.now();
  await runAgainst({ files, paths: [], ref: 'HEAD', cwd: repo, harnessPath, clock });
  const halfwayMs = (Date.now() - probe) / 2;
  const verdicts: Record<string, string[]> = { 'saved A/A': [], 'saved A/B': [], 'against A/A': [], 'against A/B': [] };
  for (let r = 0; r < repetitions; r++) {
    verdicts['saved A/A'].push(await savedBaseline(1));
    verdicts['against A/A'].push(await interleaved(1, halfwayMs));
    verdicts['saved A/B'].push(await savedBaseline(1.1));
    verdicts['against A/B'].push(await interleaved(1.1, halfwayMs));
    console.log(`repetition ${r + 1}/${repetitions}: ${Object.entries(verdicts).map(([k, v]) => `${k} ${v[r]}`).join('; ')}`);
  }
  const count = (k: string, verdict: (v: string) => boolean) => verdicts[k].filter((v) => verdict(v.split(' ')[0])).length;
  const summary = {
    clock,
    repetitions,
    // Identical code called different ('inconclusive' claims nothing, so it is not wrong).
    savedAAWrong: count('saved A/A', (v) => v === 'slower' || v === 'faster'),
    savedABSlower: count('saved A/B', (v) => v === 'slower'),
    againstAAWrong: count('against A/A', (v) => v === 'slower' || v === 'faster'),
    againstABSlower: count('against A/B', (v) => v === 'slower'),
    verdicts,
    loadavg: os.loadavg(),
    minutes: (Date.now() - t0) / 60000,
  };
  console.log('');
  console.log(`clock: ${clock}`);
  console.log(`saved baseline (quiet) vs a busy run: A/A called different ${summary.savedAAWrong}/${repetitions}; A/B called slower ${summary.savedABSlower}/${repetitions}`);
  console.log(`--against, neighbours from halfway:   A/A called different ${summary.againstAAWrong}/${repetitions}; A/B called slower ${summary.againstABSlower}/${repetitions}`);
  console.log(`${summary.minutes.toFixed(1)} min; load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(JSON.stringify(summary));
  fs.rmSync(repo, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
