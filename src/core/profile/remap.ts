/**
 * A CPU profile moved from generated JavaScript to the original sources through source maps: call frames
 * (0-based line and column) and position ticks (1-based lines). Pure: the caller finds the maps.
 */
import type { CallFrame, CpuProfile, PositionTick, ProfileNode } from './model';
import { type SourceMap, generatedLineCount, originalPositionFor, originalPositionForLine } from './source-map';

export interface ScriptSourceMap {
  map: SourceMap;
  /** The profile URL of one of the map's sources (resolved against the script's or the map's URL). */
  sourceUrl: (source: string) => string;
}

/**
 * Returns a new profile whose call frames and position ticks point at the original sources. `mapFor` is
 * asked once per script URL; scripts without a map, and positions the map does not cover, stay as they
 * are. A function's frame goes where the function starts; its ticked lines go where each line comes from,
 * which in a bundle may be another source (an inlined function of another module): such a tick carries
 * its own `url`. Ticks that land on the same original line are merged. A ticked line that holds code of
 * a source on the map's `ignoreList` and other code goes to the other code (see originalPositionForLine).
 */
export function remapProfile(profile: CpuProfile, mapFor: (url: string) => ScriptSourceMap | undefined): CpuProfile {
  const maps = new Map<string, ScriptSourceMap | undefined>();
  const lookUp = (url: string): ScriptSourceMap | undefined => {
    if (url === '') return undefined;
    if (!maps.has(url)) {
      let m: ScriptSourceMap | undefined;
      try {
        m = mapFor(url);
      } catch {
        m = undefined; // a map that cannot be had leaves its script as it is
      }
      maps.set(url, m);
    }
    return maps.get(url);
  };
  const urls = new Map<ScriptSourceMap, Map<string, string>>();
  const sourceUrl = (m: ScriptSourceMap, source: string): string => {
    let known = urls.get(m);
    if (!known) urls.set(m, (known = new Map()));
    let u = known.get(source);
    if (u === undefined) known.set(source, (u = m.sourceUrl(source)));
    return u;
  };
  const nodes = profile.nodes.map((n) => remapNode(n, lookUp, sourceUrl));
  return { ...profile, nodes, samples: profile.samples.slice(), timeDeltas: profile.timeDeltas.slice() };
}

function remapNode(
  node: ProfileNode,
  lookUp: (url: string) => ScriptSourceMap | undefined,
  sourceUrl: (m: ScriptSourceMap, source: string) => string,
): ProfileNode {
  const cf = node.callFrame;
  const m = lookUp(cf.url);
  const copy: ProfileNode = { ...node, callFrame: { ...cf } };
  if (node.children) copy.children = node.children.slice();
  if (!m) {
    if (node.positionTicks) copy.positionTicks = node.positionTicks.map((t) => ({ ...t }));
    return copy;
  }
  const callFrame: CallFrame = copy.callFrame;
  // V8 places a function at its name or its parameter list; a position left of the first mapped
  // segment of that line (indentation, `async`) still belongs to that line.
  const at = originalPositionFor(m.map, cf.lineNumber, cf.columnNumber) ?? originalPositionForLine(m.map, cf.lineNumber);
  if (at) {
    callFrame.url = sourceUrl(m, at.source);
    callFrame.lineNumber = at.line;
    callFrame.columnNumber = at.column;
  }
  if (node.positionTicks) {
    const merged = new Map<string, PositionTick>();
    const lines = generatedLineCount(m.map);
    for (const t of node.positionTicks) {
      const pos = originalPositionForLine(m.map, t.line - 1);
      // A line past the end of this script: V8 inlined a function of another script here and kept that
      // script's line number. It cannot be placed, and naming it as a line of this file would be wrong.
      if (!pos && t.line > lines) continue;
      // An unmapped line stays a line of the generated script, and says so when the frame moved.
      const url = pos ? sourceUrl(m, pos.source) : cf.url;
      const line = pos ? pos.line + 1 : t.line;
      const key = `${url}\u0000${line}`;
      const prev = merged.get(key);
      if (prev) {
        prev.ticks += t.ticks;
      } else {
        const tick: PositionTick = { line, ticks: t.ticks };
        if (url !== callFrame.url) tick.url = url;
        merged.set(key, tick);
      }
    }
    copy.positionTicks = [...merged.values()];
  }
  return copy;
}
