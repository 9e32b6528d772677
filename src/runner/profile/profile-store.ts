/**
 * The profile store on disk, `.perf-lens/profiles/` of a project: where a run is saved. The names are
 * core's (src/core/profile/profile-store-names.ts); this module only joins the paths.
 */
import * as path from 'node:path';
import { PROFILES_DIR, type SavedProfileNameOptions, savedProfileFileName } from '../../core/profile/profile-store-names';

/** `<root>/.perf-lens/profiles`. */
export function profilesDir(root: string): string {
  return path.join(root, ...PROFILES_DIR);
}

/** `<root>/.perf-lens/profiles/<name>-<YYYYMMDD-HHMMSS>.cpuprofile`. */
export function savedProfilePath(root: string, name: string, now = new Date(), options?: SavedProfileNameOptions): string {
  return path.join(profilesDir(root), savedProfileFileName(name, now, options));
}
