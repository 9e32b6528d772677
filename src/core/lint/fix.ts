import type { TextEdit } from './finding';

/**
 * Applies non-overlapping offset edits to `text` (0-based UTF-16 offsets into the original text).
 * Edits are applied from the end so earlier offsets stay valid. Throws on overlapping or out-of-range
 * edits: a rule that produced them has a bug, and silently mangling the user's code would be worse.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (e.start < 0 || e.end < e.start || e.end > text.length) {
      throw new Error(`edit [${e.start}, ${e.end}) is outside the text (length ${text.length})`);
    }
    if (i > 0 && e.start < sorted[i - 1].end) {
      throw new Error(`edits [${sorted[i - 1].start}, ${sorted[i - 1].end}) and [${e.start}, ${e.end}) overlap`);
    }
  }
  let out = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i];
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}
