import type { Finding, LintResult, RuleId, Severity } from './finding';
import type { LintConfig } from './config';
import type { ElixirVisitor, JsVisitor, LanguageId, Report, Rule } from './rule';
import { LineIndex } from './position';
import { isTestFile, languageOf } from './languages';
import { type TreeReuse, jsCommentAtLineStart, linkJs, parseJs, typescript, walkJs } from './languages/js';
import { type ElixirParser, elixirCommentAtLineStart, parseElixir, walkElixir } from './languages/elixir';
import { commentSuppresses } from './suppressions';
import { RULES } from './rules';
import { JsMemo } from './rules/shared/js/memo';

/** Parsers that need I/O to load; the runner provides them (src/runner/lint/parsers.ts). */
export interface Parsers {
  elixir?: ElixirParser;
}

/** Average line length above which a file is taken for minified or generated code. */
const MINIFIED_AVERAGE_LINE = 300;

export function activeRules(config: LintConfig, language: LanguageId): Rule[] {
  return RULES.filter(
    (r) =>
      r.languages.includes(language) &&
      config.rules[r.id]?.enabled !== false &&
      (!config.only || config.only.includes(r.id)),
  );
}

function skipReason(text: string, config: LintConfig): string | undefined {
  if (text.length > config.maxFileBytes) {
    return `skipped: ${(text.length / 1e6).toFixed(1)} MB is above the ${(config.maxFileBytes / 1e6).toFixed(1)} MB limit (perfLens.hints.maxFileSizeKb)`;
  }
  if (text.slice(0, 8000).includes('\u0000')) return 'skipped: binary file';
  if (text.length > 20_000) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    if (text.length / lines > MINIFIED_AVERAGE_LINE) return 'skipped: looks minified or generated (very long lines)';
  }
  return undefined;
}

function format(template: string, data: Report['data']): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/**
 * Lints one file's text. Never throws for bad input: unparsable, binary or huge files come back as notes.
 * Findings are sorted by position. `reuse` (the editor path) keeps the JS/TS tree for the next lint of
 * the same document, which then re-parses only what changed.
 */
export function lintText(
  text: string,
  fileName: string,
  config: LintConfig,
  parsers: Parsers = {},
  reuse?: TreeReuse,
): LintResult {
  const language = languageOf(fileName);
  if (!language) return { findings: [], notes: [] };
  if (!config.includeTestFiles && isTestFile(fileName)) return { findings: [], notes: [] };
  const reason = skipReason(text, config);
  if (reason) return { findings: [], notes: [{ kind: 'skipped', message: reason }] };
  const rules = activeRules(config, language);
  if (rules.length === 0) return { findings: [], notes: [] };

  const lines = new LineIndex(text);
  const notes: LintResult['notes'] = [];
  const raw: { rule: Rule; report: Report }[] = [];
  const reporter = (rule: Rule) => (report: Report) => raw.push({ rule, report });
  let commentAt: (lineStart: number) => string | undefined;

  if (language === 'js') {
    const t = typescript();
    const { sourceFile, syntaxError } = parseJs(text, fileName, reuse);
    if (syntaxError) notes.push(parseNote(lines, syntaxError));
    // Per-run state: one memo for this file's lint, shared by its rules, dropped when the lint ends.
    const memo = new JsMemo();
    const visitors: JsVisitor[] = [];
    for (const rule of rules) {
      visitors.push(rule.create.js!({ fileName, text, config, report: reporter(rule), ts: t, sourceFile, memo }));
    }
    // Parents first (rules walk up from any node), collecting only the kinds some rule visits.
    const nodes = linkJs(t, sourceFile, visitors.flatMap((v) => v.kinds));
    walkJs(t, nodes, visitors);
    commentAt = (start) => jsCommentAtLineStart(t, text, start);
  } else {
    if (!parsers.elixir) {
      return { findings: [], notes: [{ kind: 'skipped', message: 'skipped: the Elixir parser is not loaded' }] };
    }
    const { tree, syntaxError } = parseElixir(parsers.elixir, text);
    try {
      if (syntaxError) notes.push(parseNote(lines, syntaxError));
      const root = tree.rootNode;
      const visitors: ElixirVisitor[] = [];
      for (const rule of rules) {
        visitors.push(rule.create.elixir!({ fileName, text, config, report: reporter(rule), root }));
      }
      walkElixir(root, visitors);
      // Suppression comments are resolved now, while the tree is alive.
      const findings = toFindings(raw, lines, config, (start) => elixirCommentAtLineStart(root, text, start));
      return { findings, notes };
    } finally {
      tree.delete();
    }
  }
  return { findings: toFindings(raw, lines, config, text.includes('perf-lens-disable') ? commentAt : () => undefined), notes };
}

function parseNote(lines: LineIndex, err: { offset: number; message: string }): LintResult['notes'][number] {
  const { line, column } = lines.position(err.offset);
  return { kind: 'parse-error', message: `syntax error at ${line}:${column} (${err.message}); hints may be incomplete` };
}

function toFindings(
  raw: { rule: Rule; report: Report }[],
  lines: LineIndex,
  config: LintConfig,
  commentAt: (lineStart: number) => string | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { rule, report } of raw) {
    const start = lines.position(report.start);
    const end = lines.position(report.end);
    const key = `${rule.id}:${report.start}:${report.end}:${report.messageId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (start.line > 1) {
      const comment = commentAt(lines.lineStart(start.line - 1));
      if (comment && commentSuppresses(comment, rule.id)) continue;
    }
    const template = rule.meta.messages[report.messageId];
    if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId ${report.messageId}`);
    const severity: Severity = config.rules[rule.id]?.severity ?? report.severity ?? rule.meta.defaultSeverity;
    findings.push({
      ruleId: rule.id as RuleId,
      messageId: report.messageId,
      severity,
      message: format(template, report.data),
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      start: report.start,
      end: report.end,
      fixes: report.fixes ?? [],
      docsUrl: rule.meta.docsPath,
    });
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}
