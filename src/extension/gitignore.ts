/**
 * `.gitignore` semantics for the workspace scan (VS Code's stable `findFiles` does not apply ignore files).
 * Pure: the caller reads the files. Supported: comments, `!` negation, trailing `/` (directories only),
 * anchoring by a leading or inner `/`, `*`, `?`, `**`, classes, and nested .gitignore files, where the
 * deeper file wins. A file under an ignored directory stays ignored, as in git.
 */
import { globToRegExp } from '../core/lint/glob';

interface IgnoreRule {
  negate: boolean;
  dirOnly: boolean;
  re: RegExp;
}

export interface IgnoreFile {
  /** Folder holding the .gitignore, relative to the workspace folder ("" for the root), forward slashes. */
  dir: string;
  content: string;
}

function parseRules(content: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of content.split(/\r?\n/)) {
    let line = raw;
    // Trailing spaces are ignored unless escaped with a backslash.
    while (line.endsWith(' ') && !line.endsWith('\\ ')) line = line.slice(0, -1);
    if (line === '' || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (line === '') continue;
    const anchored = line.includes('/');
    const pattern = anchored ? line.replace(/^\//, '') : `**/${line}`;
    rules.push({ negate, dirOnly, re: globToRegExp(pattern) });
  }
  return rules;
}

function normaliseDir(dir: string): string {
  const d = dir.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+|\/+$/g, '');
  return d === '.' ? '' : d;
}

/** Returns a predicate over workspace-relative paths of files: true when git would ignore the file. */
export function gitignoreMatcher(files: readonly IgnoreFile[]): (relativePath: string) => boolean {
  // Deepest first: the closest .gitignore decides.
  const compiled = files
    .map((f) => ({ dir: normaliseDir(f.dir), rules: parseRules(f.content) }))
    .filter((f) => f.rules.length > 0)
    .sort((a, b) => b.dir.split('/').length - a.dir.split('/').length || b.dir.length - a.dir.length);
  if (compiled.length === 0) return () => false;

  const verdict = (path: string, isDir: boolean): boolean | undefined => {
    for (const { dir, rules } of compiled) {
      if (dir !== '' && !path.startsWith(`${dir}/`)) continue;
      const local = dir === '' ? path : path.slice(dir.length + 1);
      for (let i = rules.length - 1; i >= 0; i--) {
        const r = rules[i];
        if (r.dirOnly && !isDir) continue;
        if (r.re.test(local)) return !r.negate;
      }
    }
    return undefined;
  };

  return (relativePath) => {
    const segments = relativePath.replace(/\\/g, '/').split('/').filter(Boolean);
    for (let i = 1; i < segments.length; i++) {
      if (verdict(segments.slice(0, i).join('/'), true)) return true;
    }
    return verdict(segments.join('/'), false) === true;
  };
}
