// Profiles for the core/profile tests: hand-built ones with exact sample times (node, profileOf), and real
// ones written by `node --cpu-prof` (withRealProfile).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importFromCpuProfile } from '../../../src/core/profile/import/cpuprofile';
import type { CpuProfile, ProfileNode } from '../../../src/core/profile/model';
import { computeHotspots, hotspotInvariantViolations, type HotspotOptions, type HotspotReport } from '../../../src/core/profile/hotspots';

/**
 * The invariant every hot-spot report must keep (issue 11, item 6): no function's total above the
 * sampled time, no self above its total. The shared test helpers apply it to every profile the tests
 * produce (test/runner/profile/helpers.ts readProfile, test/cli/cli-harness.ts runCli's JSON).
 */
export function assertHotspotInvariants(report: HotspotReport, what: string): void {
  const v = hotspotInvariantViolations(report);
  assert.deepEqual(v, [], `${what}: ${v.join('; ')}`);
}

/** `computeHotspots` with the invariant checked: the report, as the tests use it. */
export function checkedHotspots(profile: CpuProfile, options: HotspotOptions = {}, what = 'profile'): HotspotReport {
  const r = computeHotspots(profile, options);
  assertHotspotInvariants(r, what);
  return r;
}

export type Tree = ProfileNode & { kids: Tree[] };
let nextId = 1;

/** A profile node with a fresh id; `line` is 1-based (the call frame holds it 0-based, as V8 does). */
export function node(functionName: string, url: string, line: number, children: Tree[] = [], extra: Partial<ProfileNode> = {}): Tree {
  return { id: nextId++, callFrame: { functionName, scriptId: '1', url, lineNumber: line - 1, columnNumber: 0 }, children: children.map((c) => c.id), kids: children, ...extra };
}

/** The tree's nodes in pre-order, without `kids` (iterative: some trees are 20,000 levels deep). */
export function flatten(root: Tree): ProfileNode[] {
  const out: ProfileNode[] = [];
  const stack = [root];
  while (stack.length) {
    const { kids, ...plain } = stack.pop()!;
    out.push(plain);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** A profile whose samples are `[node, µs]` pairs, each sample lasting exactly its µs. */
export function profileOf(root: Tree, samples: [ProfileNode, number][]): CpuProfile {
  const timeDeltas: number[] = [];
  let prev = 0;
  for (const [, us] of samples) {
    timeDeltas.push(prev);
    prev = us;
  }
  const total = samples.reduce((s, [, us]) => s + us, 0);
  return importFromCpuProfile({ nodes: flatten(root), startTime: 1_000_000, endTime: 1_000_000 + total, samples: samples.map(([n]) => n.id), timeDeltas });
}

export interface RealProfile {
  profile: CpuProfile;
  /** The file's bytes as node wrote them. */
  bytes: Uint8Array;
  /** The script's path, and its URL as the profile names it. */
  script: string;
  url: string;
}

/** Runs `source` as a script under `node --cpu-prof` (500 µs) in a temp folder and hands `use` its profile. */
export function withRealProfile(source: string, use: (p: RealProfile) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-lens-cpuprof-'));
  try {
    const script = path.join(dir, 'busy.js');
    fs.writeFileSync(script, source);
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
    const bytes = fs.readFileSync(path.join(dir, file));
    const profile = importFromCpuProfile(JSON.parse(bytes.toString('utf8')));
    assertHotspotInvariants(computeHotspots(profile), `${file} of ${script}`);
    use({ profile, bytes, script, url: pathToFileURL(script).href });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
