/**
 * *Pure*: the allow-list every panel applies to its webview's messages. A webview is untrusted input:
 * only `ready` and `open` pass, and `open` only for a file in `allowed` at a positive integer line and
 * column (`preserveFocus`, when given, a boolean).
 */

/** The messages a panel's webview may send (src/protocol/hotspots.ts and compare.ts both use this shape). */
export type ReadyOrOpen = { type: 'ready' } | { type: 'open'; file: string; line: number; column: number; preserveFocus?: boolean };

/** An absolute path of a local file (POSIX or Windows drive): the only kind a webview may ask to open. */
export const isAbsolutePath = (file: string): boolean => file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000_000;

/** The message as the host may act on it, or undefined (ignored): unknown type, missing or wrong fields, a file not in `allowed`. */
export function validateOpenMessage(message: unknown, allowed: ReadonlySet<string>): ReadyOrOpen | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'open': {
      if (typeof m.file !== 'string' || !allowed.has(m.file) || !positiveInt(m.line) || !positiveInt(m.column)) return undefined;
      if (m.preserveFocus !== undefined && typeof m.preserveFocus !== 'boolean') return undefined;
      return { type: 'open', file: m.file, line: m.line, column: m.column, preserveFocus: m.preserveFocus === true };
    }
    default:
      return undefined;
  }
}
