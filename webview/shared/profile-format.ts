/**
 * Numbers and locations as the two profile pages (Hot Spots, Compare) and their flame graph show them.
 */
import { kindOfFile } from '../../src/core/profile/flame';

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const pct = (x: number): string => `${x.toFixed(1)}%`;

/** `hot.js:2` for a local file (the full path goes in the tooltip), `node:fs:12`, or `(native)`. */
export function shortLocation(file: string, line: number): string {
  if (file === '') return '(native)';
  const parts = file.split(/[\\/]/);
  const short = parts.length > 2 && kindOfFile(file) !== 'node' ? parts.slice(-2).join('/') : file;
  return line > 0 ? `${short}:${line}` : short;
}
