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

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
