import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type { Parsers } from '../../core/lint/engine';

/**
 * Where the two wasm files live: dist/wasm/ next to the bundle when shipped, node_modules when run from
 * source (tests, tsx).
 */
function wasmPaths(): { runtime: string; elixir: string } {
  const shipped = path.join(__dirname, 'wasm');
  if (fs.existsSync(path.join(shipped, 'tree-sitter-elixir.wasm'))) {
    return { runtime: path.join(shipped, 'tree-sitter.wasm'), elixir: path.join(shipped, 'tree-sitter-elixir.wasm') };
  }
  // createRequire, not require.resolve: the bundler must not try to bundle (and warn about) the wasm.
  const req = createRequire(__filename);
  return {
    runtime: req.resolve('web-tree-sitter/tree-sitter.wasm'),
    elixir: req.resolve('tree-sitter-elixir/tree-sitter-elixir.wasm'),
  };
}

let loading: Promise<Parsers> | undefined;

/** Loads the parsers that need I/O once per process (about 40 ms for the Elixir grammar). */
export function loadParsers(): Promise<Parsers> {
  loading ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Parser, Language } = require('web-tree-sitter') as typeof import('web-tree-sitter');
    const paths = wasmPaths();
    await Parser.init({ locateFile: () => paths.runtime });
    const language = await Language.load(fs.readFileSync(paths.elixir));
    const elixir = new Parser();
    elixir.setLanguage(language);
    return { elixir };
  })();
  return loading;
}
