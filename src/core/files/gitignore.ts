/**
 * .gitignore semantics for the file walker: nested .gitignore files (deeper files win), `!` negation,
 * `/`-anchoring, `**`, dir-only `foo/`, `\#` / `\!` / trailing-space escapes. Pure: the walker
 * (src/runner/files/file-discovery.ts) reads the files, Scan Workspace's filter matches in the editor.
 */
import { globToRegExp } from '../lint/glob';

interface IgnoreRule {
  regex: RegExp;
  negated: boolean;
  dirOnly: boolean;
  /** Without a `/` (except a trailing one) the pattern matches a name at any depth. */
  anchored: boolean;
}

/** The rules of one ignore file, relative to the folder that holds it (`base`, '' for the walk root). */
export interface IgnoreFile {
  /** Folder of the .gitignore, relative to the root of the ignore stack, with `/` separators. */
  base: string;
  rules: IgnoreRule[];
}

/** Parses the text of a .gitignore. Lines that do not compile are dropped, as git ignores bad patterns. */
export function parseGitignore(text: string, base: string): IgnoreFile {
  const rules: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine;
    // Trailing spaces are ignored unless escaped with a backslash.
    while (line.endsWith(' ') && !line.endsWith('\\ ')) line = line.slice(0, -1);
    if (line === '' || line.startsWith('#')) continue;
    let negated = false;
    if (line.startsWith('!')) {
      negated = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    let dirOnly = false;
    if (line.endsWith('/') && !line.endsWith('\\/')) {
      dirOnly = true;
      line = line.slice(0, -1);
    }
    if (line === '') continue;
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    try {
      rules.push({ regex: globToRegExp(line, { braces: false }), negated, dirOnly, anchored });
    } catch {
      // An invalid character class such as `[z-a]`: git treats it as matching nothing.
    }
  }
  return { base, rules };
}

/**
 * Whether a path is ignored by a stack of ignore files (outermost first). `relPath` is relative to the
 * stack's root with `/` separators. As in git, the last matching rule wins and deeper files come later.
 * The walker never descends into an ignored folder, so a file inside one cannot be re-included.
 */
export function isIgnored(stack: readonly IgnoreFile[], relPath: string, isDirectory: boolean): boolean {
  let ignored = false;
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  for (const file of stack) {
    let local: string;
    if (file.base === '') local = relPath;
    else if (relPath.startsWith(`${file.base}/`)) local = relPath.slice(file.base.length + 1);
    else continue;
    for (const rule of file.rules) {
      if (rule.dirOnly && !isDirectory) continue;
      if (rule.anchored ? rule.regex.test(local) : rule.regex.test(name)) ignored = !rule.negated;
    }
  }
  return ignored;
}
