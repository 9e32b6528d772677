// Memo tables for one lint run of one JS/TS file, keyed by node. The engine creates one for each file it lints
// and hands it to every JS rule of that run (`ctx.memo`), so the rules share answers and nothing outlives the
// run. Not across runs: the editor path re-parses incrementally, and TypeScript then reuses unchanged nodes at
// new positions and under new parents, so a memoized answer (a line number, a declaration found by walking up)
// may no longer hold.
import type * as ts from 'typescript';
import type { ListRecursion } from './list-recursion';
import type { Declaration } from './name-resolution';

export class JsMemo {
  /** Per scope (block, function, `for`, file): the names it declares (name-resolution.ts). */
  readonly declarations = new WeakMap<ts.Node, Map<string, Declaration>>();
  /** Per loop or callback: the names declared or assigned inside it (name-resolution.ts). */
  readonly namesBound = new WeakMap<ts.Node, Set<string>>();
  /** Per loop: whether what it awaits drives it (loops.ts). */
  readonly drivenByAwait = new WeakMap<ts.Node, boolean>();
  /** Per function: how it recurses over a list, or null when it does not (list-recursion.ts). */
  readonly listRecursion = new WeakMap<ts.Node, ListRecursion | null>();
}
