// The generated call tree of the flame-graph benchmarks (flame.mjs, flame-paint.mjs, diff-flame.mjs):
// deterministic, shaped like a real one — mostly deep, sometimes wide, 300 scripts.

/** A linear congruential generator: the same numbers on every machine for the same seed. */
export function lcg(seed) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/**
 * `nodeCount` profile nodes drawn from `rand` (default: seed 7); `renamed` gives every tenth function another
 * name (a second run of changed code). Returns the nodes and `rand`, to go on drawing samples from it.
 */
export function callTree(nodeCount, { rand = lcg(7), renamed = false } = {}) {
  const nodes = [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [] }];
  for (let id = 2; id <= nodeCount; id++) {
    const p = Math.max(1, id - 1 - Math.floor(rand() * Math.min(id - 1, rand() < 0.9 ? 8 : 2000)));
    const script = Math.floor(rand() * 300);
    const name = renamed && id % 10 === 0 ? `changed${id % 5000}` : `fn${id % 5000}`;
    nodes.push({ id, callFrame: { functionName: name, scriptId: String(script + 10), url: `file:///srv/app/src/m${script}.js`, lineNumber: id % 900, columnNumber: id % 40 }, children: [] });
    nodes[p - 1].children.push(id);
  }
  return { nodes, rand };
}
