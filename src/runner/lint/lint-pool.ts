/**
 * A pool of lint worker threads (dist/lint-worker.js). Each worker loads its own parser and lints one file
 * at a time; the pool hands the next file to whichever worker is free, so a few large files do not leave
 * the other workers idle. A worker that dies fails only the file it held, and is replaced.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintConfig } from '../../core/lint/config';
import type { LintResult } from '../../core/lint/finding';

export interface PoolRequest {
  id: number;
  absolute: string;
  display: string;
}

export type PoolReply = { id: number; result: LintResult } | { id: number; error: string };

export interface LintPool {
  lint(absolute: string, display: string): Promise<LintResult>;
  /** Stops every worker; pending lints reject. */
  close(): Promise<void>;
}

/** The worker bundle next to the running bundle, if this is a build that has one (dist/). */
export function workerScript(dir = __dirname): string | undefined {
  const file = path.join(dir, 'lint-worker.js');
  return fs.existsSync(file) ? file : undefined;
}

interface Slot {
  worker: Worker;
  busy?: { req: PoolRequest; resolve: (r: LintResult) => void; reject: (e: Error) => void };
}

export function createLintPool(script: string, size: number, config: LintConfig): LintPool {
  const queue: { req: PoolRequest; resolve: (r: LintResult) => void; reject: (e: Error) => void }[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const dispatch = (slot: Slot): void => {
    const job = queue.shift();
    if (!job) return;
    slot.busy = job;
    slot.worker.postMessage(job.req);
  };

  const spawn = (): Slot => {
    // Workers share nothing but the config: each loads the parser itself.
    const slot: Slot = { worker: new Worker(script, { workerData: { config } }) };
    slot.worker.on('message', (reply: PoolReply) => {
      const job = slot.busy;
      slot.busy = undefined;
      if (job && job.req.id === reply.id) {
        if ('result' in reply) job.resolve(reply.result);
        else job.resolve(skipped(`internal error while linting (${reply.error})`));
      }
      dispatch(slot);
    });
    const died = (why: string) => {
      const i = slots.indexOf(slot);
      if (i === -1) return;
      slots.splice(i, 1);
      const job = slot.busy;
      slot.busy = undefined;
      // The file that killed the worker (out of memory, a native crash) is reported; the run goes on.
      job?.resolve(skipped(`internal error while linting (the lint worker ${why})`));
      if (!closed) {
        const fresh = spawn();
        slots.push(fresh);
        dispatch(fresh);
      }
    };
    slot.worker.on('error', (e) => died(`failed: ${e.message.split('\n')[0]}`));
    slot.worker.on('exit', (code) => died(`exited with code ${code}`));
    return slot;
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    lint(absolute, display) {
      if (closed) return Promise.reject(new Error('the lint pool is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ req: { id: nextId++, absolute, display }, resolve, reject });
        const idle = slots.find((s) => !s.busy);
        if (idle) dispatch(idle);
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the lint pool is closed'));
      const all = slots.splice(0);
      for (const s of all) s.busy?.reject(new Error('the lint pool is closed'));
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

function skipped(why: string): LintResult {
  return { findings: [], notes: [{ kind: 'skipped', message: `skipped: ${why}` }] };
}
