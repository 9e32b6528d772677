import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { Fix } from '../../finding';
import type { ElixirContext, ElixirVisitor } from '../../rule';
import { defHead, isDef, tailRecursiveCalls } from '../shared/elixir/local-functions';
import { classifyCollection } from '../shared/elixir/loops';
import {
  argumentsNode, boundNames, calleeName, clauseParams, effectiveArgs, localCallName, operatorOf,
} from '../shared/elixir/nodes';
import { forReduceFix, reduceFix } from './elixir-fixes';

/** Message templates for the elixir side of `quadratic-building`, keyed by messageId. */
export const messages: Record<string, string> = {
  exListAppend:
    '`{acc} ++ …` in {loop} copies the whole accumulator list on every step: `++` copies its left operand, ' +
    'so each append is O(n) and the loop O(n²). Prepend with `[x | {acc}]` and call `Enum.reverse/1` once at the end, ' +
    'or build the list with `Enum.map/2` / `Enum.flat_map/2`.',
  exBinaryAppend:
    '`{acc} <> …` in {loop} builds a binary piece by piece. The BEAM often appends in place (a binary only the loop ' +
    'references gets spare capacity), but once the accumulator is matched against a bitstring pattern, or appended ' +
    'to twice, the next append copies the whole binary (O(n²) if it happens every step). Prefer `Enum.map_join/2,3`, an iolist with `IO.iodata_to_binary/1`, or `for … into: ""`.',
  exBinaryAppendCopied:
    '`{acc} <> …` in {loop} copies the whole binary on every step: the loop also {use} (line {line}), and a ' +
    'binary that has been matched is no longer appended in place, so each append is O(n) and the loop ' +
    'O(n²). Build the result as an iolist (or with `Enum.map_join/2,3`) and keep what you inspect in a separate ' +
    'variable (the last piece, a counter, a MapSet).',
  exBinaryPrepend:
    '`… <> {acc}` in {loop} prepends to the accumulator: the in-place append optimization never applies to ' +
    'prepending, so every step copies the whole binary (O(n²)). Collect the pieces as `[piece | {acc}]` (already ' +
    'in the same order) and call `IO.iodata_to_binary/1` once.',
};

/** Reducers whose callback is `fn element, acc -> … end`: the accumulator is the second parameter. */
const REDUCERS = new Set([
  'Enum.reduce', 'Enum.reduce_while', 'Enum.map_reduce', 'Enum.flat_map_reduce', 'Enum.scan',
  'Stream.transform', 'Stream.scan', 'List.foldl', 'List.foldr', ':lists.foldl', ':lists.foldr',
]);

interface AccContext {
  names: Set<string>;
  loop: string;
  /** The `Enum.reduce` call and its callback clause, when the loop is one (for the quick fix). */
  reduce?: { call: SyntaxNode; fn: SyntaxNode };
  /** The `for … reduce:` call and its clause (for the quick fix). */
  forReduce?: { call: SyntaxNode; clause: SyntaxNode };
  /** What runs once per step: the callback or comprehension clause, or the recursive function. */
  step: SyntaxNode;
}

/** The `name` (or `name.field`) an operand stands for, when it is a variable. */
function variableOf(node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  // `acc.lines`: a field of a map/struct accumulator.
  if (node.type === 'call' && !argumentsNode(node)) {
    const target = node.childForFieldName('target');
    const left = target?.type === 'dot' ? target.childForFieldName('left') : null;
    if (left?.type === 'identifier') return left.text;
  }
  return undefined;
}

function isForReduce(call: SyntaxNode): boolean {
  if (localCallName(call) !== 'for') return false;
  const args = argumentsNode(call);
  const kw = args?.lastNamedChild;
  if (kw?.type !== 'keywords') return false;
  return kw.namedChildren.some((p) => p?.childForFieldName('key')?.text.startsWith('reduce:'));
}

function forIsConstant(call: SyntaxNode): boolean {
  const args = argumentsNode(call);
  const none = new Set<string>();
  let any = false;
  for (const a of args?.namedChildren ?? []) {
    if (a?.type !== 'binary_operator' || operatorOf(a) !== '<-') continue;
    any = true;
    if (classifyCollection(a.childForFieldName('right') ?? undefined, none) !== 'constant') return false;
  }
  return any;
}

/**
 * A use of the binary `acc` in `step` that makes the runtime copy it on the next append: matching it
 * against a bitstring pattern (`<<c, _::binary>> = acc`, `case acc do <<…>> -> …`). Erlang's efficiency
 * guide: a matched binary is shrunk, so the next append copies it. (Sending it is not one: measured
 * linear, examples/elixir-shop/bench/binary_append.exs.)
 */
function copyForcingUse(step: SyntaxNode, acc: string): { use: string; node: SyntaxNode } | undefined {
  const isAcc = (n: SyntaxNode | null | undefined) => n?.type === 'identifier' && n.text === acc;
  const hasBitstring = (n: SyntaxNode | null | undefined) => !!n && (n.type === 'bitstring' || n.descendantsOfType('bitstring').length > 0);
  for (const n of step.descendantsOfType(['binary_operator', 'call'])) {
    if (!n) continue;
    if (n.type === 'binary_operator') {
      if (operatorOf(n) === '=' && isAcc(n.childForFieldName('right')) && hasBitstring(n.childForFieldName('left'))) {
        return { use: `matches \`${acc}\` against a bitstring pattern`, node: n };
      }
      continue;
    }
    const name = localCallName(n) ?? calleeName(n);
    const args = effectiveArgs(n);
    if (name === 'case' && isAcc(args[0])) {
      const clauses = n.namedChildren.find((c) => c?.type === 'do_block')?.namedChildren ?? [];
      if (clauses.some((c) => c?.type === 'stab_clause' && hasBitstring(c.childForFieldName('left')))) {
        return { use: `matches \`${acc}\` against a bitstring pattern in a \`case\``, node: n };
      }
    }
  }
  return undefined;
}

/** The accumulation the operator sits in, walking up to the first function boundary. */
function accumulationAround(op: SyntaxNode): AccContext | undefined {
  let child: SyntaxNode = op;
  let parent = op.parent;
  while (parent) {
    if (parent.type === 'stab_clause') {
      const left = parent.childForFieldName('left');
      if (left && left.id === child.id) return undefined; // in a pattern, not in a body
      const owner = parent.parent;
      if (owner?.type === 'anonymous_function') {
        const call = owner.parent?.type === 'arguments' ? owner.parent.parent : null;
        const name = call?.type === 'call' ? calleeName(call) : undefined;
        if (!call || !name || !REDUCERS.has(name)) return undefined;
        const acc = clauseParams(parent)[1];
        if (!acc) return undefined;
        if (classifyCollection(effectiveArgs(call)[0], new Set()) === 'constant') return undefined;
        return { names: new Set(boundNames(acc)), loop: `the \`${name}\` callback`, reduce: { call, fn: owner }, step: parent };
      }
      if (owner?.type === 'do_block' && owner.parent?.type === 'call' && isForReduce(owner.parent)) {
        if (forIsConstant(owner.parent)) return undefined;
        const names = new Set<string>();
        for (const p of clauseParams(parent)) for (const n of boundNames(p)) names.add(n);
        return { names, loop: 'the `for … reduce:` comprehension', forReduce: { call: owner.parent, clause: parent }, step: parent };
      }
      // case / cond / with / receive clauses: keep climbing.
    } else if (parent.type === 'call' && isDef(parent)) {
      return recursionAround(op, parent);
    }
    child = parent;
    parent = parent.parent;
  }
  return undefined;
}

/**
 * `defp join([h | t], acc), do: join(t, acc <> h)`: the operator's result goes into the recursive call that
 * walks the tail, directly or through a variable (`acc = acc <> h; join(t, acc)`).
 */
function recursionAround(op: SyntaxNode, def: SyntaxNode): AccContext | undefined {
  const head = defHead(def);
  if (!head || op.startIndex < head.headEnd) return undefined;
  const calls = tailRecursiveCalls(def, head);
  if (calls.length === 0) return undefined;
  const names = new Set<string>();
  for (const p of head.params) if (p.type === 'identifier') names.add(p.text);
  const flowsIntoRecursion =
    calls.some((c) => effectiveArgs(c).some((a) => a.startIndex <= op.startIndex && op.endIndex <= a.endIndex)) ||
    (() => {
      const assign = op.parent;
      if (assign?.type !== 'binary_operator' || operatorOf(assign) !== '=') return false;
      const v = assign.childForFieldName('left');
      return v?.type === 'identifier' && calls.some((c) => effectiveArgs(c).some((a) => a.type === 'identifier' && a.text === v.text));
    })();
  if (!flowsIntoRecursion) return undefined;
  return { names, loop: `the recursion of \`${head.name}/${head.params.length}\` over a list`, step: def };
}

export function createElixir(ctx: ElixirContext): ElixirVisitor {
  return (node) => {
    if (node.type !== 'binary_operator') return;
    const op = operatorOf(node);
    if (op !== '<>' && op !== '++') return;
    const leftVar = variableOf(node.childForFieldName('left'));
    const right = node.childForFieldName('right');
    // `x <> acc` copies `acc`; `[x] ++ acc` copies only `[x]`, which is the cheap prepend.
    const rightVar = op === '<>' && right?.type === 'identifier' ? right.text : undefined;
    if (!leftVar && !rightVar) return;
    const context = accumulationAround(node);
    if (!context) return;
    if (leftVar && context.names.has(leftVar)) {
      const fix: Fix | undefined = context.reduce
        ? reduceFix(context.reduce.call, context.reduce.fn, node, op)
        : context.forReduce
          ? forReduceFix(context.forReduce.call, context.forReduce.clause, node, op)
          : undefined;
      const copied = op === '<>' ? copyForcingUse(context.step, leftVar) : undefined;
      ctx.report({
        start: node.startIndex,
        end: node.endIndex,
        messageId: op === '++' ? 'exListAppend' : copied ? 'exBinaryAppendCopied' : 'exBinaryAppend',
        // A plain `<>` append is usually done in place by the runtime (see the message): a hint, not a
        // warning, unless the loop also matches or sends the binary, which forces a copy per step.
        severity: op === '<>' && !copied ? 'information' : undefined,
        data: copied
          ? { acc: leftVar, loop: context.loop, use: copied.use, line: copied.node.startPosition.row + 1 }
          : { acc: leftVar, loop: context.loop },
        fixes: fix ? [fix] : [],
      });
    } else if (rightVar && context.names.has(rightVar)) {
      // `a <> "\n" <> acc` parses as `a <> ("\n" <> acc)`: report the whole prepend from its start.
      let whole = node;
      for (let p = node.parent; p?.type === 'binary_operator' && operatorOf(p) === '<>' && p.childForFieldName('right')?.id === whole.id; p = p.parent) whole = p;
      ctx.report({
        start: whole.startIndex,
        end: whole.endIndex,
        messageId: 'exBinaryPrepend',
        data: { acc: rightVar, loop: context.loop },
      });
    }
  };
}
