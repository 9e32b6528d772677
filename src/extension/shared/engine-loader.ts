/**
 * Loads the engine bundle (dist/engine.js, which carries the TypeScript compiler) on first use, never on
 * the activation path: requiring TypeScript costs 0.2–1.3 s. The import below is type-only, so esbuild
 * leaves the engine out of dist/extension.js.
 */
import * as path from 'node:path';
import type { Parsers } from '../../core/lint/engine';

export type Engine = typeof import('../../runner/engine-entry');

export interface LoadedEngine {
  engine: Engine;
  /** Parsers that loaded; without the Elixir grammar, Elixir files come back with a note. */
  parsers: Parsers;
}

let loading: Promise<LoadedEngine> | undefined;

/** `onParserError` hears once why the Elixir parser did not load (JS/TS hints still work). */
export function loadEngine(onParserError: (message: string) => void): Promise<LoadedEngine> {
  loading ??= (async () => {
    // A computed path: esbuild must not bundle it, and it resolves next to dist/extension.js at runtime.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engine = require(path.join(__dirname, 'engine.js')) as Engine;
    let parsers: Parsers = {};
    try {
      parsers = await engine.hints.loadParsers();
    } catch (e) {
      onParserError(`the Elixir parser did not load (${(e as Error).message}); Elixir files get no hints`);
    }
    return { engine, parsers };
  })();
  return loading;
}
