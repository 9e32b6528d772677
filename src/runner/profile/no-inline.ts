/**
 * Two V8 natives the harness uses (`--allow-natives-syntax`, enabled here at run time; each native is
 * compiled in its own `new Function` after that, so the syntax parses there and nowhere else).
 *
 * - neverOptimize(callOnce): were the harness loop optimized, TurboFan could inline the user's function
 *   into it, and the profile would charge the user's time to our call line.
 * - deoptimize(target) just before Profiler.start: code optimized during the warm-up, before the profiler
 *   existed, is sometimes not resolvable by the sampler, which then charges its samples to the caller —
 *   our loop — and none to the user's file (examples' packingSlip: about one run in three, and 799 of
 *   893 samples on our call line once). Dropping that code makes V8 optimize it again under the profiler.
 */
import * as v8 from 'node:v8';

const natives = new Map<string, ((fn: unknown) => void) | null>();

function native(name: string): ((fn: unknown) => void) | null {
  let f = natives.get(name);
  if (f === undefined) {
    try {
      v8.setFlagsFromString('--allow-natives-syntax');
      f = new Function('f', `%${name}(f);`) as (fn: unknown) => void;
    } catch {
      f = null;
    }
    natives.set(name, f);
  }
  return f;
}

function apply(name: string, fn: unknown): boolean {
  const f = native(name);
  if (!f) return false;
  try {
    f(fn);
    return true;
  } catch {
    return false;
  }
}

/** True when V8 accepted the request. */
export function neverOptimize(fn: (...args: never[]) => unknown): boolean {
  return apply('NeverOptimizeFunction', fn);
}

/**
 * Source positions for all code compiled from now on. V8 builds them lazily, and the sampler cannot place
 * samples in code whose positions were never built — code compiled before the profiler started, i.e.
 * during the warm-up.
 */
export function eagerSourcePositions(): void {
  v8.setFlagsFromString('--no-enable-lazy-source-positions');
}
