// Node-level helpers for the Elixir rules (tree-sitter-elixir): "what does this call call?", "which value is
// piped into it?", its effective arguments, names a pattern binds, short text for messages.
import type { Node as SyntaxNode } from 'web-tree-sitter';

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
