// Shared by the report tests: the Hot Spots webview built the way esbuild.mjs builds it (into a fresh
// folder under test-output/), a real profile from `node --cpu-prof`, and a profile full of hostile names.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { node, profileOf } from '../../core/profile/profile-fixtures';
import type { CpuProfile } from '../../../src/core/profile/model';

const ROOT = path.join(__dirname, '..', '..', '..');

export interface WebviewAssets {
  dir: string;
  script: string;
  style: string;
}

let built: WebviewAssets | undefined;

/** dist/webview/hotspots.{js,css} as esbuild.mjs makes them (with its linked source maps), built once per test process. */
export function webviewAssets(): WebviewAssets {
  if (built) return built;
  fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, 'test-output', 'webview-'));
  esbuild.buildSync({
    entryPoints: { hotspots: path.join(ROOT, 'webview/hotspots/main.ts') },
    outdir: dir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'error',
  });
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  built = { dir, script: fs.readFileSync(path.join(dir, 'hotspots.js'), 'utf8'), style: fs.readFileSync(path.join(dir, 'hotspots.css'), 'utf8') };
  return built;
}

/** A script whose hottest function is `sumOfSquares` (line 1), run for `ms`. */
export const BUSY_SCRIPT = [
  'function sumOfSquares(n) {',
  '  let s = 0;',
  '  for (let i = 0; i < n; i++) s += i * i;',
  '  return s;',
  '}',
  'function run(ms) {',
  '  let x = 0;',
  '  const end = Date.now() + ms;',
  '  while (Date.now() < end) x += sumOfSquares(50_000);',
  '  return x;',
  '}',
  'if (run(400) < 0) console.log("never");',
].join('\n');

/** A temp folder (realpath) with busy.js and its profile from `node --cpu-prof`. */
export function realProfileDir(): { dir: string; script: string; profile: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-report-')));
  const script = path.join(dir, 'busy.js');
  fs.writeFileSync(script, BUSY_SCRIPT);
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', path.join(dir, 'prof'), '--cpu-prof-interval', '500', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const profile = path.join(dir, 'prof', fs.readdirSync(path.join(dir, 'prof')).find((f) => f.endsWith('.cpuprofile'))!);
  return { dir, script, profile };
}

/** Names and paths that would run script or break out of the page if any reached the HTML unescaped. */
export const HOSTILE = {
  closeScript: '</script><script>window.__pwned = 1</script>',
  img: '<img src=x onerror="window.__pwned = 2">',
  comment: '<!--<script>window.__pwned = 3//',
  separators: 'a\u2028b\u2029c',
  entity: '&lt;b&gt; & "quotes" \'single\'',
  file: '/tmp/x/"><script>window.__pwned = 4</script>.js',
};

/** A profile whose functions and files carry HOSTILE's strings; `closeScript` is the hottest. */
export function hostileProfile(): CpuProfile {
  const url = `file://${HOSTILE.file}`;
  const a = node(HOSTILE.closeScript, url, 3);
  const b = node(HOSTILE.img, url, 10);
  const c = node(HOSTILE.comment, 'file:///srv/app/c.js', 1);
  const d = node(HOSTILE.separators, 'file:///srv/app/d.js', 2);
  const e = node(HOSTILE.entity, 'file:///srv/app/e.js', 4);
  const root = node('(root)', '', 0, [node('main', 'file:///srv/app/main.js', 1, [a, b, c, d, e])]);
  return profileOf(root, [
    [a, 5000],
    [b, 3000],
    [c, 2000],
    [d, 1000],
    [e, 500],
  ]);
}
