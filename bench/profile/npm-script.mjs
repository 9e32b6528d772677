// What profiling an npm script costs: the same `npm run work` (npm started the same way, no shell),
// alternately plain and as `perf-lens profile --npm-script work`, in a temp project. The workload times
// itself inside its process (so npm's own start is left out) and writes the figure to a file; the whole
// run is timed from outside too (npm, the preload in each node process, the CLI's hot spots).
// Medians over the rounds; the ratio is per round (plain and profiled run next to each other).
//
//   node bench/profile/npm-script.mjs [rounds] [workloadMs]     (defaults: 7 rounds, 1000 ms; needs npm run build)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const rounds = Number(process.argv[2] ?? 7);
const workloadMs = Number(process.argv[3] ?? 1000);
const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const cli = path.join(ROOT, 'dist', 'cli.js');
if (!fs.existsSync(cli) || !fs.existsSync(path.join(ROOT, 'dist', 'profile-preload.js'))) {
  console.error('dist/cli.js or dist/profile-preload.js is missing: run npm run build');
  process.exit(1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-bench-npm-'));
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench', private: true, scripts: { work: 'node work.js' } }));
// A fixed amount of work (calibrated once below), timed inside the process.
fs.writeFileSync(
  path.join(dir, 'work.js'),
  `const fs = require('node:fs');
function step(n) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sin(i); return s; }
const calls = Number(process.env.BENCH_CALLS);
const t0 = process.hrtime.bigint();
let x = 0;
for (let i = 0; i < calls; i++) x += step(10000);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify({ ms, x }));
`,
);

// Calibrate: how many calls make about workloadMs here.
const calib = spawnSync(process.execPath, ['-e', `function step(n){let s=0;for(let i=0;i<n;i++)s+=Math.sqrt(i)*Math.sin(i);return s}const t=Date.now();let c=0;while(Date.now()-t<300){step(10000);c++}console.log(c)`], { encoding: 'utf8' });
const calls = Math.max(1, Math.round((Number(calib.stdout.trim()) * workloadMs) / 300));

const npm = (() => {
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  const real = fs.realpathSync(which);
  return real.endsWith('.js') ? [process.execPath, real] : [real];
})();

function once(profiled) {
  const out = path.join(dir, `out-${profiled ? 'p' : 'n'}.json`);
  fs.rmSync(out, { force: true });
  const env = { ...process.env, BENCH_CALLS: String(calls), BENCH_OUT: out, npm_config_update_notifier: 'false' };
  const [cmd, ...pre] = profiled ? [process.execPath, cli, 'profile', '--npm-script', 'work', '--format', 'json', '--out', path.join(dir, 'p.cpuprofile')] : [...npm, 'run', 'work'];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, pre, { cwd: dir, env, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${profiled ? 'profiled' : 'plain'} run failed (${r.status}): ${r.stderr.slice(-500)}`);
  return { workMs: JSON.parse(fs.readFileSync(out, 'utf8')).ms, wallMs };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = [];
once(false); // warm the file cache
for (let i = 0; i < rounds; i++) {
  // Alternate which goes first, so drift on a shared machine does not favour one side.
  const [a, b] = i % 2 ? [once(true), once(false)] : [once(false), once(true)];
  const [p, n] = i % 2 ? [a, b] : [b, a];
  rows.push({ plainWork: n.workMs, profiledWork: p.workMs, workRatio: p.workMs / n.workMs, plainWall: n.wallMs, profiledWall: p.wallMs });
}
fs.rmSync(dir, { recursive: true, force: true });
const m = (k) => median(rows.map((r) => r[k]));
console.log(`npm run work, ${rounds} rounds, workload ${calls} calls (~${workloadMs} ms here)`);
console.log(`workload inside its process: plain ${m('plainWork').toFixed(0)} ms, profiled ${m('profiledWork').toFixed(0)} ms; overhead (median of per-round ratios) ${((m('workRatio') - 1) * 100).toFixed(1)}%`);
console.log(`whole run from outside: npm run ${m('plainWall').toFixed(0)} ms, perf-lens profile --npm-script ${m('profiledWall').toFixed(0)} ms (+${(m('profiledWall') - m('plainWall')).toFixed(0)} ms: preload, CLI start, hot spots)`);
console.log(JSON.stringify({ bench: 'npm-script', rounds, calls, workOverheadPercent: (m('workRatio') - 1) * 100, plainWorkMs: m('plainWork'), profiledWorkMs: m('profiledWork'), plainWallMs: m('plainWall'), profiledWallMs: m('profiledWall') }));
