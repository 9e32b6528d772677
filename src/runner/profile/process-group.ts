/**
 * One command in its own process group, never through a shell: its argv goes to the OS as it is. On
 * timeout or abort it is asked to stop (`requestStop`, e.g. the preload's stop file), then after a grace
 * period the whole group is killed; when the command exits, the group is killed too, so nothing it
 * spawned outlives the run.
 */
import { spawn } from 'node:child_process';

export interface GroupRunOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Asks the processes to stop cleanly (write what they have); the group is killed `graceMs` later. */
  requestStop(): void;
  graceMs: number;
}

export interface GroupEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  stderrTail: string;
  stdoutTail: string;
}

const TAIL_CHARS = 4096;
/** After the command exits, how long to wait for its pipes to close (they close once the group is dead). */
const PIPE_CLOSE_WAIT_MS = 1000;

export function runInGroup(o: GroupRunOptions): Promise<GroupEnd> {
  return new Promise<GroupEnd>((resolve, reject) => {
    const child = spawn(o.command, [...o.args], { cwd: o.cwd, env: o.env, detached: true, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderrTail = '';
    let stdoutTail = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdoutTail = (stdoutTail + chunk).slice(-TAIL_CHARS);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-TAIL_CHARS);
    });

    let timedOut = false;
    let aborted = false;
    let exited = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const stop = (): void => {
      if (exited || graceTimer) return;
      try {
        o.requestStop();
      } catch {
        // The grace timer still kills the group.
      }
      graceTimer = setTimeout(killGroup, o.graceMs);
    };
    const timeoutTimer =
      o.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stop();
          }, o.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      stop();
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    if (o.signal?.aborted) onAbort();
    const cleanUp = (): void => {
      if (timeoutTimer) clearTimeout(timeoutTimer);
      if (graceTimer) clearTimeout(graceTimer);
      o.signal?.removeEventListener('abort', onAbort);
    };

    child.on('error', (e) => {
      if (exited) return;
      exited = true;
      cleanUp();
      killGroup();
      reject(e);
    });
    child.on('exit', (code, signal) => {
      if (exited) return;
      exited = true;
      cleanUp();
      killGroup();
      const done = (): void => resolve({ code, signal, timedOut, aborted, stderrTail, stdoutTail });
      if (child.stdout?.readableEnded !== false && child.stderr?.readableEnded !== false) return done();
      // A process that left the group keeps the pipes open: do not wait for it forever.
      const wait = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        done();
      }, PIPE_CLOSE_WAIT_MS);
      child.once('close', () => {
        clearTimeout(wait);
        done();
      });
    });
  });
}
