/** Reads a `.cpuprofile` from disk, with one sentence for each way it can fail. */
import * as fs from 'node:fs';
import type { CpuProfile } from '../../../core/profile/model';
import { ProfileFormatError, importFromCpuProfile } from '../../../core/profile/import/cpuprofile';
import { CpuProfileBytesParser, JsonSyntaxError } from '../../../core/profile/import/cpuprofile-bytes';
import { errorCode } from '../../files/file-discovery';

/** The node list is still parsed as one string, and V8 strings stop at about 512 MB. */
const MAX_PROFILE_BYTES = 512 * 1024 * 1024;

export class ProfileReadError extends Error {}

/** Chunks of 1 MB: the file is never in memory whole (see cpuprofile-bytes.ts). */
const CHUNK_BYTES = 1 << 20;

function parseProfileFile(file: string, size: number): unknown {
  const parser = new CpuProfileBytesParser(size);
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      parser.write(chunk.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return parser.end();
}

export function readCpuProfile(file: string): CpuProfile {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    throw new ProfileReadError(`cannot read ${file} (${errorCode(e)})`);
  }
  if (size > MAX_PROFILE_BYTES) {
    throw new ProfileReadError(`${file} is ${(size / 1e6).toFixed(0)} MB: profiles above 512 MB cannot be opened yet`);
  }
  let json: unknown;
  try {
    json = parseProfileFile(file, size);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ProfileReadError(`${file} is not valid JSON (${e.message})`);
    if (e instanceof Error && 'code' in e) throw new ProfileReadError(`cannot read ${file} (${errorCode(e)})`);
    throw e;
  }
  try {
    return importFromCpuProfile(json);
  } catch (e) {
    if (e instanceof ProfileFormatError) throw new ProfileReadError(`${file}: ${e.message}`);
    throw e;
  }
}
