/**
 * The V8 CPU profile format (`.cpuprofile`, the inspector's `Profiler.Profile`), as written by
 * `node --cpu-prof`, Chrome DevTools and our own harness. Times are in microseconds.
 */
export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  /** 0-based. */
  lineNumber: number;
  /** 0-based. */
  columnNumber: number;
}

export interface PositionTick {
  /** 1-based source line. */
  line: number;
  ticks: number;
  /**
   * Not in V8's format: set by remapProfile (remap.ts) when source maps put this line in another source
   * than the node's call frame (a function inlined from another module of a bundle).
   */
  url?: string;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
  positionTicks?: PositionTick[];
}

/**
 * A list of numbers: a plain array from JSON.parse, or a typed array from the byte-level reader
 * (import/cpuprofile-bytes.ts), which keeps millions of samples at 4 bytes each. JSON.stringify writes a
 * typed array as an object: `Array.from` it before writing a profile.
 */
export type NumberList = number[] | Int32Array | Float64Array;

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  /** Node id of each sample. */
  samples: NumberList;
  /** µs since the previous sample (the first: since startTime). */
  timeDeltas: NumberList;
}
