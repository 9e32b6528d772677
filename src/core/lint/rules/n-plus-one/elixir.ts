import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { ElixirContext, ElixirVisitor } from '../../rule';
import {
  capturedLocalName, defHead, enclosingDef, enclosingModuleStart, NOT_LOCAL_FUNCTIONS, siteArity,
} from '../shared/elixir/local-functions';
import { type Loop, LoopFinder } from '../shared/elixir/loops';
import {
  compilePatterns, dataAccessOf, isAccessFunctionName, repoAliasDeclared, type DataAccess,
} from './elixir-data-access';

/** Message templates for the elixir side of `n-plus-one`, keyed by messageId. */
export const messages: Record<string, string> = {
  exPerElement: '`{call}` runs once per element in {loop}: one round-trip per element (N+1). Instead, {advice}.',
  exPerElementVia:
    '`{fn}` runs once per element in {loop}, and it calls `{call}` (line {line}): one round-trip per element (N+1). ' +
    'Instead, {advice}.',
};

/** A function of this file that makes a round-trip outside any loop of its own. */
interface AccessingFunction {
  def: SyntaxNode;
  access: DataAccess;
  line: number;
}

function perElementLoop(loops: Loop[]): Loop | undefined {
  // Per element: any enclosing loop over data, or over the elements of one chunk (still one query each).
  return loops.find((l) => l.bound === 'data' || l.bound === 'chunk');
}

export function createElixir(ctx: ElixirContext): ElixirVisitor {
  const extra = compilePatterns(ctx.config.extraDataAccess);
  const repoAliases = new Set<string>();
  const loops = new LoopFinder();
  // One level of helpers: `Enum.map(ids, &load_user/1)` with `defp load_user(id), do: Repo.get(User, id)`.
  // The walk is single and in document order, so a call site may come before or after the helper's
  // definition: sites wait in `pendingSites` until the helper is known, and later sites resolve at once.
  const accessing = new Map<string, AccessingFunction>();
  const accessingNames = new Set<string>();
  const pendingSites = new Map<string, SyntaxNode[]>();

  const lineOf = (offset: number): number => {
    let line = 1;
    for (let i = ctx.text.indexOf('\n'); i !== -1 && i < offset; i = ctx.text.indexOf('\n', i + 1)) line++;
    return line;
  };

  const resolveSite = (site: SyntaxNode, name: string): void => {
    const arity = siteArity(site);
    if (arity === undefined) return;
    const fn = accessing.get(`${enclosingModuleStart(site)}:${name}/${arity}`);
    if (!fn) return;
    // The helper's own head, or a recursive call inside it: not a use from a loop.
    if (site.startIndex >= fn.def.startIndex && site.endIndex <= fn.def.endIndex) return;
    const loop = perElementLoop(loops.loopsAround(site));
    if (!loop) return;
    ctx.report({
      start: site.startIndex,
      end: site.endIndex,
      messageId: 'exPerElementVia',
      data: { fn: `${name}/${arity}`, call: fn.access.call, line: fn.line, loop: loop.label, advice: fn.access.advice },
    });
  };

  const registerAccessingFunction = (call: SyntaxNode, access: DataAccess): void => {
    const def = enclosingDef(call);
    const head = def && defHead(def);
    if (!def || !head) return;
    const key = `${enclosingModuleStart(def)}:${head.name}/${head.params.length}`;
    if (accessing.has(key)) return;
    accessing.set(key, { def, access, line: lineOf(call.startIndex) });
    accessingNames.add(head.name);
    const waiting = pendingSites.get(head.name);
    if (waiting) for (const site of waiting) resolveSite(site, head.name);
  };

  const noteSite = (site: SyntaxNode, name: string): void => {
    if (accessingNames.has(name)) return resolveSite(site, name);
    const list = pendingSites.get(name);
    if (list) list.push(site);
    else pendingSites.set(name, [site]);
  };

  return (node) => {
    if (node.type === 'unary_operator') {
      // `&load_user/1`: a local function passed by name.
      const name = capturedLocalName(node);
      if (name) noteSite(node, name);
      return;
    }
    if (node.type !== 'call') return;
    const target = node.childForFieldName('target');
    if (!target) return;
    if (target.type === 'identifier') {
      const name = target.text;
      if (name === 'alias') {
        const declared = repoAliasDeclared(node);
        if (declared) repoAliases.add(declared);
        return;
      }
      if (!NOT_LOCAL_FUNCTIONS.has(name)) noteSite(node, name);
      // A local call can only be data access itself through the user's own patterns.
      if (extra.length === 0) return;
    } else if (target.type !== 'dot') {
      return;
    } else if (extra.length === 0 && !isAccessFunctionName(target.childForFieldName('right')?.text ?? '')) {
      return; // cheap filter on the function's own name before building the dotted callee
    }
    const access = dataAccessOf(node, repoAliases, extra);
    if (!access) return;
    const loop = perElementLoop(loops.loopsAround(node));
    if (!loop) {
      registerAccessingFunction(node, access);
      return;
    }
    ctx.report({
      start: node.startIndex,
      end: node.endIndex,
      messageId: 'exPerElement',
      data: { call: access.call, loop: loop.label, advice: access.advice },
    });
  };
}
