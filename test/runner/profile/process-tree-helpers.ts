// Shared by the npm-script and test-file runner tests: a freshly built preload bundle and temp projects.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export const ROOT = path.join(__dirname, '..', '..', '..');

/** Builds src/runner/profile/preload.ts the way esbuild.mjs does, into a fresh folder under test-output/. */
export function buildPreload(): { dir: string; preload: string } {
  fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, 'test-output', 'preload-'));
  esbuild.buildSync({
    entryPoints: { 'profile-preload': path.join(ROOT, 'src/runner/profile/preload.ts') },
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return { dir, preload: path.join(dir, 'profile-preload.js') };
}

/** A temp project folder with these files (package.json given as an object). */
export function writeProject(files: Record<string, string | object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-project-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), typeof text === 'string' ? text : JSON.stringify(text, null, 2));
  }
  return dir;
}

/** The perf-lens-processes-* temp folders that exist now (each run must remove its own). */
export function processTempDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('perf-lens-processes-'));
}

/** A CPU-bound function the profile must find, as source text. */
export const FIB = 'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }';
