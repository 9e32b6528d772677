/**
 * One command in its own process group, never through a shell: its argv goes to the OS as it is. On
 * timeout or abort it is asked to stop (`requestStop`: an IPC message, the preload's stop file, …), then
 * after a grace period the whole group is killed; without `requestStop` the group is killed at once. When
 * the command exits, the group is killed too, so nothing it spawned outlives the run. Every child process
 * of the runner (profile harness, bench harness, 0x, npm, test runners) starts here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
export type { ChildProcess } from 'node:child_process';

export interface GroupRunOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Open an IPC channel (the child is a node script of ours that takes or sends messages). */
  ipc?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Asks the processes to stop cleanly (write what they have); the group is killed `graceMs` later. */
  requestStop?(child: ChildProcess): void;
  graceMs?: number;
  /** An abort kills the group at once, even when a timeout asks first (0x: an abort keeps nothing). */
  abortKills?: boolean;
  /** A message over IPC; `restartTimeout` starts the time limit again (the bench harness's phases). */
  onMessage?(message: unknown, restartTimeout: () => void): void;
  /** Each chunk of the command's output as it arrives (passed through by `perf-lens profile <script>`). */
  onOutput?(stream: 'stdout' | 'stderr', chunk: string): void;
  /** How much of the end of stdout and stderr to keep (default 4096 characters each). */
  tailChars?: number;
  /** After the command exits, how long to wait for its pipes to close (default 1000 ms). */
  pipeCloseWaitMs?: number;
}

export interface GroupEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  stderrTail: string;
  stdoutTail: string;
}

/** The command could not be started (or its IPC channel failed before it exited); the message is the OS's. */
export class GroupStartError extends Error {
  constructor(
    message: string,
    /** What stderr said until then (usually nothing). */
    readonly stderrTail: string,
  ) {
    super(message);
    this.name = 'GroupStartError';
  }
}

const TAIL_CHARS = 4096;
/** After the command exits, how long to wait for its pipes to close (they close once the group is dead). */
const PIPE_CLOSE_WAIT_MS = 1000;

/** SIGKILL to every process of the group led by `pid`; a group already gone is fine. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function runInGroup(o: GroupRunOptions): Promise<GroupEnd> {
  return new Promise<GroupEnd>((resolve, reject) => {
    const child = spawn(o.command, [...o.args], {
      cwd: o.cwd,
      env: o.env,
      detached: true,
      shell: false,
      stdio: o.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    const tailChars = o.tailChars ?? TAIL_CHARS;
    let stderrTail = '';
    let stdoutTail = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdoutTail = (stdoutTail + chunk).slice(-tailChars);
      o.onOutput?.('stdout', chunk);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-tailChars);
      o.onOutput?.('stderr', chunk);
    });

    let timedOut = false;
    let aborted = false;
    let exited = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const kill = (): void => killGroup(child.pid);
    const stop = (): void => {
      if (!o.requestStop) return kill();
      if (exited || graceTimer) return;
      graceTimer = setTimeout(kill, o.graceMs ?? 0);
      try {
        o.requestStop(child);
      } catch {
        // The grace timer still kills the group.
      }
    };
    let timeoutTimer: NodeJS.Timeout | undefined;
    const restartTimeout = (): void => {
      if (o.timeoutMs === undefined || exited) return;
      if (timeoutTimer) clearTimeout(timeoutTimer);
      timeoutTimer = setTimeout(() => {
        timedOut = true;
        stop();
      }, o.timeoutMs);
    };
    restartTimeout();
    if (o.onMessage) child.on('message', (m) => o.onMessage!(m, restartTimeout));
    const onAbort = (): void => {
      aborted = true;
      if (o.abortKills) kill();
      else stop();
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    // An abort while the caller was preparing the run has already fired.
    if (o.signal?.aborted) onAbort();
    const cleanUp = (): void => {
      if (timeoutTimer) clearTimeout(timeoutTimer);
      if (graceTimer) clearTimeout(graceTimer);
      o.signal?.removeEventListener('abort', onAbort);
    };

    child.on('error', (e) => {
      // Spawning failed (or a late IPC error): make sure nothing is left, then report.
      if (exited) return;
      exited = true;
      cleanUp();
      kill();
      reject(new GroupStartError(e.message, stderrTail));
    });
    child.on('exit', (code, signal) => {
      if (exited) return;
      exited = true;
      cleanUp();
      // Whatever the command spawned lives in its process group: end it all, always.
      kill();
      const done = (): void => resolve({ code, signal, timedOut, aborted, stderrTail, stdoutTail });
      if (child.stdout?.readableEnded !== false && child.stderr?.readableEnded !== false) return done();
      // A process that left the group keeps the pipes open: do not wait for it forever.
      const wait = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        done();
      }, o.pipeCloseWaitMs ?? PIPE_CLOSE_WAIT_MS);
      child.once('close', () => {
        clearTimeout(wait);
        done();
      });
    });
  });
}
