/**
 * Where a result was measured. Recorded with every run and baseline, so that a comparison across
 * machines, runtimes or uncommitted changes can be recognised as such. Runtime-neutral: the Node
 * harness fills `runtime` with "node v20.20.0", an Elixir one with "elixir 1.14.0 (OTP 25)".
 */
export interface Environment {
  /** Runtime and version that ran the benchmarks. */
  runtime: string;
  /** `process.version` of Node when Node ran them, else null. */
  nodeVersion: string | null;
  cpuModel: string;
  cpuCount: number;
  /** Operating system, release and architecture, e.g. "Linux 6.1.0 x64". */
  os: string;
  /** HEAD commit of the workspace's git repository; null outside a repository or without git. */
  gitCommit: string | null;
  /** Uncommitted changes to tracked files; null when unknown. */
  gitDirty: boolean | null;
  /** ISO 8601 time the run started. */
  date: string;
  /**
   * The OS's 1-minute load average, the larger of the run's start and end (absent in older baselines; null
   * where the OS has none, as on Windows). Wall-clock times grow when other work competes for the CPUs.
   */
  loadAverage?: number | null;
}

/** Load per CPU that differs by this much between two wall-clock runs is worth a note (half of every CPU busy). */
const LOAD_DIFFERENCE_PER_CPU = 0.5;

/** One sentence per field that differs between two environments (empty when comparable), e.g. for a comparison's header. */
export function environmentDifferences(a: Environment, b: Environment): string[] {
  const out: string[] = [];
  if (a.runtime !== b.runtime) out.push(`runtime differs: ${a.runtime} vs ${b.runtime}`);
  if (a.cpuModel !== b.cpuModel || a.cpuCount !== b.cpuCount) out.push(`CPU differs: ${a.cpuModel} ×${a.cpuCount} vs ${b.cpuModel} ×${b.cpuCount}`);
  if (a.os !== b.os) out.push(`OS differs: ${a.os} vs ${b.os}`);
  const loadA = a.loadAverage;
  const loadB = b.loadAverage;
  // CPU-time runs ("(CPU time)" in the runtime) do not count time spent waiting for a CPU.
  const wallClock = !a.runtime.includes('(CPU time)') && !b.runtime.includes('(CPU time)');
  if (wallClock && typeof loadA === 'number' && typeof loadB === 'number' && Math.abs(loadA - loadB) / Math.max(a.cpuCount, 1) >= LOAD_DIFFERENCE_PER_CPU) {
    const busier = loadA > loadB ? 'this run' : 'the baseline';
    out.push(
      `the machine was busier during ${busier}: load average ${loadA.toFixed(1)} vs ${loadB.toFixed(1)} on ${a.cpuCount} CPUs; wall-clock times include waiting for a CPU (--clock cpu does not)`,
    );
  }
  return out;
}
