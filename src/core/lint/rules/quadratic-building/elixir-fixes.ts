// Quick fixes for quadratic-building (Elixir): rewrite an `Enum.reduce` whose callback only appends into the
// mapping function that says so. Offered only for the exact shape where the result is the same:
//   Enum.reduce(xs, "", fn x, acc -> acc <> expr end)    → Enum.map_join(xs, fn x -> expr end)
//   Enum.reduce(xs, [], fn x, acc -> acc ++ [expr] end)  → Enum.map(xs, fn x -> expr end)
// with `&f/1` instead of the fn when expr is exactly `f(x)`. Pipes keep their shape.
import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { Fix, TextEdit } from '../../finding';
import { calleeName, clauseParams, effectiveArgs, mentions, operatorOf, pipedValue } from '../shared/elixir/nodes';

function isEmptyString(node: SyntaxNode): boolean {
  return node.type === 'string' && node.namedChildCount === 0 && node.text === '""';
}

function isEmptyList(node: SyntaxNode): boolean {
  return node.type === 'list' && node.namedChildCount === 0;
}

/** `f(x)` / `Mod.f(x)` with exactly the element variable as its only argument → `&f/1`. */
function captureOf(expr: SyntaxNode, element: SyntaxNode): string | undefined {
  if (expr.type !== 'call' || element.type !== 'identifier' || pipedValue(expr)) return undefined;
  const name = calleeName(expr);
  const target = expr.childForFieldName('target');
  if (!name || !target || (target.type !== 'identifier' && target.type !== 'dot')) return undefined;
  const args = effectiveArgs(expr);
  if (args.length !== 1 || args[0].type !== 'identifier' || args[0].text !== element.text) return undefined;
  if (expr.namedChildren.some((c) => c?.type === 'do_block')) return undefined;
  return `&${name}/1`;
}

export function reduceFix(call: SyntaxNode, fn: SyntaxNode, op: SyntaxNode, operator: '<>' | '++'): Fix | undefined {
  if (calleeName(call) !== 'Enum.reduce') return undefined;
  const args = effectiveArgs(call);
  if (args.length !== 3 || args[2].id !== fn.id) return undefined;
  const init = args[1];
  if (operator === '<>' ? !isEmptyString(init) : !isEmptyList(init)) return undefined;
  // Only one clause, no guard, `fn element, acc ->` with a plain accumulator variable.
  if (fn.namedChildCount !== 1) return undefined;
  const clause = fn.firstNamedChild;
  if (clause?.type !== 'stab_clause') return undefined;
  const left = clause.childForFieldName('left');
  if (left?.type !== 'arguments') return undefined;
  const params = clauseParams(clause);
  if (params.length !== 2 || params[1].type !== 'identifier') return undefined;
  const [element, acc] = params;
  // The body is exactly the append.
  const body = clause.childForFieldName('right');
  if (!body || body.namedChildCount !== 1 || body.firstNamedChild?.id !== op.id) return undefined;
  const opLeft = op.childForFieldName('left');
  const opRight = op.childForFieldName('right');
  if (opLeft?.type !== 'identifier' || opLeft.text !== acc.text || !opRight) return undefined;
  let expr = opRight;
  if (operator === '++') {
    const only = opRight.type === 'list' && opRight.namedChildCount === 1 ? opRight.firstNamedChild : null;
    if (!only || only.type === 'keywords' || (only.type === 'binary_operator' && operatorOf(only) === '|')) return undefined;
    expr = only;
  }
  if (mentions(expr, acc.text) || mentions(element, acc.text)) return undefined;
  // A comment inside the rewritten ranges would be lost: leave such code alone.
  if (call.descendantsOfType('comment').length > 0) return undefined;

  const target = call.childForFieldName('target');
  const fnName = target?.childForFieldName('right');
  if (!fnName) return undefined;
  const newName = operator === '<>' ? 'map_join' : 'map';
  const edits: TextEdit[] = [
    { start: fnName.startIndex, end: fnName.endIndex, newText: newName },
    { start: init.startIndex, end: fn.startIndex, newText: '' },
  ];
  const capture = captureOf(expr, element);
  if (capture) {
    edits.push({ start: fn.startIndex, end: fn.endIndex, newText: capture });
  } else {
    edits.push({ start: element.endIndex, end: acc.endIndex, newText: '' });
    edits.push({ start: op.startIndex, end: expr.startIndex, newText: '' });
    if (expr.endIndex < op.endIndex) edits.push({ start: expr.endIndex, end: op.endIndex, newText: '' });
  }
  const target2 = operator === '<>' ? 'Enum.map_join' : 'Enum.map';
  return { title: `Rewrite as ${target2}${capture ? ` with ${capture}` : ''}`, edits };
}

/**
 *   for x <- xs, reduce: "" do acc -> acc <> expr end    → for x <- xs, into: "" do expr end
 *   for x <- xs, reduce: [] do acc -> acc ++ [expr] end  → for x <- xs do expr end
 * `into: ""` collects binaries exactly as the appends did; a plain `for` collects a list in order.
 */
export function forReduceFix(forCall: SyntaxNode, clause: SyntaxNode, op: SyntaxNode, operator: '<>' | '++'): Fix | undefined {
  const args = forCall.namedChildren.find((c) => c?.type === 'arguments');
  const keywords = args?.lastNamedChild;
  if (!args || keywords?.type !== 'keywords' || keywords.namedChildCount !== 1) return undefined;
  const pair = keywords.firstNamedChild;
  const value = pair?.childForFieldName('value');
  if (!pair || !value || !pair.childForFieldName('key')?.text.startsWith('reduce:')) return undefined;
  if (operator === '<>' ? !isEmptyString(value) : !isEmptyList(value)) return undefined;
  const block = clause.parent;
  if (block?.type !== 'do_block' || block.namedChildCount !== 1) return undefined;
  const params = clauseParams(clause);
  if (params.length !== 1 || params[0].type !== 'identifier' || clause.childForFieldName('left')?.type !== 'arguments') return undefined;
  const acc = params[0];
  const body = clause.childForFieldName('right');
  if (!body || body.namedChildCount !== 1 || body.firstNamedChild?.id !== op.id) return undefined;
  const opLeft = op.childForFieldName('left');
  const opRight = op.childForFieldName('right');
  if (opLeft?.type !== 'identifier' || opLeft.text !== acc.text || !opRight) return undefined;
  let expr = opRight;
  if (operator === '++') {
    const only = opRight.type === 'list' && opRight.namedChildCount === 1 ? opRight.firstNamedChild : null;
    if (!only || only.type === 'keywords' || (only.type === 'binary_operator' && operatorOf(only) === '|')) return undefined;
    expr = only;
  }
  if (mentions(expr, acc.text) || forCall.descendantsOfType('comment').length > 0) return undefined;
  const edits: TextEdit[] = [];
  if (operator === '<>') {
    edits.push({ start: pair.startIndex, end: pair.endIndex, newText: 'into: ""' });
  } else {
    // Drop `, reduce: []` together with the comma after the last generator or filter.
    const before = args.namedChildren.filter((c): c is SyntaxNode => c !== null && c.id !== keywords.id).pop();
    if (!before) return undefined;
    edits.push({ start: before.endIndex, end: keywords.endIndex, newText: '' });
  }
  edits.push({ start: clause.startIndex, end: expr.startIndex, newText: '' });
  if (expr.endIndex < op.endIndex) edits.push({ start: expr.endIndex, end: op.endIndex, newText: '' });
  return { title: operator === '<>' ? 'Rewrite as for … into: ""' : 'Rewrite as a plain for (it collects a list)', edits };
}
