// n-plus-one (JS/TS): a data-access call that runs once per element of a collection.
import type * as ts from 'typescript';
import type { JsContext, JsVisitor } from '../../rule';
import type { JsMemo } from '../shared/js/memo';
import { hasSmallConstantBound, isChunkList, isChunkStepLoop, isSmallLiteralCollection } from '../shared/js/bounds';
import { listRecursion } from '../shared/js/list-recursion';
import { exitsLoopAfter, isDrivenByAwaitedResult } from '../shared/js/loops';
import { constInitializer, namesBoundIn } from '../shared/js/name-resolution';
import { isWithin, lineOf, referencesAny, shortText, unwrap } from '../shared/js/nodes';
import { describeContext, enclosingContexts, type PerElementContext } from '../shared/js/per-element';
import {
  batchedAdvice, classifyCall, classifyTaggedTemplate, fileFacts, parseExtraPatterns,
  type ClassifyOptions, type DataAccess, type FileFacts,
} from './js-data-access';

type T = typeof ts;

/** Message templates for the js side of `n-plus-one`, keyed by messageId. */
export const messages: Record<string, string> = {
  perElement: '`{call}` runs {where}: one {unit} per element (N+1). {advice}',
  loopInvariant: '`{call}` runs {where}, but does not depend on the element: run it once before the loop and reuse the result.',
};

export function createJs(ctx: JsContext): JsVisitor {
  const t = ctx.ts;
  const sf = ctx.sourceFile;
  const memo = ctx.memo;
  const S = t.SyntaxKind;
  let facts: FileFacts | undefined;
  const opts: ClassifyOptions = {
    facts: () => (facts ??= fileFacts(t, sf)),
    extra: parseExtraPatterns(ctx.config.extraDataAccess),
  };

  const check = (da: DataAccess): void => {
    if (da.batched) return;
    const { contexts, boundary } = enclosingContexts(t, da.call);
    for (const c of contexts) {
      if (isExempt(t, memo, c, da)) continue;
      const bound = namesBoundIn(t, memo, c.node);
      if (da.library === 'http' && da.url && isFanOut(t, memo, da.url, bound)) return;
      const where = c.collection
        ? `once per element of \`${shortText(sf, c.collection)}\` (${describeContext(t, sf, c)})`
        : `on every iteration of the \`${c.kind}\` loop at line ${lineOf(sf, c.node)}`;
      const invariant = !da.write && !referencesAny(t, da.whole, bound);
      report(da, invariant ? 'loopInvariant' : 'perElement', where);
      return;
    }
    if (boundary) {
      const rec = listRecursion(t, memo, sf, boundary);
      if (rec && !isWithin(da.call, rec.call)) {
        report(da, 'perElement', `once per element: \`${rec.name}\` calls itself over \`${rec.over}\` (line ${lineOf(sf, rec.call)})`);
      }
    }
  };

  const report = (da: DataAccess, messageId: string, where: string): void => {
    const unit = da.library === 'http' || da.library === 'graphql' ? 'request' : da.write ? 'write' : 'query';
    ctx.report({
      start: da.call.getStart(sf),
      end: da.reportEnd,
      messageId,
      data: { call: da.display, where, unit, advice: batchedAdvice(da.library, da.write, methodName(t, da.call)) },
    });
  };

  return {
    kinds: [S.CallExpression, S.TaggedTemplateExpression],
    visit(node) {
    if (node.kind === S.CallExpression) {
      const da = classifyCall(t, sf, node as ts.CallExpression, opts);
      if (da) check(da);
    } else if (node.kind === S.TaggedTemplateExpression) {
      const da = classifyTaggedTemplate(t, sf, node as ts.TaggedTemplateExpression);
      if (da) check(da);
    }
    },
  };
}

/** `count` in `prisma.post.count(...)`; undefined for a plain function call. */
function methodName(t: T, call: ts.CallExpression | ts.TaggedTemplateExpression): string | undefined {
  const callee = unwrap(t, t.isCallExpression(call) ? call.expression : call.tag);
  return t.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** Contexts that repeat the call without it being "once per element of a collection". */
function isExempt(t: T, memo: JsMemo, c: PerElementContext, da: DataAccess): boolean {
  // Iterating a handful of literal values, or a list of chunks (each iteration is one batch).
  if (c.kind !== 'for' && c.kind !== 'while' && c.kind !== 'do…while') {
    if (isSmallLiteralCollection(t, memo, c.collection)) return true;
    if (c.collection && isChunkList(t, memo, c.collection)) return true;
  } else {
    if (hasSmallConstantBound(t, memo, c.node)) return true; // retry loops: attempt < 3
    if (isChunkStepLoop(t, c.node)) return true; // for (i = 0; i < n; i += BATCH): one call per chunk
    if (isDrivenByAwaitedResult(t, memo, c.node)) return true; // pagination, polling, retry-until-ok
  }
  // First-success loops: the loop is left right after the call.
  if (c.kind !== 'callback' && exitsLoopAfter(t, da.call, c.node)) return true;
  return false;
}

/**
 * A request to a URL that comes from the element itself (`fetch(hook.url)`, `` `${sub.host}/events` ``):
 * a fan-out to many endpoints, not N calls to one.
 */
function isFanOut(t: T, memo: JsMemo, url: ts.Expression, bound: ReadonlySet<string>, depth = 0): boolean {
  const u = unwrap(t, url);
  if (t.isIdentifier(u) && depth < 3) {
    const init = constInitializer(t, memo, u);
    if (init) return isFanOut(t, memo, init, bound, depth + 1);
  }
  // Walk the URL's parts left to right: once fixed text names a path, the endpoint is fixed
  // (`/api/items/${id}`, `${BASE}/orders/${o.id}`); an element-derived part before that picks the host.
  const parts: (string | ts.Expression)[] = [];
  const flatten = (e: ts.Expression): void => {
    const x = unwrap(t, e);
    if (t.isStringLiteralLike(x)) parts.push(x.text);
    else if (t.isTemplateExpression(x)) {
      parts.push(x.head.text);
      for (const span of x.templateSpans) parts.push(span.expression, span.literal.text);
    } else if (t.isBinaryExpression(x) && x.operatorToken.kind === t.SyntaxKind.PlusToken) {
      flatten(x.left);
      flatten(x.right);
    } else parts.push(x);
  };
  flatten(u);
  let text = '';
  let sawBase = false;
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      if (hasPath(text) || (sawBase && part.includes('/'))) return false;
    } else {
      if (referencesAny(t, part, bound)) return true;
      const init = t.isIdentifier(part) && depth < 3 ? constInitializer(t, memo, part) : undefined;
      if (init && isFanOut(t, memo, init, bound, depth + 1)) return true;
      sawBase = true; // a fixed base such as BASE_URL: the path that follows decides
    }
  }
  return false;
}

/** `/items/`, `https://api.example.com/` — text that already names a path on a fixed host. */
function hasPath(s: string): boolean {
  if (s.startsWith('/')) return true;
  const scheme = s.indexOf('://');
  return scheme >= 0 && s.indexOf('/', scheme + 3) >= 0;
}
