/**
 * Where the runtime confirmation of a text's `n-plus-one` findings reads its counts
 * (runtime-confirmation.ts): the call, the body of its innermost loop or per-element callback, and the
 * loop statement or iterating call, as offsets into the text V8 ran. Parses with the lint engine's parser.
 */
import type { Finding } from '../lint/finding';
import { linkJs, parseJs, typescript } from '../lint/languages/js';
import { loopBody } from '../lint/rules/shared/js/loops';
import { enclosingContexts } from '../lint/rules/shared/js/per-element';
import type { ConfirmationProbe } from './runtime-confirmation';

/**
 * The probes of a text's `n-plus-one` findings (those of other rules are ignored). A finding without a
 * loop or per-element callback around it (the recursion shape) has none: coverage cannot tell elements there.
 */
export function planProbes(text: string, fileName: string, findings: readonly Finding[]): ConfirmationProbe[] {
  const wanted = findings.filter((f) => f.ruleId === 'n-plus-one');
  if (wanted.length === 0) return [];
  const t = typescript();
  const { sourceFile } = parseJs(text, fileName);
  const calls = linkJs(t, sourceFile, [t.SyntaxKind.CallExpression, t.SyntaxKind.TaggedTemplateExpression]);
  const probes: ConfirmationProbe[] = [];
  for (const finding of wanted) {
    const call = calls.find((c) => c.getStart(sourceFile) === finding.start);
    if (!call) continue;
    const context = enclosingContexts(t, call).contexts[0];
    if (!context) continue;
    let body: number;
    let entry: number;
    if (context.kind === 'callback') {
      body = context.node.getStart(sourceFile);
      entry = context.iteration!.call.getStart(sourceFile);
    } else {
      const b = loopBody(t, context.node);
      if (!b) continue;
      body = b.getStart(sourceFile);
      entry = context.node.getStart(sourceFile);
    }
    const anchor = context.kind === 'callback' ? context.iteration!.call : context.node;
    probes.push({
      finding,
      kind: context.kind,
      loopLine: sourceFile.getLineAndCharacterOfPosition(anchor.getStart(sourceFile)).line + 1,
      call: call.getStart(sourceFile),
      body,
      entry,
    });
  }
  return probes;
}

