/** What the lint engine reports. Lines and columns are 1-based; columns count UTF-16 code units. */

/** Derived from the registry (src/core/lint/rules/index.ts); re-exported here beside the types that use it. */
import type { RuleId } from './rules';
export type { RuleId };
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** A replacement of the source range [start, end) (0-based UTF-16 offsets) by newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix: safe rewrite offered by a rule. Edits never overlap. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: RuleId;
  /** Which of the rule's message templates produced `message` (stable, for tests and SARIF). */
  messageId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based offsets of the same range, for editors that work on offsets. */
  start: number;
  end: number;
  fixes: Fix[];
  docsUrl: string;
}

/** A file that could not be linted, with one sentence saying why (never thrown to the caller). */
export interface LintNote {
  kind: 'skipped' | 'parse-error';
  message: string;
}

export interface LintResult {
  findings: Finding[];
  notes: LintNote[];
}
