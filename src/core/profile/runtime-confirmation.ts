/**
 * Runtime confirmation of `n-plus-one` findings: does the flagged data-access call really run once per
 * element of its loop? Pure: the runner runs the function under V8's block coverage (a fresh child, the
 * optimizer off: see src/runner/profile/block-count.ts) and hands the counts here.
 *
 * Per finding, three exact counts are read from the block coverage of the text V8 ran:
 * - `calls`: the innermost counted range holding the call (how often that code ran);
 * - `iterations`: the range holding the loop's body (or the per-element callback);
 * - `entries`: the range holding the loop statement (or the iterating call `xs.map(…)`): how often the
 *   loop was started.
 * A finding is confirmed when the call ran exactly once per iteration (`calls === iterations`) and the
 * loop ran at least two iterations per start on average. A call run only on some iterations (a cache,
 * a condition), or a loop of one element, is not confirmed, with the reason.
 *
 * The probes come from confirmation-probes.ts (it parses; this module does not, so the extension host can
 * use it without loading TypeScript).
 *
 * What this cannot see: what an element is. A loop over chunks (`for (const ids of chunks)`) makes one
 * call per chunk, which is one per element of that loop; the rule already exempts such loops by name.
 */
import { formatCount } from '../format/numbers';
import type { Finding } from '../lint/finding';
import type { ContextKind } from '../lint/rules/shared/js/per-element';
import { lineColumnOfOffset } from './call-counts';

/** One range of V8's block coverage (`Profiler.takePreciseCoverage` with `detailed: true`). */
export interface BlockRange {
  startOffset: number;
  endOffset: number;
  count: number;
}

export interface BlockFunction {
  functionName: string;
  ranges: BlockRange[];
}

/** Where a finding's counts are read, as UTF-16 offsets into the text V8 ran. */
export interface ConfirmationProbe {
  finding: Finding;
  /** The innermost per-element context of the call. */
  kind: ContextKind;
  /** 1-based line of that loop or iterating call, for messages. */
  loopLine: number;
  call: number;
  body: number;
  entry: number;
}

/** The counts and the verdict for one finding. Lines and columns are 1-based, in the file as written. */
export interface RuntimeConfirmation {
  ruleId: Finding['ruleId'];
  file: string;
  line: number;
  column: number;
  /** The finding's own message. */
  message: string;
  /** Times the call ran in `runs` calls of the profiled function. */
  calls: number;
  /** `calls / runs`. */
  perCall: number;
  /** Iterations of the loop (or calls of the per-element callback) in those runs. */
  iterations: number;
  /** How often the loop was started in those runs. */
  loopStarts: number;
  /** Calls of the profiled function that were counted. */
  runs: number;
  /** The profiled function. */
  functionName: string;
  loopKind: ContextKind;
  loopLine: number;
  confirmed: boolean;
  /** One sentence: what was confirmed, or why not. */
  confirmation: string;
}

/**
 * The count of the code at `offset`: the innermost range holding it, over all functions of the script
 * (block ranges nest inside their function's range, inner functions inside outer ones). Undefined when no
 * range holds it.
 */
export function countAt(functions: readonly BlockFunction[], offset: number): number | undefined {
  let best: BlockRange | undefined;
  for (const fn of functions) {
    for (const r of fn.ranges) {
      if (r.startOffset > offset || offset >= r.endOffset) continue;
      if (!best || r.endOffset - r.startOffset <= best.endOffset - best.startOffset) best = r;
    }
  }
  return best?.count;
}

const fmt = (n: number) => formatCount(n, 1);
const times = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

/** `for…of loop at line 10`, `.map callback at line 21`. */
function loopName(p: { kind: ContextKind; loopLine: number }): string {
  return p.kind === 'callback' ? `per-element callback at line ${p.loopLine}` : `${p.kind} loop at line ${p.loopLine}`;
}

/**
 * The verdict for each probe from the block coverage of the script it is in. `position` turns an offset
 * of the text V8 ran into the line and column the user sees (through a source map for TypeScript), or
 * undefined when it cannot: that finding is then left out.
 */
export function judgeProbes(
  probes: readonly ConfirmationProbe[],
  functions: readonly BlockFunction[],
  o: { runs: number; functionName: string; file: string },
): RuntimeConfirmation[] {
  const out: RuntimeConfirmation[] = [];
  for (const p of probes) {
    const calls = countAt(functions, p.call) ?? 0;
    const iterations = countAt(functions, p.body) ?? 0;
    const loopStarts = countAt(functions, p.entry) ?? 0;
    const perCall = o.runs > 0 ? calls / o.runs : 0;
    const { confirmed, confirmation } = verdict({ calls, iterations, loopStarts, perCall, runs: o.runs, functionName: o.functionName, loopKind: p.kind, loopLine: p.loopLine });
    out.push({
      ruleId: p.finding.ruleId,
      file: o.file,
      line: p.finding.line,
      column: p.finding.column,
      message: p.finding.message,
      calls,
      perCall,
      iterations,
      loopStarts,
      runs: o.runs,
      functionName: o.functionName,
      loopKind: p.kind,
      loopLine: p.loopLine,
      confirmed,
      confirmation,
    });
  }
  return out;
}

type Counts = Pick<RuntimeConfirmation, 'calls' | 'iterations' | 'loopStarts' | 'perCall' | 'runs' | 'functionName' | 'loopKind' | 'loopLine'>;

/** Whether the counts show one call per element, and the sentence that says so (or why not). */
export function verdict(c: Counts): { confirmed: boolean; confirmation: string } {
  const loop = loopName({ kind: c.loopKind, loopLine: c.loopLine });
  const inRuns = `in ${times(c.runs, 'run')} of ${c.functionName}`;
  if (c.runs < 1) return { confirmed: false, confirmation: 'not confirmed: the function was not run' };
  if (c.calls === 0) return { confirmed: false, confirmation: `not confirmed: the call did not run ${inRuns}` };
  if (c.calls !== c.iterations) {
    return { confirmed: false, confirmation: `not confirmed: the call ran ${times(c.calls, 'time')} while the ${loop} ran ${times(c.iterations, 'iteration')} ${inRuns}, so not once per element` };
  }
  if (c.iterations < 2 * c.loopStarts) {
    return { confirmed: false, confirmation: `not confirmed: the ${loop} ran ${times(c.iterations, 'iteration')} in ${times(c.loopStarts, 'start')} ${inRuns}, too few elements to show N+1` };
  }
  return {
    confirmed: true,
    confirmation: `confirmed at runtime: ${times(c.calls, 'call')} ${inRuns}${c.runs > 1 ? ` (${fmt(c.perCall)} per run)` : ''}, one per iteration of the ${loop}`,
  };
}

/** The short form appended to a finding's diagnostic: `— confirmed at runtime: 10,000 calls in 1 run of packingSlip`. */
export function confirmationSuffix(c: Pick<RuntimeConfirmation, 'calls' | 'runs' | 'functionName'>): string {
  return ` — confirmed at runtime: ${times(c.calls, 'call')} in ${times(c.runs, 'run')} of ${c.functionName}`;
}

/** The line and column (1-based) of an offset into `text`. */
export function positionIn(text: string): (offset: number) => { line: number; column: number } {
  return lineColumnOfOffset(text);
}
