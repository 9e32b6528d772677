/** Reads a `.cpuprofile` from disk, with one sentence for each way it can fail. */
import * as fs from 'node:fs';
import type { CpuProfile } from '../core/profile/model';
import { ProfileFormatError, importFromCpuProfile } from '../core/profile/import/cpuprofile';
import { errorCode } from './file-discovery';

/** V8 strings stop at about 512 MB: readFile + JSON.parse cannot open a larger file. */
const MAX_PROFILE_BYTES = 512 * 1024 * 1024;

export class ProfileReadError extends Error {}

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
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ProfileReadError(`${file} is not valid JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  try {
    return importFromCpuProfile(json);
  } catch (e) {
    if (e instanceof ProfileFormatError) throw new ProfileReadError(`${file}: ${e.message}`);
    throw e;
  }
}
