/**
 * The one entry point of the importers: which format a profile is, found from its contents, and the
 * CPU profile made from it. Every reader of profile data goes through `importProfile` (the runner's
 * `readProfile`), so a format added here is opened by every consumer at once: hot spots, diff,
 * compare, the HTML report and the custom editor. A format is one entry of PROFILE_IMPORTERS: its
 * `is<Format>` guard and `importFrom<Format>` (in `<format>.ts`). Pure: the caller reads the bytes.
 */
import type { CpuProfile } from '../model';
import { ProfileFormatError, importFromCpuProfile, isCpuProfile } from './cpuprofile';
import { importFromZeroX, importFromZeroXTicks, isZeroX, isZeroXTicks } from './zero-x';
import { importFromClinicFlame, isClinicFlame } from './clinic';

/** What the user is told the data came from (notes, the clinic command's buttons). */
export type ProfileDataFormat = 'cpuprofile' | '0x' | 'clinic-flame';

export type ProfileImporterId = 'cpuprofile' | 'zero-x-log' | 'zero-x-ticks' | 'clinic-flame';

export interface ProfileImporter {
  id: ProfileImporterId;
  format: ProfileDataFormat;
  /** e.g. `a V8 .cpuprofile`, in sentences that list what can be opened. */
  label: string;
  /** The samples carry no times: each counts as 1 ms (shares exact, milliseconds estimated). */
  estimatedTimes: boolean;
  /** The full shape check: this importer can take the data. */
  is(x: unknown): boolean;
  /** The data says it is this format (its distinctive keys), even if damaged: the importer's own sentence then says what is wrong. */
  claims(x: unknown): boolean;
  importFrom(x: unknown): CpuProfile;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const hasKey = (x: unknown, keys: readonly string[]) => isObject(x) && keys.some((k) => k in x);

/** In order of preference when several guards pass (0x ticks and clinic flame samples are the same data). */
export const PROFILE_IMPORTERS: readonly ProfileImporter[] = [
  {
    id: 'cpuprofile',
    format: 'cpuprofile',
    label: 'a V8 .cpuprofile (an object with "nodes", "samples" and "startTime")',
    estimatedTimes: false,
    is: isCpuProfile,
    claims: (x) => hasKey(x, ['nodes', 'samples', 'timeDeltas', 'startTime']),
    importFrom: importFromCpuProfile,
  },
  {
    id: 'zero-x-log',
    format: '0x',
    label: '0x\'s preprocessed V8 log (*-v8.log.json: "code" and "ticks")',
    estimatedTimes: false,
    is: isZeroX,
    claims: (x) => hasKey(x, ['code', 'ticks']),
    importFrom: importFromZeroX,
  },
  {
    id: 'zero-x-ticks',
    format: '0x',
    label: '0x\'s ticks.json (a list of stacks)',
    estimatedTimes: true,
    is: isZeroXTicks,
    claims: Array.isArray,
    importFrom: (x) => importFromZeroXTicks(x),
  },
  {
    id: 'clinic-flame',
    format: 'clinic-flame',
    label: 'clinic flame samples (*.clinic-flame-samples)',
    estimatedTimes: true,
    is: isClinicFlame,
    claims: Array.isArray,
    importFrom: importFromClinicFlame,
  },
];

const byId = (id: ProfileImporterId) => PROFILE_IMPORTERS.find((i) => i.id === id)!;

/** What a file's name says it holds (the contents decide; the name breaks ties and names the error). */
export function importerHintOfName(fileName: string): ProfileImporterId | undefined {
  const name = fileName.replace(/^.*[\\/]/, '');
  if (/\.cpuprofile$/i.test(name)) return 'cpuprofile';
  if (/^isolate-.*-v8\.log\.json$/.test(name)) return 'zero-x-log';
  if (name === 'ticks.json') return 'zero-x-ticks';
  if (/\.clinic-flame-samples$/.test(name)) return 'clinic-flame';
  return undefined;
}

/**
 * The importer for parsed data: the first whose guard passes (the hint first among several), else the
 * one whose keys the data has, else the hinted one; undefined when nothing matches.
 */
export function detectProfileFormat(x: unknown, hint?: ProfileImporterId): ProfileImporter | undefined {
  const pick = (list: ProfileImporter[]) => list.find((i) => i.id === hint) ?? list[0];
  return pick(PROFILE_IMPORTERS.filter((i) => i.is(x))) ?? pick(PROFILE_IMPORTERS.filter((i) => i.claims(x))) ?? (hint ? byId(hint) : undefined);
}

/** `an object with "a", "b" and "c"`, `a list`, `a number`: what unknown JSON was, for the error sentence. */
export function describeJson(x: unknown): string {
  if (Array.isArray(x)) return `a list of ${x.length} item${x.length === 1 ? '' : 's'}`;
  if (x === null) return 'null';
  if (isObject(x)) {
    const keys = Object.keys(x);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 5).map((k) => JSON.stringify(k));
    const more = keys.length > 5 ? ` and ${keys.length - 5} more keys` : '';
    return `an object with ${shown.length === 1 || more ? shown.join(', ') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`}${more}`;
  }
  return `a ${typeof x}`;
}

/** Parsed data as a CPU profile, with the importer that read it. Throws ProfileFormatError (one sentence). */
export function importProfile(x: unknown, hint?: ProfileImporterId): { profile: CpuProfile; importer: ProfileImporter } {
  const importer = detectProfileFormat(x, hint);
  if (!importer) {
    const known = PROFILE_IMPORTERS.map((i) => i.label);
    throw new ProfileFormatError(`not a profile format Perf Lens reads: the JSON is ${describeJson(x)}, where ${known.slice(0, -1).join(', ')} or ${known[known.length - 1]} was expected`);
  }
  return { profile: importer.importFrom(x), importer };
}

/**
 * What the first bytes of a file show, so that a file that cannot be a profile is turned down before it
 * is read whole: `json` when it starts like a JSON object or list (after a byte-order mark and spaces),
 * `empty` when there is nothing but spaces yet, else the first byte shown for the error sentence.
 */
export function sniffProfileBytes(head: Uint8Array): { kind: 'json' | 'empty' } | { kind: 'other'; first: string } {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (i === head.length) return { kind: 'empty' };
  const b = head[i];
  if (b === 0x7b || b === 0x5b) return { kind: 'json' };
  return { kind: 'other', first: b >= 0x20 && b < 0x7f ? `"${String.fromCharCode(b)}"` : `byte 0x${b.toString(16).padStart(2, '0')}` };
}
