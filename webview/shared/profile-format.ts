/**
 * Locations as the two profile pages (Hot Spots, Compare) and their flame graph show them (numbers: src/core/format).
 */
import { kindOfFile } from '../../src/core/profile/flame';

/** `hot.js:2` for a local file (the full path goes in the tooltip), `node:fs:12`, or `(native)`. */
export function shortLocation(file: string, line: number): string {
  if (file === '') return '(native)';
  const parts = file.split(/[\\/]/);
  const short = parts.length > 2 && kindOfFile(file) !== 'node' ? parts.slice(-2).join('/') : file;
  return line > 0 ? `${short}:${line}` : short;
}
