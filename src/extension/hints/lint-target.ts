/**
 * Which editor documents Perf Lens lints, and under which file name the engine sees them. Pure.
 * The file extension decides first (an `.ex` file opened as plain text when no Elixir extension is
 * installed is still Elixir); the language id only helps documents without an extension (untitled ones).
 */
import { languageOf } from '../../core/lint/languages';

/** Editor language ids we lint, with the extension that tells the engine how to parse them. */
const LANGUAGE_EXTENSION: Record<string, string> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
  elixir: '.ex',
};

export const LINTED_LANGUAGE_IDS = Object.keys(LANGUAGE_EXTENSION);

/** Documents backed by files (local or remote) or untitled buffers; not git diffs, output panes, settings. */
const LINTED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export function lintFileName(fileName: string, languageId: string, scheme: string): string | undefined {
  if (!LINTED_SCHEMES.has(scheme)) return undefined;
  if (languageOf(fileName)) return fileName;
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const hasExtension = base.lastIndexOf('.') > 0;
  const ext = LANGUAGE_EXTENSION[languageId];
  // A file with another extension (`.d.ts`, `.vue`, `.es6`) is not ours even if its language id is.
  if (ext === undefined || (hasExtension && scheme !== 'untitled')) return undefined;
  return `${fileName}${ext}`;
}
