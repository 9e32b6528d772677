/**
 * The `enclosingFunction` lookup for hot spots: reads each profiled script once (file:// URLs only),
 * lists its functions with the TypeScript parser, and answers "which function holds line N?".
 * Unreadable or non-JS files simply have no answer (the profile's own attribution stands).
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FunctionAt } from '../../../core/profile/hotspots';
import { type SourceFunction, functionsInSource, innermostFunction } from '../../../core/profile/source-functions';

const SCRIPT = /\.(c|m)?(j|t)sx?$/i;
/** Bigger sources (bundles) are not parsed: the lookup would cost more than it tells. */
const MAX_SOURCE_BYTES = 2_000_000;

export function enclosingFunctionLookup(): (url: string, line: number) => FunctionAt | undefined {
  const cache = new Map<string, SourceFunction[] | null>();
  const functionsOf = (url: string): SourceFunction[] | null => {
    let fns = cache.get(url);
    if (fns !== undefined) return fns;
    fns = null;
    if (url.startsWith('file://')) {
      try {
        const file = fileURLToPath(url);
        if (SCRIPT.test(file) && fs.statSync(file).size <= MAX_SOURCE_BYTES && !file.includes(`${'/'}node_modules${'/'}`)) {
          fns = functionsInSource(fs.readFileSync(file, 'utf8'), file);
        }
      } catch {
        fns = null; // deleted since the run, unreadable, not parsable: no correction for this script
      }
    }
    cache.set(url, fns);
    return fns;
  };
  return (url, line) => {
    const fns = functionsOf(url);
    return fns ? innermostFunction(fns, line) : undefined;
  };
}
