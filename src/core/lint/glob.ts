/**
 * Glob patterns for the include/exclude settings and for .gitignore lines (pure: no fs).
 * Supported: `*` (within one path segment), `?`, `**` (any number of segments), `[abc]` / `[!a-z]` classes,
 * `{a,b}` alternatives and `\` escapes. Paths are matched with forward slashes.
 */

const SPECIAL = /[.+^$()|\\/]/;

export interface GlobOptions {
  /** `{a,b}` alternatives (settings globs); .gitignore has none, braces are literal there. Default true. */
  braces?: boolean;
}

/** Compiles a glob to a regular expression matching the whole relative path. */
export function globToRegExp(glob: string, options: GlobOptions = {}): RegExp {
  return new RegExp(`^${globSource(glob, options.braces !== false)}$`, 'u');
}

function globSource(glob: string, braces: boolean): string {
  let out = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      out += escapeChar(glob[++i]);
    } else if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**` is only special as a whole segment: `a/**/b`, `**/x`, `x/**`.
        const segmentStart = i === 0 || glob[i - 1] === '/';
        const after = glob[i + 2];
        if (segmentStart && (after === undefined || after === '/')) {
          if (after === '/') {
            out += '(?:[^/]*/)*'; // zero or more whole segments
            i += 2;
          } else {
            out += '.*';
            i += 1;
          }
          continue;
        }
        i += 1; // `a**b` behaves like `a*b`
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
      } else {
        let body = glob.slice(i + 1, close);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        body = body.replace(/[\\\]^]/g, '\\$&');
        out += negated ? `[^/${body}]` : `[${body}]`;
        i = close;
      }
    } else if (c === '{' && braces) {
      braceDepth++;
      out += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
    } else if (c === ',' && braceDepth > 0) {
      out += '|';
    } else {
      out += escapeChar(c);
    }
  }
  while (braceDepth-- > 0) out += ')';
  return out;
}

function escapeChar(c: string): string {
  return SPECIAL.test(c) || c === '*' || c === '?' || c === '[' || c === ']' || c === '{' || c === '}' ? `\\${c}` : c;
}

/**
 * A matcher for settings globs against workspace-relative paths. A pattern without `/` matches a file's
 * name or any folder name on its path (`generated`, `*.min.js`), like .gitignore; a pattern with `/` matches
 * the whole relative path (`src/legacy/**`), and `dir/**` also matches the folder `dir` itself.
 */
export function globMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const tests = patterns
    .map((p) => p.trim().replace(/^\.\//, ''))
    .filter((p) => p !== '')
    .map((p) => {
      if (!p.includes('/')) {
        const re = globToRegExp(p);
        return (segments: string[]) => segments.some((s) => re.test(s));
      }
      const re = globToRegExp(p.replace(/^\//, ''));
      return (_segments: string[], path: string) => re.test(path) || re.test(`${path}/`);
    });
  return (relativePath) => {
    const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
    const segments = path.split('/');
    return tests.some((t) => t(segments, path));
  };
}
