/**
 * Default settings of measurement and comparison, in one place so the harness, the CLI and the
 * stats-validation benchmark (bench/bench/stats-validation.ts, which checks them) agree.
 */

/** Significance level of a comparison: at most ~1% of identical code called different by chance. */
export const DEFAULT_ALPHA = 0.01;

/** Smallest relative change reported as faster/slower: smaller ones are real but rarely worth acting on. */
export const DEFAULT_MIN_EFFECT = 0.05;

/**
 * Processes per benchmark file the harness runs by default. Between-process noise dominates, so the
 * number of processes (not of samples) decides what a comparison can detect; the figure comes from
 * bench/bench/stats-validation.ts (A/A false positives ≤ 2% and power ≥ 95% on a 10% slowdown).
 */
export const DEFAULT_PROCESSES = 15;
