/**
 * Exit codes and error handling shared by every subcommand: one line on stderr, a stack trace only with
 * PERF_LENS_DEBUG=1.
 */

export const EXIT_OK = 0;
/** Findings (lint), a regression (bench/diff): the run worked and the answer is "no". */
export const EXIT_FINDINGS = 1;
/** Bad usage or an internal error. */
export const EXIT_ERROR = 2;

/** A mistake in the command line or its inputs; the message is one sentence for the user. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

/** Prints the error as one line (plus the stack when debugging) and returns the exit code for it. */
export function reportError(e: unknown, stderr: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): number {
  const debug = process.env.PERF_LENS_DEBUG === '1';
  if (e instanceof UsageError) {
    stderr(`perf-lens: ${firstLine(e.message)}`);
  } else {
    const message = e instanceof Error ? e.message : String(e);
    stderr(`perf-lens: internal error: ${firstLine(message)}${debug ? '' : ' (set PERF_LENS_DEBUG=1 for details)'}`);
  }
  if (debug && e instanceof Error && e.stack) stderr(e.stack);
  return EXIT_ERROR;
}
