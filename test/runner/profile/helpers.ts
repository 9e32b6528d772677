// Shared by the profile runner tests: a freshly built harness bundle, fixture modules, process checks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { computeHotspots, type HotspotReport } from '../../../src/core/profile/hotspots';
import { readProfile as readAnyProfile } from '../../../src/runner/profile/analysis/read-profile';
import { enclosingFunctionLookup } from '../../../src/runner/profile/analysis/enclosing-functions';
import {
  type ProfileFunctionOptions,
  type ProfileRunResult,
  type ProfileScriptOptions,
  isHarnessFrame,
  profileFunction as runProfileFunction,
  profileScript as runProfileScript,
} from '../../../src/runner/profile/run-profile';
import { assertHotspotInvariants } from '../../core/profile/profile-fixtures';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Builds src/runner/profile/harness.ts (and its TypeScript loader) the way esbuild.mjs does, into a fresh folder under test-output/. */
export function buildHarness(): { dir: string; harness: string } {
  fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, 'test-output', 'profile-'));
  esbuild.buildSync({
    entryPoints: {
      'profile-harness': path.join(ROOT, 'src/runner/profile/harness.ts'),
      'profile-ts-loader': path.join(ROOT, 'src/runner/typescript/esm-loader.ts'),
    },
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return { dir, harness: path.join(dir, 'profile-harness.js') };
}

const FIXTURES: Record<string, string> = {
  'hot.cjs': `
const fs = require('node:fs');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
let count = 0;
function counted(countFile) {
  if (count++ === 0) process.on('exit', () => fs.writeFileSync(countFile, String(count)));
  return fib(12);
}
module.exports = { fib, counted, notAFunction: 42 };
`,
  'async.mjs': `
export async function crunch(n) {
  await null;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i) * Math.sin(i);
  return s;
}
export const answer = 42;
`,
  'throws.cjs': `
exports.boom = (what) => { throw new Error('kaput: ' + what + '\\nsecond line of the message'); };
exports.rejects = async () => { await null; throw new TypeError('no such thing'); };
`,
  'shapes.mjs': `
export class Geometry {
  static area(w, h) { let s = 0; for (let i = 0; i < 2000; i++) s += w * h * Math.sqrt(i); return s; }
  static perimeter(w, h) { return 2 * (w + h); }
}
`,
  'stuck.cjs': `
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const keepAlive = ['-e', 'setInterval(() => {}, 1000)'];
exports.spin = (pidFile) => {
  fs.writeFileSync(pidFile, JSON.stringify({ harness: process.pid }));
  for (;;) {}
};
// The grandchild inherits the harness's stdio, so it also holds the parent's pipes open.
exports.spawnAndSpin = (pidFile) => {
  const c = spawn(process.execPath, keepAlive, { stdio: 'inherit' });
  fs.writeFileSync(pidFile, JSON.stringify({ harness: process.pid, grandchild: c.pid }));
  for (;;) {}
};
let started = false;
exports.spawnAndWait = async (pidFile) => {
  if (!started) {
    started = true;
    const c = spawn(process.execPath, keepAlive, { stdio: 'inherit' });
    fs.writeFileSync(pidFile, JSON.stringify({ harness: process.pid, grandchild: c.pid }));
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
};
exports.tick = () => Math.sqrt(Math.random());
exports.die = () => process.exit(3);
`,
  'script.cjs': `
const fs = require('node:fs');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
if (require.main === module) {
  let s = 0;
  // For a fixed time, not a fixed count: a loaded machine must still see fib in its samples.
  const end = Date.now() + 150;
  while (Date.now() < end) s += fib(20);
  fs.writeFileSync(process.argv[2], JSON.stringify({ argv: process.argv.slice(2), s }));
}
`,
  'script.mjs': `
import * as fs from 'node:fs';
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
let s = 0;
const end = Date.now() + 150;
while (Date.now() < end) s += fib(20);
await new Promise((resolve) => setTimeout(resolve, 5));
fs.writeFileSync(process.argv[2], JSON.stringify({ argv: process.argv.slice(2), s }));
`,
  'forever.cjs': `
const fs = require('node:fs');
fs.writeFileSync(process.argv[2], JSON.stringify({ harness: process.pid }));
setInterval(() => {}, 1000);
`,
  'fails.cjs': `
console.error('something went wrong in the script');
process.exitCode = 2;
`,
};

/** Writes the fixture modules into a fresh temporary folder. */
export function writeFixtures(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-profile-test-'));
  for (const [name, text] of Object.entries(FIXTURES)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

/** A profile a test produced, as JSON; its hot spots (as recorded and corrected) are checked on the way (analyseProducedProfile). */
export function readProfile(file: string): { nodes: CpuProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number } {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (Array.isArray(json?.nodes)) analyseProducedProfile(file);
  return json;
}

/** The runner's `profileFunction`, with the produced profile's hot spots checked (analyseProducedProfile): what the tests call. */
export async function profileFunction(o: ProfileFunctionOptions): Promise<ProfileRunResult> {
  const r = await runProfileFunction(o);
  if (fs.existsSync(r.profilePath)) analyseProducedProfile(r.profilePath);
  return r;
}

/** The runner's `profileScript`, with the produced profile's hot spots checked. */
export async function profileScript(o: ProfileScriptOptions): Promise<ProfileRunResult> {
  const r = await runProfileScript(o);
  if (fs.existsSync(r.profilePath)) analyseProducedProfile(r.profilePath);
  return r;
}

/**
 * The hot spots of a profile the tests produced, through the one reader, as recorded and with the
 * inlining correction (harness frames hidden, as the product does): both must keep the invariants
 * (no function's total above the sampled time, no self above its total). Returns the corrected report.
 */
export function analyseProducedProfile(file: string): HotspotReport {
  const { profile } = readAnyProfile(file);
  assertHotspotInvariants(computeHotspots(profile, { hidden: isHarnessFrame, limit: 100_000 }), `${file} (as recorded)`);
  const corrected = computeHotspots(profile, { enclosingFunction: enclosingFunctionLookup(), hidden: isHarnessFrame, limit: 100_000 });
  assertHotspotInvariants(corrected, file);
  return corrected;
}

/** Running and not a zombie (a zombie has exited; it only waits for its parent to reap it). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (up to 5 s: SIGKILL is delivered asynchronously) for a process to be gone. */
export async function isGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Waits for a file the target writes (its pids), up to 10 s. */
export async function waitForJson<T>(file: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`${file} was never written`);
}
