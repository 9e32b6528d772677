/**
 * 0x (https://github.com/davidmarkclements/0x) output. 0x runs the target under V8's `--prof` and keeps
 * in its `<pid>.0x/` folder the isolate log, `meta.json`, `flamegraph.html` and the log preprocessed by
 * `node --prof-process --preprocess` (`isolate-<addr>-<pid>-<pid>-v8.log.json`): `code` (every code
 * object: JavaScript functions with their place, V8 builtins, C++ symbols) and `ticks` (one per sample:
 * time `tm` in µs, VM state `vm`, and `s`, the stack as pairs of code index and offset, innermost first).
 * That file is the one imported here: it has every sample with its time. `--write-ticks` adds `ticks.json`
 * (stacks of code entries, outermost first, without times), the format clinic flame keeps too.
 */
import type { CallFrame, CpuProfile } from '../model';
import { ProfileFormatError } from './cpuprofile';
import { StackProfileBuilder } from './stack-builder';
import { type V8CodeEntry, callFrameOfCode, isV8CodeEntry, isZeroXInstrumentation } from './v8-frames';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** V8's VM state of a tick in garbage collection (the same number in every V8 since `--prof` had states). */
const VM_STATE_GC = 1;
const GC: CallFrame = { functionName: '(garbage collector)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 };
const PROGRAM: CallFrame = { functionName: '(program)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 };

/** `--prof`'s default sampling interval: the duration given to samples that carry no time. */
export const V8_PROF_INTERVAL_US = 1000;

/** Cheap shape check: a preprocessed V8 isolate log (0x's `*-v8.log.json`)? */
export function isZeroX(x: unknown): boolean {
  return isObject(x) && Array.isArray(x.code) && Array.isArray(x.ticks);
}

/** Cheap shape check: 0x's `ticks.json` (a list of stacks of code entries)? */
export function isZeroXTicks(x: unknown): boolean {
  if (!Array.isArray(x)) return false;
  const firstStack = x.find((s) => Array.isArray(s) && s.length > 0) as unknown[] | undefined;
  return x.every((s) => Array.isArray(s)) && (firstStack === undefined ? x.length > 0 : isV8CodeEntry(firstStack[0]));
}

/**
 * Frame ids of the code entries, interned once per entry (parsing a name per sample would dominate a
 * long run): undefined for 0x's own preload frames, which are dropped.
 */
class CodeFrames {
  private readonly byEntry = new Map<V8CodeEntry, number | undefined>();
  private readonly byName = new Map<string, number | undefined>();
  readonly gc: number;
  readonly program: number;

  constructor(readonly builder: StackProfileBuilder) {
    this.gc = builder.frameId(GC);
    this.program = builder.frameId(PROGRAM);
  }

  idOf(code: V8CodeEntry): number | undefined {
    if (this.byEntry.has(code)) return this.byEntry.get(code);
    // Entries parsed from JSON are separate objects per sample in ticks.json: share by content too.
    const key = `${code.type}\u0000${code.kind ?? ''}\u0000${code.name}`;
    let id: number | undefined;
    if (this.byName.has(key)) id = this.byName.get(key);
    else {
      const frame = callFrameOfCode(code);
      id = isZeroXInstrumentation(frame) ? undefined : this.builder.frameId(frame);
      this.byName.set(key, id);
    }
    this.byEntry.set(code, id);
    return id;
  }

  /** One stack, outermost first; GC and empty stacks as V8's pseudo-frames. */
  stack(codes: readonly (V8CodeEntry | undefined)[], vmState: number | undefined): number[] {
    if (vmState === VM_STATE_GC) return [this.gc];
    const ids: number[] = [];
    for (const code of codes) {
      if (!code) continue; // an address V8 could not place: its time goes to the caller, as in 0x's own graph
      const id = this.idOf(code);
      if (id !== undefined) ids.push(id);
    }
    return ids.length > 0 ? ids : [this.program];
  }
}

/**
 * A preprocessed V8 isolate log (0x's `*-v8.log.json`) as a CPU profile: one sample per tick with its
 * own time. Ticks in garbage collection go to `(garbage collector)`, ticks with no known frame to
 * `(program)`, as V8's CPU profiler counts them.
 */
export function importFromZeroX(x: unknown): CpuProfile {
  if (!isZeroX(x)) throw new ProfileFormatError('not 0x data: expected a preprocessed V8 log with "code" and "ticks" lists');
  const log = x as { code: unknown[]; ticks: unknown[] };
  const codes = log.code.map((c) => (isV8CodeEntry(c) ? c : undefined));
  if (log.ticks.length === 0) throw new ProfileFormatError('the 0x data has no samples: the program may have ended before V8 took one');
  const builder = new StackProfileBuilder();
  const frames = new CodeFrames(builder);
  let first: number | undefined;
  let previous = 0;
  let last = 0;
  for (const [i, t] of log.ticks.entries()) {
    if (!isObject(t) || typeof t.tm !== 'number' || !Array.isArray(t.s)) throw new ProfileFormatError(`tick ${i} of the 0x data has no time "tm" or no stack "s"`);
    const stack: (V8CodeEntry | undefined)[] = [];
    for (let k = t.s.length - 2; k >= 0; k -= 2) {
      const index = t.s[k];
      if (typeof index !== 'number') throw new ProfileFormatError(`tick ${i} of the 0x data has a malformed stack`);
      stack.push(index >= 0 ? codes[index] : undefined);
    }
    first ??= t.tm;
    builder.addSample(frames.stack(stack, typeof t.vm === 'number' ? t.vm : undefined), Math.max(0, t.tm - (i === 0 ? t.tm : previous)));
    previous = t.tm;
    last = Math.max(last, t.tm);
  }
  const start = first ?? 0;
  // The last sample lasts one more interval (the profile's end is not in the log).
  const profile = builder.build(start, last + medianDelta(log.ticks as { tm: number }[]));
  return profile;
}

function medianDelta(ticks: readonly { tm: number }[]): number {
  const deltas: number[] = [];
  for (let i = 1; i < ticks.length; i++) deltas.push(ticks[i].tm - ticks[i - 1].tm);
  if (deltas.length === 0) return V8_PROF_INTERVAL_US;
  deltas.sort((a, b) => a - b);
  return Math.max(1, deltas[deltas.length >> 1]);
}

/**
 * 0x's `ticks.json` (and clinic flame's samples, the same list): stacks of code entries, outermost first.
 * They carry no times, so each sample counts as `intervalUs` (V8's `--prof` default, 1 ms): shares are
 * exact, milliseconds an estimate. `what` names the format in errors.
 */
export function importFromZeroXTicks(x: unknown, what = '0x ticks', intervalUs = V8_PROF_INTERVAL_US): CpuProfile {
  if (!isZeroXTicks(x)) throw new ProfileFormatError(`not ${what}: expected a list of stacks of V8 code entries ({ name, type })`);
  const stacks = x as unknown[][];
  const builder = new StackProfileBuilder();
  const frames = new CodeFrames(builder);
  for (const [i, stack] of stacks.entries()) {
    const codes: V8CodeEntry[] = [];
    for (const frame of stack) {
      if (!isV8CodeEntry(frame)) throw new ProfileFormatError(`sample ${i} of the ${what} has a frame without a "name" and a "type"`);
      codes.push(frame);
    }
    // Sample i is at i × interval and lasts until the next; the last until the end.
    builder.addSample(frames.stack(codes, undefined), i === 0 ? 0 : intervalUs);
  }
  if (builder.sampleCount === 0) throw new ProfileFormatError(`the ${what} have no samples`);
  return builder.build(0, builder.sampleCount * intervalUs);
}
