/**
 * `analyzeProfileOffThread`: a `.cpuprofile` read and analysed in a worker thread (dist/profile-worker.js),
 * so the calling thread (the editor's extension host) stays responsive, whatever the file's size. One
 * worker per call: it holds the whole profile while it works, and that memory goes when it exits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HotspotReport } from '../../../core/profile/hotspots';
import { type PackedFlame, type ProfileAnalysis, type ProfileAnalysisOptions, unpackFlame } from './analyze-profile';
import { ProfileReadError } from './read-profile';

export interface WorkerRequest {
  file: string;
  options: ProfileAnalysisOptions;
}

export type WorkerReply =
  | { ok: true; all: HotspotReport; myCode: HotspotReport; flame: PackedFlame }
  /** `readError`: the file is missing or not a profile (the message is the sentence for the user). */
  | { ok: false; readError: boolean; message: string };

/** dist/profile-worker.js next to the running bundle, else undefined. */
export function profileWorkerPath(dir = __dirname): string | undefined {
  const file = path.join(dir, 'profile-worker.js');
  return fs.existsSync(file) ? file : undefined;
}

export interface OffThreadOptions extends ProfileAnalysisOptions {
  /** Default: profileWorkerPath(). */
  workerScript?: string;
}

/**
 * Resolves with what the profile views need; rejects with ProfileReadError (one sentence) for a missing or
 * bad file, and with the signal's reason when aborted (the worker is stopped).
 */
export function analyzeProfileOffThread(file: string, options: OffThreadOptions = {}, signal?: AbortSignal): Promise<ProfileAnalysis> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const script = options.workerScript ?? profileWorkerPath();
    if (!script) {
      reject(new Error('the profile worker dist/profile-worker.js was not found next to this bundle (run the build)'));
      return;
    }
    const { workerScript: _, ...analysis } = options;
    const request: WorkerRequest = { file: path.resolve(file), options: analysis };
    const worker = new Worker(script, { workerData: request });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      settle(() => reject(signal!.reason));
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: WorkerReply) => {
      settle(() => {
        if (reply.ok) resolve({ all: reply.all, myCode: reply.myCode, flame: unpackFlame(reply.flame) });
        else reject(reply.readError ? new ProfileReadError(reply.message) : new Error(`reading the profile failed: ${reply.message}`));
      });
    });
    worker.once('error', (e) => settle(() => reject(new Error(`the profile worker failed: ${e.message.split('\n')[0]}`))));
    worker.once('exit', (code) => settle(() => reject(new Error(`the profile worker stopped before answering (exit code ${code})`))));
  });
}
