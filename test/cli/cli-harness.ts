// Builds the CLI bundle once per test process (into a private folder, so parallel test files and other
// builds of dist/ never race) and spawns it like a user would.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { hotspotInvariantViolations, type HotspotReport } from '../../src/core/profile/hotspots';
import { analyseProducedProfile } from '../runner/profile/helpers';

export const ROOT = path.join(__dirname, '..', '..');
let built: string | undefined;

/** Path of a freshly built cli.js, with lint-worker.js, profile-harness.js, profile-ts-loader.js and webview/ beside it (as esbuild.mjs builds them). */
export function cliBundle(): string {
  if (built) return built;
  // Inside the repo, so the bundle finds node_modules (wasm) and docs/rules like dist/cli.js does.
  const parent = path.join(ROOT, 'test-output');
  fs.mkdirSync(parent, { recursive: true }); // absent in a fresh clone (it is git-ignored)
  const outdir = fs.mkdtempSync(path.join(parent, 'cli-'));
  esbuild.buildSync({
    entryPoints: {
      cli: path.join(ROOT, 'src/cli/main.ts'),
      'lint-worker': path.join(ROOT, 'src/runner/lint/lint-worker.ts'),
      'profile-harness': path.join(ROOT, 'src/runner/profile/harness.ts'),
      'profile-ts-loader': path.join(ROOT, 'src/runner/typescript/esm-loader.ts'),
      'profile-preload': path.join(ROOT, 'src/runner/profile/preload.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  // The Hot Spots webview beside it, as esbuild.mjs builds dist/webview/ (the --report page inlines it).
  esbuild.buildSync({
    entryPoints: { hotspots: path.join(ROOT, 'webview/hotspots/main.ts') },
    outdir: path.join(outdir, 'webview'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'error',
  });
  process.on('exit', () => fs.rmSync(outdir, { recursive: true, force: true }));
  built = path.join(outdir, 'cli.js');
  return built;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, [cliBundle(), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PERF_LENS_DEBUG: '', ...env },
    timeout: 60_000,
  });
  checkHotspotJson(r.stdout, args);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Every hot-spot report a CLI run prints as JSON (`profile`, `hotspots`) keeps the invariants of
 * core/profile/hotspots.ts `hotspotInvariantViolations` (no total above the sampled time, no self above
 * its total); the profile it names is analysed again with the inlining correction and checked too.
 */
function checkHotspotJson(stdout: string, args: string[]): void {
  let out: unknown;
  try {
    out = JSON.parse(stdout);
  } catch {
    return; // text, SARIF lines, nothing
  }
  if (typeof out !== 'object' || out === null) return;
  const o = out as Partial<HotspotReport> & { profile?: unknown };
  if (!Array.isArray(o.hotspots) || typeof o.sampledMs !== 'number') return;
  const v = hotspotInvariantViolations({ hotLines: [], ...o } as HotspotReport);
  if (v.length > 0) throw new Error(`perf-lens ${args.join(' ')}: the printed hot spots break the invariants: ${v.join('; ')}`);
  if (typeof o.profile === 'string' && o.profile.endsWith('.cpuprofile') && fs.existsSync(o.profile)) analyseProducedProfile(o.profile);
}

/** A temp folder (outside any git repository) with the given files; Buffers are written as-is. */
export function makeTree(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-cli-')));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

/** Code the n-plus-one rule must flag: one query per element of `ids`. */
export const N_PLUS_ONE_TS = [
  'export async function load(ids: string[]) {',
  '  for (const id of ids) {',
  '    await prisma.user.findUnique({ where: { id } });',
  '  }',
  '}',
  '',
].join('\n');

/** Code no rule may flag. */
export const CLEAN_TS = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';
