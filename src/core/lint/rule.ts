import type * as ts from 'typescript';
import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { Fix, RuleId, Severity } from './finding';
import type { LintConfig } from './config';
import type { JsMemo } from './rules/shared/js/memo';

export type LanguageId = 'js' | 'elixir';

/** What a rule hands to the engine. Offsets are 0-based UTF-16 offsets into the source text. */
export interface Report {
  start: number;
  end: number;
  messageId: string;
  /** Values for `{name}` placeholders in the message. */
  data?: Record<string, string | number>;
  /** Overrides the rule's severity for this report (e.g. an Information-level variant). */
  severity?: Severity;
  fixes?: Fix[];
}

interface BaseContext {
  fileName: string;
  text: string;
  config: LintConfig;
  report(report: Report): void;
}

export interface JsContext extends BaseContext {
  ts: typeof ts;
  /** Parent pointers are set before the first visit (not yet while the rule is being created). */
  sourceFile: ts.SourceFile;
  /** Answers memoized for this run of this file, shared by the JS rules of the run (the engine makes a new one per file lint). */
  memo: JsMemo;
}

export interface ElixirContext extends BaseContext {
  root: SyntaxNode;
}

/**
 * What a JS rule wants to see: `visit` is called once per node of one of `kinds`, in document order, during
 * the engine's single pass over the tree. Declaring the kinds lets the engine skip the other nodes (most
 * of them: identifiers, tokens, types) without calling any rule.
 */
export interface JsVisitor {
  kinds: readonly ts.SyntaxKind[];
  visit: (node: ts.Node) => void;
}
/** Called once per named node, in document order. */
export type ElixirVisitor = (node: SyntaxNode) => void;

export interface RuleMeta {
  description: string;
  /** Path of the rule's documentation inside the package: docs/rules/<id>.md */
  docsPath: string;
  defaultSeverity: Severity;
  /** Message templates with `{placeholder}`s, keyed by messageId. */
  messages: Record<string, string>;
}

/** A rule. `Id` is its id's literal type, kept by defineRule so that the registry can derive `RuleId`. */
export interface Rule<Id extends string = RuleId> {
  id: Id;
  meta: RuleMeta;
  languages: LanguageId[];
  create: {
    js?: (ctx: JsContext) => JsVisitor;
    elixir?: (ctx: ElixirContext) => ElixirVisitor;
  };
}

/** Declares a rule (in its folder's index.ts), keeping the literal type of its id. */
export function defineRule<const Id extends string>(rule: Rule<Id>): Rule<Id> {
  return rule;
}
