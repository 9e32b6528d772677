// "Does this node run once per element of a collection?": the `Enum`/`Stream` callbacks, `for` comprehensions
// and list recursions around a node, and how each is bounded. Only called on candidate nodes (a Repo call, a
// Task.async, an `<>`), so the upward walks here stay off the engine's hot path.
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { type DefHead, defHead, isDef, tailRecursiveCalls } from './local-functions';
import {
  argumentsNode, boundNames, calleeName, clauseParams, doBlockOf, effectiveArgs, isCapture, localCallName, operatorOf,
} from './nodes';

/** Largest literal range / list still taken for "a few" (retries, pages), not "a collection". */
export const SMALL_BOUND = 10;

export type Bound =
  /** a literal list or a small literal range: a fixed, small number of iterations */
  | 'constant'
  /** the chunks of `Enum.chunk_every/2`: once per batch, not per element */
  | 'chunks'
  /** the elements of one chunk: per element, but bounded by the chunk size */
  | 'chunk'
  /** anything else: grows with the data */
  | 'data';

export interface Loop {
  kind: 'enum' | 'for' | 'recursion';
  /** The `Enum.map(...)` / `for` / `def` call. */
  node: SyntaxNode;
  /** What runs per element: the callback, the `for` body, the def. */
  body: SyntaxNode;
  /** For messages: "the `Enum.map` callback over `ids`". */
  label: string;
  bound: Bound;
}

/** Modules whose function arguments run once per element (`Stream.*` when the stream is run). */
const ITERATING_MODULES = new Set(['Enum', 'Stream', 'Flow']);
/** Functions of those modules whose callbacks run once per batch or per step, not per element. */
const NOT_PER_ELEMENT = new Set(['Stream.resource', 'Stream.unfold', 'Stream.iterate', 'Stream.repeatedly', 'Stream.cycle', 'Stream.interval', 'Stream.timer']);
/** Other functions with per-element callbacks; value: index of the collection among the effective args. */
const OTHER_ITERATORS: Record<string, number> = {
  'Map.new': 0, 'MapSet.new': 0, 'Keyword.new': 0, 'Map.filter': 0, 'Map.reject': 0, 'Map.map': 0,
  'List.foldl': 0, 'List.foldr': 0, ':lists.map': 1, ':lists.foreach': 1, ':lists.foldl': 2,
  'Task.async_stream': 0, 'Task.Supervisor.async_stream': 1, 'Task.Supervisor.async_stream_nolink': 1,
};

/** Index of the collection argument when `name` runs its function arguments once per element. */
export function iteratorCollectionIndex(name: string): number | undefined {
  if (name in OTHER_ITERATORS) return OTHER_ITERATORS[name];
  const dot = name.lastIndexOf('.');
  if (dot < 0 || !ITERATING_MODULES.has(name.slice(0, dot)) || NOT_PER_ELEMENT.has(name)) return undefined;
  return 0;
}

const CHUNKERS = new Set(['Enum.chunk_every', 'Stream.chunk_every']);

function rangeSize(range: SyntaxNode): number | undefined {
  let node = range;
  let step = 1;
  if (node.type === 'binary_operator' && operatorOf(node) === '//') {
    const s = node.childForFieldName('right');
    step = s?.type === 'integer' ? Math.abs(Number(s.text.replace(/_/g, ''))) || 1 : 1;
    node = node.childForFieldName('left') ?? node;
  }
  if (node.type !== 'binary_operator' || operatorOf(node) !== '..') return undefined;
  const ends = [node.childForFieldName('left'), node.childForFieldName('right')];
  // A module attribute (`1..@max_attempts`) is a compile-time constant chosen by the author: a retry bound.
  if (ends.some((e) => e?.type === 'unary_operator' && operatorOf(e) === '@')) return 0;
  const [a, b] = ends.map((e) => (e?.type === 'integer' ? Number(e.text.replace(/_/g, '')) : NaN));
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return Math.floor(Math.abs(b - a) / step) + 1;
}

/** How many iterations a collection expression stands for; `chunkVars` are names bound to one chunk. */
export function classifyCollection(coll: SyntaxNode | undefined, chunkVars: ReadonlySet<string>): Bound {
  if (!coll) return 'data';
  switch (coll.type) {
    case 'list': {
      const last = coll.lastNamedChild;
      return last?.type === 'binary_operator' && operatorOf(last) === '|' ? 'data' : 'constant';
    }
    case 'map':
    case 'sigil':
      return 'constant';
    case 'identifier':
      return chunkVars.has(coll.text) ? 'chunk' : 'data';
    case 'binary_operator': {
      const size = rangeSize(coll);
      if (size !== undefined) return size <= SMALL_BOUND ? 'constant' : 'data';
      if (operatorOf(coll) === '|>') {
        const right = coll.childForFieldName('right');
        const name = right?.type === 'call' ? calleeName(right) : undefined;
        return name && CHUNKERS.has(name) ? 'chunks' : 'data';
      }
      return 'data';
    }
    case 'call': {
      const name = calleeName(coll);
      return name && CHUNKERS.has(name) ? 'chunks' : 'data';
    }
    default:
      return 'data';
  }
}

interface PendingLoop {
  kind: Loop['kind'];
  node: SyntaxNode;
  body: SyntaxNode;
  label: string;
  /** Collections in evaluation order, each with the names its elements are bound to. */
  sources: { coll: SyntaxNode | undefined; binds: string[] }[];
  /** Recursion is per element by construction. */
  fixed?: Bound;
}

function isGenerator(node: SyntaxNode): boolean {
  if (node.type === 'binary_operator') return operatorOf(node) === '<-';
  if (node.type === 'bitstring') {
    const first = node.firstNamedChild;
    return first?.type === 'binary_operator' && operatorOf(first) === '<-';
  }
  return false;
}

function generatorParts(gen: SyntaxNode): { pattern?: SyntaxNode; coll?: SyntaxNode } {
  const op = gen.type === 'bitstring' ? gen.firstNamedChild : gen;
  return { pattern: op?.childForFieldName('left') ?? undefined, coll: op?.childForFieldName('right') ?? undefined };
}

function isForCall(call: SyntaxNode): boolean {
  return localCallName(call) === 'for';
}

function keywordKey(pair: SyntaxNode): string {
  return (pair.childForFieldName('key')?.text ?? '').replace(/:\s*$/, '');
}

/** Loops over a collection around `node`, innermost first, up to the enclosing def (included when it recurses over a list). */
export class LoopFinder {
  private readonly recursive = new Map<number, boolean>();

  loopsAround(node: SyntaxNode): Loop[] {
    const pending: PendingLoop[] = [];
    let grandchild: SyntaxNode | null = null;
    let child: SyntaxNode = node;
    let parent = node.parent;
    while (parent) {
      if (parent.type === 'arguments' && parent.parent?.type === 'call') {
        const call = parent.parent;
        if (isForCall(call)) {
          if (this.forArgumentRunsPerElement(parent, child, grandchild)) pending.push(forLoop(call, parent));
        } else if (child.type === 'anonymous_function' || isCapture(child)) {
          const name = calleeName(call);
          const index = name === undefined ? undefined : iteratorCollectionIndex(name);
          if (name !== undefined && index !== undefined) pending.push(enumLoop(call, name, index, child));
        }
      } else if (parent.type === 'do_block' && parent.parent?.type === 'call' && isForCall(parent.parent)) {
        const args = argumentsNode(parent.parent);
        if (args) pending.push(forLoop(parent.parent, args));
      } else if (parent.type === 'call' && isDef(parent)) {
        const head = defHead(parent);
        if (head && this.recursesOverList(parent, head)) {
          pending.push({ kind: 'recursion', node: parent, body: parent, label: `the recursion of \`${head.name}/${head.params.length}\` over a list`, sources: [], fixed: 'data' });
        }
        break;
      }
      grandchild = child;
      child = parent;
      parent = parent.parent;
    }
    return resolveBounds(pending);
  }

  private recursesOverList(def: SyntaxNode, head: DefHead): boolean {
    let r = this.recursive.get(def.id);
    if (r === undefined) {
      r = tailRecursiveCalls(def, head).length > 0;
      this.recursive.set(def.id, r);
    }
    return r;
  }

  /** Inside `for`'s arguments: the first generator's collection and the options run once; the rest per element. */
  private forArgumentRunsPerElement(args: SyntaxNode, child: SyntaxNode, grandchild: SyntaxNode | null): boolean {
    if (child.type === 'keywords') return grandchild?.type === 'pair' && keywordKey(grandchild) === 'do';
    if (isGenerator(child)) {
      const first = args.namedChildren.find((c) => c !== null && isGenerator(c));
      return first?.id !== child.id;
    }
    return true;
  }
}

function enumLoop(call: SyntaxNode, name: string, index: number, fn: SyntaxNode): PendingLoop {
  const coll = effectiveArgs(call)[index];
  let binds: string[] = [];
  if (fn.type === 'anonymous_function') {
    const clause = fn.firstNamedChild;
    const first = clause?.type === 'stab_clause' ? clauseParams(clause)[0] : undefined;
    if (first) binds = boundNames(first);
  }
  const over = coll && coll.type === 'identifier' ? ` over \`${coll.text}\`` : '';
  return { kind: 'enum', node: call, body: fn, label: `the \`${name}\` callback${over}`, sources: [{ coll, binds }] };
}

function forLoop(call: SyntaxNode, args: SyntaxNode): PendingLoop {
  const sources: PendingLoop['sources'] = [];
  for (const a of args.namedChildren) {
    if (!a || !isGenerator(a)) continue;
    const { pattern, coll } = generatorParts(a);
    sources.push({ coll, binds: pattern ? boundNames(pattern) : [] });
  }
  const first = sources[0]?.coll;
  const over = first && first.type === 'identifier' ? ` over \`${first.text}\`` : '';
  return { kind: 'for', node: call, body: doBlockOf(call) ?? args, label: `the \`for\` comprehension${over}`, sources };
}

const RANK: Record<Bound, number> = { constant: 0, chunks: 1, chunk: 2, data: 3 };

/** Works out each loop's bound from the outside in, so `chunk` names bound by outer loops are known. */
function resolveBounds(pending: PendingLoop[]): Loop[] {
  const chunkVars = new Set<string>();
  const loops: Loop[] = new Array(pending.length);
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i];
    let bound: Bound = p.fixed ?? 'constant';
    for (const s of p.sources) {
      const b = classifyCollection(s.coll, chunkVars);
      if (b === 'chunks') for (const n of s.binds) chunkVars.add(n);
      if (RANK[b] > RANK[bound]) bound = b;
    }
    loops[i] = { kind: p.kind, node: p.node, body: p.body, label: p.label, bound };
  }
  return loops;
}
