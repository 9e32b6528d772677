/**
 * Entry of the profile worker thread (bundled as dist/profile-worker.js): reads and analyses one
 * `.cpuprofile` off the caller's thread (the editor's extension host is flagged unresponsive after 3 s;
 * a 100 MB profile takes about as long) and posts the result once. See analysis-worker-client.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeProfile, packFlame } from './analyze-profile';
import { ProfileReadError } from './read-profile';
import type { WorkerReply, WorkerRequest } from './analysis-worker-client';

const req = workerData as WorkerRequest;
let reply: WorkerReply;
let transfer: ArrayBuffer[] = [];
try {
  const { all, myCode, flame } = analyzeProfile(req.file, req.options);
  const packed = packFlame(flame);
  transfer = packed.transfer;
  reply = { ok: true, all, myCode, flame: packed.packed };
} catch (e) {
  reply = { ok: false, readError: e instanceof ProfileReadError, message: e instanceof Error ? e.message : String(e) };
}
parentPort!.postMessage(reply, transfer);
