/**
 * clinic flame (https://github.com/clinicjs/node-clinic-flame) output: `.clinic/<id>.clinic-flame/` holds
 * `<id>.clinic-flame-samples` (0x's ticks: one stack of V8 code entries per sample, outermost first,
 * with no times), `-systeminfo` (the app's folder, Node versions) and `-inlinedfunctions`. Only the
 * samples make the profile. clinic doctor, bubbleprof and heapprofiler folders hold no CPU samples.
 */
import type { CpuProfile } from '../model';
import { ProfileFormatError } from './cpuprofile';
import { V8_PROF_INTERVAL_US, importFromZeroXTicks, isZeroXTicks } from './zero-x';

/** Cheap shape check: the parsed contents of a `*.clinic-flame-samples` file? */
export function isClinicFlame(x: unknown): boolean {
  return isZeroXTicks(x);
}

/**
 * clinic flame's samples as a CPU profile. clinic keeps no times, so each sample counts as 1 ms
 * (V8's `--prof` default interval): the shares are exact, the milliseconds an estimate.
 */
export function importFromClinicFlame(x: unknown): CpuProfile {
  if (!isClinicFlame(x)) throw new ProfileFormatError('not clinic flame samples: expected a list of stacks of V8 code entries ({ name, type })');
  return importFromZeroXTicks(x, 'clinic flame samples', V8_PROF_INTERVAL_US);
}
