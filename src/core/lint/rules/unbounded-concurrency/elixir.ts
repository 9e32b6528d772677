import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { Fix } from '../../finding';
import type { ElixirContext, ElixirVisitor } from '../../rule';
import { type Loop, LoopFinder } from '../shared/elixir/loops';
import { argumentsNode, calleeName, effectiveArgs } from '../shared/elixir/nodes';

/** Message templates for the elixir side of `unbounded-concurrency`, keyed by messageId. */
export const messages: Record<string, string> = {
  exTaskPerElement:
    '`{call}` in {loop} starts one process per element, all at once: concurrency grows with the input. ' +
    'Bound it with `Task.async_stream(xs, fun, max_concurrency: n, timeout: ms)` (or process the list in chunks with `Enum.chunk_every/2`).',
  exSpawnPerElement:
    '`{call}` in {loop} starts one fire-and-forget process per element with no upper bound. ' +
    'Bound it with `Task.Supervisor.async_stream_nolink(sup, xs, fun, max_concurrency: n, timeout: ms) |> Stream.run()`, chunks, or a job queue.',
  exAsyncStreamDefaults:
    '`{call}` relies on the default {missing}; make the bound explicit (the defaults are ' +
    '`max_concurrency: System.schedulers_online()`, `timeout: 5000`) and set what the downstream resource accepts.',
};

/** Start a process and hand back a task to await: results are collected, so the map is the fan-out. */
const ASYNC = new Set(['Task.async', 'Task.Supervisor.async', 'Task.Supervisor.async_nolink']);
/** Start a process and forget it. */
const SPAWN = new Set([
  'spawn', 'spawn_link', 'spawn_monitor', 'Kernel.spawn', 'Kernel.spawn_link', 'Process.spawn',
  'Task.start', 'Task.start_link', 'Task.Supervisor.start_child',
]);
/** Waiting inside the same iteration makes the loop sequential: at most a fixed number in flight. */
const AWAITS = new Set(['Task.await', 'Task.await_many', 'Task.yield', 'Task.yield_many', 'Task.shutdown']);

/** async_stream variants; value: number of effective arguments when the options are present. */
const ASYNC_STREAMS: Record<string, number[]> = {
  'Task.async_stream': [3, 5],
  'Task.Supervisor.async_stream': [4, 6],
  'Task.Supervisor.async_stream_nolink': [4, 6],
};

/** Last segments of every callee above. */
const INTERESTING_NAMES = new Set(
  [...ASYNC, ...SPAWN, ...Object.keys(ASYNC_STREAMS)].map((n) => n.slice(n.lastIndexOf('.') + 1)),
);

export const DEFAULT_OPTIONS: Record<'max_concurrency' | 'timeout', string> = {
  max_concurrency: 'System.schedulers_online()',
  timeout: '5000',
};

function awaitsInside(body: SyntaxNode): boolean {
  for (const call of body.descendantsOfType('call')) {
    const name = call && calleeName(call);
    if (name && AWAITS.has(name)) return true;
  }
  return false;
}

/**
 * The innermost loop that multiplies the number of processes alive at once. Loops multiply from the inside
 * out until one awaits inside its own iteration (then its iterations run one after another). A loop over
 * the elements of one chunk is bounded by the chunk size; a loop over the chunks themselves is not.
 */
function unboundedLoop(chain: Loop[]): Loop | undefined {
  for (const l of chain) {
    if (awaitsInside(l.body)) return undefined;
    if (l.bound === 'data' || l.bound === 'chunks') return l;
  }
  return undefined;
}

export function createElixir(ctx: ElixirContext): ElixirVisitor {
  const loops = new LoopFinder();
  return (node) => {
    if (node.type !== 'call') return;
    const target = node.childForFieldName('target');
    if (!target) return;
    // Cheap filter on the function's own name before building the dotted callee.
    const fn = target.type === 'dot' ? target.childForFieldName('right') : target.type === 'identifier' ? target : null;
    if (!fn || !INTERESTING_NAMES.has(fn.text)) return;
    const name = calleeName(node);
    if (!name) return;
    if (name in ASYNC_STREAMS) {
      checkAsyncStream(ctx, node, name);
      return;
    }
    const isAsync = ASYNC.has(name);
    if (!isAsync && !SPAWN.has(name)) return;
    const loop = unboundedLoop(loops.loopsAround(node));
    if (!loop) return;
    ctx.report({
      start: node.startIndex,
      end: node.endIndex,
      messageId: isAsync ? 'exTaskPerElement' : 'exSpawnPerElement',
      data: { call: name, loop: loop.label },
    });
  };
}

function keywordKeys(keywords: SyntaxNode): string[] {
  const keys: string[] = [];
  for (const pair of keywords.namedChildren) {
    const key = pair?.childForFieldName('key')?.text;
    if (key) keys.push(key.replace(/:\s*$/, ''));
  }
  return keys;
}

/**
 * `Task.async_stream` without an explicit `:max_concurrency` or `:timeout`: an Information hint with a fix
 * that writes the defaults out, so behaviour is unchanged and the bound becomes visible.
 */
function checkAsyncStream(ctx: ElixirContext, call: SyntaxNode, name: string): void {
  const args = effectiveArgs(call);
  const withOptions = ASYNC_STREAMS[name];
  const last = args[args.length - 1];
  let keywords: SyntaxNode | undefined;
  let emptyList: SyntaxNode | undefined;
  if (last?.type === 'keywords') keywords = last;
  else if (last?.type === 'list' && withOptions.includes(args.length)) {
    const inner = last.firstNamedChild;
    if (!inner) emptyList = last;
    else if (inner.type === 'keywords' && last.namedChildCount === 1) keywords = inner;
    else return; // a list that is not options: leave it
  } else if (withOptions.includes(args.length)) {
    return; // options in a variable or built at runtime: cannot tell
  }
  const present = keywords ? keywordKeys(keywords) : [];
  const missing = (['max_concurrency', 'timeout'] as const).filter((k) => !present.includes(k));
  if (missing.length === 0) return;
  const fix = optionsFix(ctx.text, call, missing, keywords, emptyList);
  ctx.report({
    start: call.startIndex,
    end: call.endIndex,
    messageId: 'exAsyncStreamDefaults',
    severity: 'information',
    data: { call: name, missing: missing.map((k) => `\`:${k}\``).join(' and ') },
    fixes: fix ? [fix] : [],
  });
}

function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = start;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return text.slice(start, end);
}

function optionsFix(
  text: string,
  call: SyntaxNode,
  missing: readonly ('max_concurrency' | 'timeout')[],
  keywords: SyntaxNode | undefined,
  emptyList: SyntaxNode | undefined,
): Fix | undefined {
  const added = missing.map((k) => `${k}: ${DEFAULT_OPTIONS[k]}`);
  const title = `Add ${missing.join(' and ')} (the current defaults, made explicit)`;
  if (emptyList) {
    return { title, edits: [{ start: emptyList.startIndex + 1, end: emptyList.endIndex - 1, newText: added.join(', ') }] };
  }
  if (keywords) {
    const pairs = keywords.namedChildren.filter((p): p is SyntaxNode => p !== null);
    const lastPair = pairs[pairs.length - 1];
    if (!lastPair) return undefined;
    // Options written one per line stay one per line.
    const multiLine = pairs.length > 1 && pairs[0].startPosition.row !== lastPair.startPosition.row;
    const sep = multiLine ? `,\n${lineIndent(text, lastPair.startIndex)}` : ', ';
    return { title, edits: [{ start: lastPair.endIndex, end: lastPair.endIndex, newText: sep + added.join(sep) }] };
  }
  const args = argumentsNode(call);
  const lastArg = args?.lastNamedChild;
  if (!lastArg) return undefined;
  return { title, edits: [{ start: lastArg.endIndex, end: lastArg.endIndex, newText: `, ${added.join(', ')}` }] };
}
