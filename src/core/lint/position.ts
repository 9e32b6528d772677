/**
 * Offset ↔ 1-based line/column conversion over a table of line starts, built on first use: most files
 * have no finding and never need it.
 */
export class LineIndex {
  private table: number[] | undefined;

  constructor(private readonly text: string) {}

  private get starts(): number[] {
    return (this.table ??= lineStarts(this.text));
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  /** 0-based offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line - 1, 0), this.starts.length - 1)];
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** Offsets where each line starts: after \n, \r\n or a lone \r. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
