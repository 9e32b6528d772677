/**
 * Glob sets as VS Code's exclude settings use them: a pattern that matches a folder also matches
 * everything under it (`src/generated` excludes `src/generated/a.ts`). Pure; built on core's globMatcher.
 */
import { globMatcher } from '../../core/lint/glob';

/** True when the workspace-relative path, or one of its parent folders, matches a pattern. */
export function pathOrAncestorMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const live = patterns.filter((p) => p.trim() !== '');
  if (live.length === 0) return () => false;
  const match = globMatcher(live);
  return (relativePath) => {
    const segments = relativePath.replace(/\\/g, '/').split('/').filter(Boolean);
    for (let i = segments.length; i >= 1; i--) {
      if (match(segments.slice(0, i).join('/'))) return true;
    }
    return false;
  };
}
