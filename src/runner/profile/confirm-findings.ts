/**
 * Runtime confirmation of the profiled module's `n-plus-one` findings (the parent side): lints the
 * module, and when it has such findings runs the function again in a fresh harness under V8's block
 * coverage (block-count.ts), then judges each finding from the exact counts
 * (src/core/profile/runtime-confirmation.ts). TypeScript run by the harness is counted in the JavaScript
 * V8 ran: that text is linted too, and its findings are mapped back to the .ts lines by the source map.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintText } from '../../core/lint/engine';
import { withDefaults } from '../../core/lint/config';
import type { Finding } from '../../core/lint/finding';
import { type RuntimeConfirmation, judgeProbes, verdict } from '../../core/profile/runtime-confirmation';
import { planProbes } from '../../core/profile/confirmation-probes';
import { originalPositionFor, originalPositionForLine, parseSourceMap } from '../../core/profile/source-map';
import { parseBlockCountFile } from './block-count';
import type { FunctionHarnessRequest } from './protocol';
import { profileHarnessPath, readResult, runChild } from './run-profile';

/** The counting run may take this many times as long as the profiled calls did, and at least MIN_BUDGET_MS. */
export const CONFIRM_BUDGET_FACTOR = 3;
export const CONFIRM_MIN_BUDGET_MS = 1000;
/** Beyond the budget: starting the child, loading the target (and TypeScript), writing the counts. */
const CHILD_OVERHEAD_MS = 30_000;

export interface RuntimeConfirmationReport {
  /** Calls of the profiled function in the counting run (0 when it did not run). */
  runs: number;
  /** How long those calls took under block coverage with the optimizer off (ms), when they ran. */
  countedMs?: number;
  /** Every n-plus-one finding of the module that could be checked, confirmed or not (with the reason). */
  findings: RuntimeConfirmation[];
  /** Why nothing was checked, when nothing was. */
  note?: string;
  /** The module has no n-plus-one finding: nothing was run. */
  nothingToCheck?: boolean;
}

export interface ConfirmFindingsOptions {
  module: string;
  exportName: string;
  args: unknown[];
  argsExpression?: string;
  cwd: string;
  /** Default: profileHarnessPath(). */
  harness?: string;
  /** Calls that were profiled: the counting run makes at most as many. */
  calls: number;
  /** How long they took, for the budget. */
  profiledMs: number;
  signal?: AbortSignal;
}

/** n-plus-one findings of a text (the engine with that rule only, test files included: the user chose it). */
export function nPlusOneFindings(text: string, fileName: string): Finding[] {
  return lintText(text, fileName, withDefaults({ only: ['n-plus-one'], includeTestFiles: true })).findings;
}

export async function confirmFindingsAtRuntime(o: ConfirmFindingsOptions): Promise<RuntimeConfirmationReport> {
  let original: string;
  try {
    original = fs.readFileSync(o.module, 'utf8');
  } catch (e) {
    return { runs: 0, findings: [], note: `${path.basename(o.module)} could not be read (${(e as Error).message})` };
  }
  const findings = nPlusOneFindings(original, o.module);
  if (findings.length === 0) return { runs: 0, findings: [], note: `${path.basename(o.module)} has no n-plus-one finding to confirm`, nothingToCheck: true };

  const harness = o.harness ?? profileHarnessPath();
  if (!harness) return { runs: 0, findings: [], note: 'the profile harness dist/profile-harness.js was not found (run the build)' };
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'perf-lens-confirm-'));
  try {
    const budgetMs = Math.max(CONFIRM_MIN_BUDGET_MS, CONFIRM_BUDGET_FACTOR * o.profiledMs);
    const timeoutMs = budgetMs + CHILD_OVERHEAD_MS;
    const request: FunctionHarnessRequest = {
      mode: 'function',
      module: o.module,
      exportName: o.exportName,
      args: o.args,
      argsExpression: o.argsExpression,
      intervalUs: 1000,
      outFile: path.join(tmp, 'unused.cpuprofile'),
      resultFile: path.join(tmp, 'result.json'),
      stopAt: Date.now() + timeoutMs,
      blockCountFile: path.join(tmp, 'blocks.json'),
      blockCountCalls: Math.max(1, o.calls),
      blockCountBudgetMs: budgetMs,
    };
    const requestFile = path.join(tmp, 'request.json');
    await fs.promises.writeFile(requestFile, JSON.stringify(request));
    const end = await runChild({ harness, cwd: o.cwd, timeoutMs, signal: o.signal }, requestFile);
    if (end.aborted) throw o.signal?.reason ?? new Error('aborted');
    const result = await readResult(request.resultFile);
    if (!result || !result.ok) {
      const why = result && !result.ok ? result.error : end.timedOut ? `it did not finish within ${Math.round(timeoutMs / 1000)} s` : `the counting run exited with code ${end.code}`;
      return { runs: 0, findings: [], note: `the findings could not be checked at runtime: ${why}` };
    }
    let parsed;
    try {
      parsed = parseBlockCountFile(JSON.parse(await fs.promises.readFile(request.blockCountFile!, 'utf8')));
    } catch {
      parsed = undefined;
    }
    if (!parsed) return { runs: 0, findings: [], note: 'the counting run wrote no counts' };
    if ('skipped' in parsed) return { runs: 0, findings: [], note: parsed.skipped };
    const url = pathToFileURL(o.module).href;
    const scripts = parsed.scripts.filter((s) => s.url === url);
    if (scripts.length !== 1) return { runs: parsed.runs, findings: [], note: `${path.basename(o.module)} was not run as one script` };
    const script = scripts[0];
    const ctx = { runs: parsed.runs, functionName: o.exportName, file: o.module };
    const countedMs = parsed.ms;
    if (!script.sourceMap) {
      // Plain JavaScript: V8 ran the file as it is on disk (else positions would not be comparable), with
      // at most the arguments evaluator appended after its last line (args-expression.ts).
      if (!script.source.startsWith(original.replace(/^\uFEFF/, ''))) {
        return { runs: parsed.runs, findings: [], note: `${path.basename(o.module)} changed on disk while it was being checked` };
      }
      return { runs: parsed.runs, countedMs, findings: judgeProbes(planProbes(script.source, o.module, findings), script.functions, ctx) };
    }
    return { runs: parsed.runs, countedMs, findings: judgeTranspiled(script, findings, ctx) };
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

/**
 * TypeScript: the JavaScript V8 ran is linted and judged, and each of its findings stands for the .ts
 * finding on the line its call maps back to (same rule; the one on that line, else none).
 */
function judgeTranspiled(
  script: { source: string; sourceMap?: string; functions: Parameters<typeof judgeProbes>[1] },
  originals: readonly Finding[],
  ctx: { runs: number; functionName: string; file: string },
): RuntimeConfirmation[] {
  let map;
  try {
    map = parseSourceMap(script.sourceMap!);
  } catch {
    return [];
  }
  const generatedName = ctx.file.replace(/\.(c|m)?ts$/, '.$1js');
  const judged = judgeProbes(planProbes(script.source, generatedName, nPlusOneFindings(script.source, generatedName)), script.functions, ctx);
  const out: RuntimeConfirmation[] = [];
  for (const j of judged) {
    const at = originalPositionFor(map, j.line - 1, j.column - 1);
    if (!at) continue;
    const same = originals.filter((f) => f.line === at.line + 1);
    if (same.length !== 1) continue;
    const f = same[0];
    if (out.some((x) => x.line === f.line && x.column === f.column)) continue;
    const loop = originalPositionForLine(map, j.loopLine - 1);
    const mapped = { ...j, line: f.line, column: f.column, message: f.message, loopLine: loop ? loop.line + 1 : j.loopLine };
    out.push({ ...mapped, ...verdict(mapped) });
  }
  return out;
}
