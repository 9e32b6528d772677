// Local functions: `def`/`defp` heads, recursion over a list, the def or module around a node, and how a call
// site names a local function (name and arity).
import type { Node as SyntaxNode } from 'web-tree-sitter';
import { argumentsNode, effectiveArgs, isCapture, localCallName, operatorOf } from './nodes';

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
