/**
 * The saved baselines as the Benchmarks view's history chart needs them: their names, and digests (per
 * benchmark the mean and 95% CI, the commit) of the newest HISTORY_CAP files, read through the store and
 * never written. A file the store refuses (corrupt, another shape, a newer version) is left out with its
 * one sentence: it may be the only copy of someone's measurements, so it is neither touched nor hidden.
 */
import { BaselineStoreError, listBaselines, loadBaseline } from './baseline-store';
import { digestBaseline, HISTORY_CAP, newestSaved, type BaselineDigest } from '../../core/bench/history';

export interface BaselineHistory {
  /** Every saved baseline, by name (the "Compare with" picker). */
  names: string[];
  digests: BaselineDigest[];
  /** "Left out of the history: baseline "x" (…) is refused: …." */
  skipped: string[];
}

/** Throws a BaselineStoreError only when the folder cannot be listed. */
export async function readBaselineHistory(root: string, cap = HISTORY_CAP): Promise<BaselineHistory> {
  const saved = await listBaselines(root);
  const digests: BaselineDigest[] = [];
  const skipped: string[] = [];
  for (const b of newestSaved(saved, cap)) {
    try {
      digests.push(digestBaseline(await loadBaseline(root, b.name)));
    } catch (e) {
      if (!(e instanceof BaselineStoreError)) throw e;
      skipped.push(`Left out of the history: ${e.message.replace(/\.$/, '')}.`);
    }
  }
  return { names: saved.map((b) => b.name), digests, skipped };
}
