import type { CpuProfile, NumberList, ProfileNode } from '../model';

/** A profile that cannot be read, with one sentence saying why. */
export class ProfileFormatError extends Error {}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumberArray = (x: unknown): x is number[] => Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isFinite(v));
/** Typed arrays come from the byte-level reader (cpuprofile-bytes.ts); an Int32Array holds finite numbers only. */
const isTypedList = (x: unknown): x is Int32Array | Float64Array => x instanceof Int32Array || x instanceof Float64Array;
function isNumberList(x: unknown): x is NumberList {
  if (x instanceof Int32Array) return true;
  if (x instanceof Float64Array) {
    for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
    return true;
  }
  return isNumberArray(x);
}

/** Cheap shape check: does this look like a `.cpuprofile` at all? */
export function isCpuProfile(x: unknown): boolean {
  return isObject(x) && Array.isArray(x.nodes) && (Array.isArray(x.samples) || isTypedList(x.samples)) && typeof x.startTime === 'number';
}

/**
 * Validates a parsed `.cpuprofile` and returns it typed. Everything the analysis relies on is checked
 * (node ids unique, children and samples pointing at nodes, one time delta per sample), so a truncated
 * or hand-edited file fails here with one sentence instead of producing wrong numbers later.
 */
export function importFromCpuProfile(x: unknown): CpuProfile {
  if (!isCpuProfile(x)) throw new ProfileFormatError('not a V8 CPU profile: expected an object with "nodes", "samples" and "startTime"');
  const p = x as Record<string, unknown>;
  const nodes = p.nodes as unknown[];
  if (nodes.length === 0) throw new ProfileFormatError('the profile has no nodes');
  const ids = new Set<number>();
  for (const [i, n] of nodes.entries()) {
    if (!isObject(n) || typeof n.id !== 'number' || !isObject(n.callFrame)) {
      throw new ProfileFormatError(`node ${i} has no numeric "id" or no "callFrame"`);
    }
    const cf = n.callFrame;
    if (typeof cf.functionName !== 'string' || typeof cf.url !== 'string' || typeof cf.lineNumber !== 'number' || typeof cf.columnNumber !== 'number') {
      throw new ProfileFormatError(`node ${n.id} has an incomplete callFrame (functionName, url, lineNumber, columnNumber)`);
    }
    if (ids.has(n.id)) throw new ProfileFormatError(`node id ${n.id} appears twice`);
    ids.add(n.id);
    if (n.children !== undefined && !isNumberArray(n.children)) throw new ProfileFormatError(`node ${n.id} has a malformed "children" list`);
    if (n.positionTicks !== undefined && (!Array.isArray(n.positionTicks) || !n.positionTicks.every((t) => isObject(t) && typeof t.line === 'number' && typeof t.ticks === 'number'))) {
      throw new ProfileFormatError(`node ${n.id} has malformed "positionTicks"`);
    }
  }
  for (const n of nodes as ProfileNode[]) {
    for (const c of n.children ?? []) if (!ids.has(c)) throw new ProfileFormatError(`node ${n.id} lists child ${c}, which does not exist`);
  }
  const samples = p.samples;
  if (!isNumberList(samples)) throw new ProfileFormatError('"samples" must be a list of node ids');
  const timeDeltas = p.timeDeltas ?? [];
  if (!isNumberList(timeDeltas)) throw new ProfileFormatError('"timeDeltas" must be a list of numbers');
  if (timeDeltas.length !== samples.length) {
    throw new ProfileFormatError(`${samples.length} samples but ${timeDeltas.length} time deltas: the file may be truncated`);
  }
  // Millions of samples in a big profile: check them against a typed table when ids are small integers.
  let maxId = 0;
  for (const id of ids) if (id > maxId) maxId = id;
  const table = Number.isInteger(maxId) && maxId >= 0 && maxId <= 4 * ids.size + 1024 ? new Uint8Array(maxId + 1) : undefined;
  if (table) for (const id of ids) if (id >= 0) table[id] = 1;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (table ? !(s >= 0 && s <= maxId && table[s] === 1) : !ids.has(s)) throw new ProfileFormatError(`a sample points at node ${s}, which does not exist`);
  }
  if (typeof p.endTime !== 'number') throw new ProfileFormatError('the profile has no numeric "endTime"');
  return { nodes: nodes as ProfileNode[], startTime: p.startTime as number, endTime: p.endTime, samples, timeDeltas };
}
