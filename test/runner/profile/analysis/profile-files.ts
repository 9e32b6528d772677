// Real .cpuprofile files for the runner tests: written by `node --cpu-prof`, and a generated one of any size.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A script whose hot function (`hot`, line 2) is small enough for V8 to inline into its caller. */
export const HOT_SCRIPT = [
  '// A function on line 1 would share its position with the module wrapper.',
  'function hot(n) {',
  '  let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sin(i);',
  '  return s;',
  '}',
  'function caller() { let t = 0; for (let k = 0; k < 20; k++) t += hot(5_000); return t; }',
  'const end = Date.now() + 300;',
  'let x = 0;',
  'while (Date.now() < end) x += caller();',
  'if (x === 42) console.log(x);',
  '',
].join('\n');

/** Runs `source` under `node --cpu-prof` (250 µs) in `dir`; returns the script and the profile's paths. */
export function writeRealProfile(dir: string, source = HOT_SCRIPT): { script: string; profile: string } {
  const script = path.join(dir, 'busy.js');
  fs.writeFileSync(script, source);
  const out = path.join(dir, 'prof');
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', out, '--cpu-prof-interval', '250', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const file = fs.readdirSync(out).find((f) => f.endsWith('.cpuprofile'))!;
  const profile = path.join(dir, 'busy.cpuprofile');
  fs.renameSync(path.join(out, file), profile);
  return { script, profile };
}

/** A valid profile of about `samples` × 10 bytes: a chain of nodes, samples spread over them. */
export function writeGeneratedProfile(file: string, samples: number): void {
  const nodes = Array.from({ length: 200 }, (_, i) => ({
    id: i + 1,
    callFrame: { functionName: i === 0 ? '(root)' : `f${i}`, scriptId: '1', url: i === 0 ? '' : 'file:///srv/app/gen.js', lineNumber: i, columnNumber: 0 },
    hitCount: 0,
    children: i + 2 <= 200 ? [i + 2] : [],
  }));
  const ids: number[] = [];
  const deltas: number[] = [];
  for (let i = 0; i < samples; i++) {
    ids.push(2 + ((i * 7919) % 199));
    deltas.push(900 + (i % 400));
  }
  const end = 1_000_000 + deltas.reduce((s, d) => s + d, 0) + 1000;
  fs.writeFileSync(file, JSON.stringify({ nodes, startTime: 1_000_000, endTime: end, samples: ids, timeDeltas: deltas }));
}
