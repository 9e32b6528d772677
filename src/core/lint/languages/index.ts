import type { LanguageId } from '../rule';

const EXTENSIONS: Record<string, LanguageId> = {
  '.js': 'js', '.cjs': 'js', '.mjs': 'js', '.jsx': 'js',
  '.ts': 'js', '.cts': 'js', '.mts': 'js', '.tsx': 'js',
  '.ex': 'elixir', '.exs': 'elixir',
};

export const LINTED_EXTENSIONS = Object.keys(EXTENSIONS);

function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  if (base.endsWith('.d.ts') || base.endsWith('.d.mts') || base.endsWith('.d.cts')) return '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** The language of a file from its name, or undefined when Perf Lens does not lint it. */
export function languageOf(fileName: string): LanguageId | undefined {
  return EXTENSIONS[extensionOf(fileName)];
}

/** Test files by the conventions of Jest, Vitest, Mocha, node:test and ExUnit. */
export function isTestFile(fileName: string): boolean {
  const norm = fileName.replace(/\\/g, '/');
  const base = norm.slice(norm.lastIndexOf('/') + 1);
  if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(base) || /_test\.exs$/.test(base)) return true;
  return /(^|\/)(__tests__|__mocks__)\//.test(norm) || /(^|\/)test\/.*\.exs$/.test(norm);
}
