// Shared tree-sitter-elixir questions for the Elixir rules: "what does this call call?", "which value is
// piped into it?", "does this node run once per element of a collection?". Only called on candidate
// nodes (a Repo call, a Task.async, an `<>`), so the upward walks here stay off the engine's hot path.
import type { Node as SyntaxNode } from 'web-tree-sitter';

/** Largest literal range / list still taken for "a few" (retries, pages), not "a collection". */
export const SMALL_BOUND = 10;

/** The operator token of a `binary_operator` / `unary_operator` (`<>`, `|>`, `&`...). */
export function operatorOf(node: SyntaxNode): string | undefined {
  return node.childForFieldName('operator')?.type;
}

export function isCapture(node: SyntaxNode): boolean {
  return node.type === 'unary_operator' && operatorOf(node) === '&';
}

/** The text a module position stands for: `Repo`, `MyApp.Repo`, `__MODULE__.Repo`, `:ets`. */
function qualifierText(node: SyntaxNode): string | undefined {
  switch (node.type) {
    case 'alias':
    case 'identifier':
    case 'atom':
      return node.text;
    case 'dot': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const l = left && qualifierText(left);
      return l && right ? `${l}.${right.text}` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Dotted callee of a `call`: `Repo.get`, `MyApp.Repo.get!`, `Enum.map`, `spawn`, `acc.lines`.
 * Undefined for anonymous calls (`fun.(x)`) and calls on call results (`a.b().c()`).
 */
export function calleeName(call: SyntaxNode): string | undefined {
  const target = call.childForFieldName('target');
  if (!target) return undefined;
  if (target.type === 'identifier') return target.text;
  if (target.type !== 'dot') return undefined;
  const right = target.childForFieldName('right');
  const left = target.childForFieldName('left');
  if (!right || right.type !== 'identifier' || !left) return undefined;
  const q = qualifierText(left);
  return q === undefined ? undefined : `${q}.${right.text}`;
}

/** Name of a local call (`load(t, acc)`): the identifier target, or undefined for remote calls. */
export function localCallName(call: SyntaxNode): string | undefined {
  const target = call.childForFieldName('target');
  return target?.type === 'identifier' ? target.text : undefined;
}

export function argumentsNode(call: SyntaxNode): SyntaxNode | undefined {
  for (const c of call.namedChildren) if (c?.type === 'arguments') return c;
  return undefined;
}

export function doBlockOf(call: SyntaxNode): SyntaxNode | undefined {
  for (const c of call.namedChildren) if (c?.type === 'do_block') return c;
  return undefined;
}

/** The value piped into `call` (`xs |> Enum.map(f)` → `xs`), which is its real first argument. */
export function pipedValue(call: SyntaxNode): SyntaxNode | undefined {
  const p = call.parent;
  if (p?.type !== 'binary_operator' || operatorOf(p) !== '|>') return undefined;
  const right = p.childForFieldName('right');
  return right && right.id === call.id ? p.childForFieldName('left') ?? undefined : undefined;
}

/** Arguments as the function receives them: the piped value first, then the written ones. */
export function effectiveArgs(call: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const piped = pipedValue(call);
  if (piped) out.push(piped);
  const args = argumentsNode(call);
  if (args) for (const a of args.namedChildren) if (a) out.push(a);
  return out;
}

/** Identifier names bound by a pattern (`[h | t]`, `{k, acc}`, `%{id: id}`), without `_` names. */
export function boundNames(pattern: SyntaxNode): string[] {
  const nodes = pattern.type === 'identifier' ? [pattern] : pattern.descendantsOfType('identifier');
  const out: string[] = [];
  for (const n of nodes) {
    if (!n || n.text.startsWith('_')) continue;
    const p = n.parent;
    // `^pinned` reads a variable, and `x.field` / `f(x)` are not bindings.
    if (p?.type === 'unary_operator' && operatorOf(p) === '^') continue;
    out.push(n.text);
  }
  return out;
}

/** Parameters of a `stab_clause` (`fn x, acc -> …`), without a `when` guard. */
export function clauseParams(clause: SyntaxNode): SyntaxNode[] {
  let left = clause.childForFieldName('left');
  if (!left) return [];
  if (left.type === 'binary_operator' && operatorOf(left) === 'when') left = left.childForFieldName('left');
  if (!left) return [];
  if (left.type !== 'arguments') return [left];
  return left.namedChildren.filter((c): c is SyntaxNode => c !== null);
}

/** Identifier names used anywhere in `node` (reads and writes alike). */
export function mentions(node: SyntaxNode, name: string): boolean {
  if (node.type === 'identifier') return node.text === name;
  for (const id of node.descendantsOfType('identifier')) if (id?.text === name) return true;
  return false;
}

/** Short, single-line rendering of some source for a message. */
export function snippet(node: SyntaxNode, max = 40): string {
  const t = node.text.replace(/\s+/g, ' ');
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

// ---------------------------------------------------------------------------------------------------
// def / defp heads and recursion over a list

export interface DefHead {
  name: string;
  params: SyntaxNode[];
  /** Names bound to the tail of a cons pattern in the head: `[h | t]` → `t`. */
  tails: string[];
  /** Where the head ends: calls after it are in the body. */
  headEnd: number;
}

const DEF_KEYWORDS = new Set(['def', 'defp']);

export function isDef(call: SyntaxNode): boolean {
  const t = call.childForFieldName('target');
  return t?.type === 'identifier' && DEF_KEYWORDS.has(t.text);
}

export function defHead(def: SyntaxNode): DefHead | undefined {
  const args = argumentsNode(def);
  let head = args?.firstNamedChild ?? null;
  if (head?.type === 'binary_operator' && operatorOf(head) === 'when') head = head.childForFieldName('left');
  if (!head || head.type !== 'call') return undefined;
  const name = localCallName(head);
  if (!name) return undefined;
  const params = effectiveArgs(head);
  const tails: string[] = [];
  for (const p of params) collectTails(p, tails);
  return { name, params, tails, headEnd: head.endIndex };
}

function collectTails(pattern: SyntaxNode, out: string[]): void {
  if (pattern.type === 'binary_operator' && operatorOf(pattern) === '=') {
    for (const side of [pattern.childForFieldName('left'), pattern.childForFieldName('right')]) if (side) collectTails(side, out);
    return;
  }
  if (pattern.type !== 'list') return;
  const last = pattern.lastNamedChild;
  if (last?.type === 'binary_operator' && operatorOf(last) === '|') {
    const tail = last.childForFieldName('right');
    if (tail?.type === 'identifier' && !tail.text.startsWith('_')) out.push(tail.text);
  }
}

/** Calls in the def's body to the def itself that pass on the tail of the list it matched. */
export function tailRecursiveCalls(def: SyntaxNode, head: DefHead): SyntaxNode[] {
  if (head.tails.length === 0) return [];
  const out: SyntaxNode[] = [];
  for (const call of def.descendantsOfType('call')) {
    if (!call || call.startIndex < head.headEnd || localCallName(call) !== head.name) continue;
    if (effectiveArgs(call).some((a) => a.type === 'identifier' && head.tails.includes(a.text))) out.push(call);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// "Runs once per element"

/** How many times a loop body runs, as far as the source tells. */
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

// ---------------------------------------------------------------------------------------------------
// Local functions: where a node is defined, and how a call site names a function

/** The `def`/`defp` call around `node`, if any. */
export function enclosingDef(node: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'call' && isDef(p)) return p;
  return undefined;
}

/** Start offset of the `defmodule` around `node` (-1 at the top level): local calls resolve within it. */
export function enclosingModuleStart(node: SyntaxNode): number {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'call' && localCallName(p) === 'defmodule') return p.startIndex;
  return -1;
}

/** `&load_user/1` → `load_user` (a local function captured by name and arity). */
export function capturedLocalName(node: SyntaxNode): string | undefined {
  if (!isCapture(node)) return undefined;
  const op = node.childForFieldName('operand');
  if (op?.type !== 'binary_operator' || operatorOf(op) !== '/') return undefined;
  const left = op.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

/** Arity a local call site refers to: `load(x)` → 1, `x |> load(y)` → 2, `&load/1` → 1. */
export function siteArity(site: SyntaxNode): number | undefined {
  if (isCapture(site)) {
    const right = site.childForFieldName('operand')?.childForFieldName('right');
    return right?.type === 'integer' ? Number(right.text) : undefined;
  }
  return effectiveArgs(site).length;
}

/** Special forms and macros that look like local calls but never name a function of the module. */
export const NOT_LOCAL_FUNCTIONS = new Set([
  'def', 'defp', 'defmacro', 'defmacrop', 'defmodule', 'defstruct', 'defdelegate', 'defguard', 'defguardp',
  'defimpl', 'defprotocol', 'defexception', 'defoverridable', 'if', 'unless', 'case', 'cond', 'with', 'for',
  'fn', 'try', 'receive', 'quote', 'unquote', 'alias', 'import', 'require', 'use', 'raise', 'reraise', 'throw',
  'send', 'spawn', 'is_nil', 'is_binary', 'is_list', 'is_map', 'is_integer', 'is_atom', 'length', 'map_size',
  'elem', 'put_elem', 'hd', 'tl', 'to_string', 'inspect', 'from', 'assign', 'super', '__MODULE__',
]);
