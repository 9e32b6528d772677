// `npm run bench:profile`: how much the inlining correction changes the answer on a real profile.
// A small hot function (sumOfSquares) is called in a loop by run(); TurboFan usually inlines it, and the
// profile then charges its samples to run(). Prints the top functions as V8 recorded them
// (`perf-lens hotspots --as-recorded`) and as Perf Lens reports them (source lookup), over N runs.
//
//   node bench/profile/inlining.mjs [runs]     (needs dist/cli.js: npm run build)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('dist/cli.js is missing: npm run build first (npm run bench:profile does).');
  process.exit(2);
}
const runs = Number(process.argv[2] ?? 5);
const source = [
  'function sumOfSquares(n) {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += i * i;',
  '  return s;',
  '}',
  'function run() {',
  '  let x = 0;',
  '  const end = Date.now() + 500;',
  '  while (Date.now() < end) x += sumOfSquares(50_000);',
  '  return x;',
  '}',
  'if (run() < 0) console.log("never");',
].join('\n');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-inlining-'));
try {
  fs.writeFileSync(path.join(dir, 'inline.js'), source);
  const shares = { recorded: [], corrected: [] };
  for (let i = 0; i < runs; i++) {
    const out = path.join(dir, `p${i}`);
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', out, '--cpu-prof-interval', '500', 'inline.js'], { cwd: dir });
    if (r.status !== 0) throw new Error(`the profiled script failed: ${r.stderr}`);
    const profile = path.join(out, fs.readdirSync(out)[0]);
    const top = (extra) => {
      const h = spawnSync(process.execPath, [cli, 'hotspots', profile, '--format', 'json', '--my-code', ...extra], { encoding: 'utf8' });
      if (h.status !== 0) throw new Error(h.stderr);
      const json = JSON.parse(h.stdout);
      const share = (name) => json.hotspots.find((x) => x.functionName === name)?.selfPercent ?? 0;
      return { sumOfSquares: share('sumOfSquares'), run: share('run') };
    };
    const recorded = top(['--as-recorded']);
    const corrected = top([]);
    shares.recorded.push(recorded);
    shares.corrected.push(corrected);
    console.log(
      `run ${i + 1}: as recorded sumOfSquares ${recorded.sumOfSquares}%, run ${recorded.run}%  |  Perf Lens sumOfSquares ${corrected.sumOfSquares}%, run ${corrected.run}%`,
    );
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const m = (k, f) => median(shares[k].map((s) => s[f]));
  console.log(
    `median of ${runs}: as recorded sumOfSquares ${m('recorded', 'sumOfSquares')}%, run ${m('recorded', 'run')}%; Perf Lens sumOfSquares ${m('corrected', 'sumOfSquares')}%, run ${m('corrected', 'run')}%`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
