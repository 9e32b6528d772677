/**
 * Entry of a lint worker thread (bundled as dist/lint-worker.js): reads and lints the files the pool hands
 * it, one at a time, with the config it was started with. See lint-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LintConfig } from '../../core/lint/config';
import type { LintResult } from '../../core/lint/finding';
import { languageOf } from '../../core/lint/languages';
import { type Parsers } from '../../core/lint/engine';
import { lintOne } from './lint-one';
import { loadParsers } from './parsers';
import type { PoolReply, PoolRequest } from './lint-pool';

const config = (workerData as { config: LintConfig }).config;
let parsers: Parsers = {};

async function handle(req: PoolRequest): Promise<PoolReply> {
  try {
    if (!parsers.elixir && languageOf(req.absolute) === 'elixir') parsers = await loadParsers();
    const result: LintResult = lintOne(req.absolute, req.display, config, parsers);
    return { id: req.id, result };
  } catch (e) {
    return { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
}

parentPort!.on('message', (req: PoolRequest) => {
  void handle(req).then((reply) => parentPort!.postMessage(reply));
});
