/**
 * The text edit behind "Disable <rule-id> for this line": a `perf-lens-disable-next-line` comment above
 * the line, indented like it. When the line above already is such a comment, the id is added to it instead:
 * a new comment in between would detach the existing one from its line. Pure: positions are 0-based.
 */
import type { LanguageId } from '../../core/lint/rule';
import type { RuleId } from '../../core/lint/finding';

const DIRECTIVE = 'perf-lens-disable-next-line';

export interface InsertEdit {
  line: number;
  character: number;
  text: string;
}

function commentToken(language: LanguageId): string {
  return language === 'elixir' ? '#' : '//';
}

/**
 * @param line 0-based line of the finding's start
 * @param lineText that line's text
 * @param previousLineText the text of the line above, if any
 * @param eol the document's end of line ("\n" or "\r\n")
 */
export function suppressionEdit(
  language: LanguageId,
  ruleId: RuleId,
  line: number,
  lineText: string,
  previousLineText: string | undefined,
  eol: string,
): InsertEdit {
  const token = commentToken(language);
  if (previousLineText !== undefined) {
    const extended = extendDirective(previousLineText, token, ruleId);
    if (extended) return { line: line - 1, ...extended };
  }
  const indent = lineText.slice(0, lineText.length - lineText.trimStart().length);
  return { line, character: 0, text: `${indent}${token} ${DIRECTIVE} ${ruleId}${eol}` };
}

/** Where to add `, <id>` to an existing line comment directive (before a `-- reason`), if it is one. */
function extendDirective(text: string, token: string, ruleId: RuleId): { character: number; text: string } | undefined {
  const start = text.length - text.trimStart().length;
  if (!text.startsWith(token, start)) return undefined;
  let i = start + token.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (!text.startsWith(DIRECTIVE, i)) return undefined;
  const idsStart = i + DIRECTIVE.length;
  const reason = text.indexOf('--', idsStart);
  const idsEnd = reason === -1 ? text.trimEnd().length : reason;
  const ids = text.slice(idsStart, idsEnd);
  // Not the directive (e.g. `perf-lens-disable-next-lines`), or one without ids that already covers every rule.
  if (ids.length > 0 && !/^\s/.test(ids)) return undefined;
  const list = ids.split(/[\s,]+/).filter(Boolean);
  if (list.length === 0 || list.includes(ruleId)) return undefined;
  const trimmedEnd = idsStart + ids.trimEnd().length;
  return { character: trimmedEnd, text: `, ${ruleId}` };
}
