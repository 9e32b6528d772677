// Deterministic random edits of source text, for the incremental re-lint test.

/** A small deterministic PRNG (mulberry32): the same edits on every run. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  '\n',
  '{',
  '}',
  ')',
  '// perf-lens-disable-next-line n-plus-one\n',
  'for (const id of ids) { await prisma.user.findUnique({ where: { id } }); }\n',
  'const all = rows.reduce((acc, r) => [...acc, r], []);\n',
  'let s = ""; for (const x of xs) { s += x; if (s.includes(x)) break; }\n',
  'await Promise.all(users.map(async (u) => fetch(`/api/users/${u.id}`)));\n',
  '`${',
  '/*',
  '*/',
  'x',
];

export function edit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const r = rand();
  if (r < 0.45) return text.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + text.slice(at);
  const len = Math.floor(rand() * 40);
  if (r < 0.8) return text.slice(0, at) + text.slice(at + len);
  return text.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + text.slice(at + len);
}
