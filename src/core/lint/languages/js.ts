import type * as ts from 'typescript';
import type { JsVisitor } from '../rule';

let tsModule: typeof ts | undefined;

/** The TypeScript compiler API, loaded on first use: requiring it costs 0.2–1.3 s. */
export function typescript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tsModule ??= require('typescript') as typeof ts;
  return tsModule;
}

function scriptKind(t: typeof ts, fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return t.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return t.ScriptKind.JSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return t.ScriptKind.TS;
  // Plain .js may hold JSX (React projects): the JSX kind parses both.
  return t.ScriptKind.JSX;
}

export interface ParsedJs {
  /** Without parent pointers until linkJs runs. */
  sourceFile: ts.SourceFile;
  /** First syntax error, if any: the tree is error-recovered and still linted. */
  syntaxError?: { offset: number; message: string };
}

/**
 * Sets `parent` on every node below `root` (what createSourceFile's setParentNodes would do) and returns
 * the nodes of `kinds` in pre-order (document order), so the rules' pass is a plain loop over them.
 */
export function linkJs(t: typeof ts, root: ts.SourceFile, kinds: readonly ts.SyntaxKind[]): ts.Node[] {
  const wanted = new Uint8Array(t.SyntaxKind.Count);
  for (const k of kinds) wanted[k] = 1;
  const nodes: ts.Node[] = [];
  // One callback for the whole tree (no closure per node): `current` is the node whose children are visited.
  let current: ts.Node = root;
  const visit = (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = current;
    if (wanted[child.kind] === 1) nodes.push(child);
    const saved = current;
    current = child;
    t.forEachChild(child, visit);
    current = saved;
  };
  t.forEachChild(root, visit);
  return nodes;
}

/**
 * The last tree of each open document, so that re-linting after an edit re-parses only around the edit
 * (TypeScript's incremental parser, as tsserver uses on every keystroke). Bounded: the least recently
 * linted trees are dropped first.
 */
export class JsParseCache {
  private readonly trees = new Map<string, ts.SourceFile>();

  constructor(private readonly capacity = 32) {}

  /** Removes and returns the tree: an update reuses (and so invalidates) the old tree's nodes. */
  take(key: string): ts.SourceFile | undefined {
    const tree = this.trees.get(key);
    this.trees.delete(key);
    return tree;
  }

  put(key: string, tree: ts.SourceFile): void {
    this.trees.set(key, tree);
    if (this.trees.size > this.capacity) this.trees.delete(this.trees.keys().next().value!);
  }

  forget(key: string): void {
    this.trees.delete(key);
  }

  get size(): number {
    return this.trees.size;
  }
}

/** Where a document's previous tree is kept between lints (the editor path). */
export interface TreeReuse {
  cache: JsParseCache;
  /** One per document (its URI): two folders may hold files with the same relative name. */
  key: string;
}

/** The span that differs between two texts: common prefix and suffix excluded. */
export function changeRange(oldText: string, newText: string): ts.TextChangeRange {
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { span: { start, length: oldEnd - start }, newLength: newEnd - start };
}

/** Parses a JS/TS file (incrementally when `reuse` holds its previous tree); linkJs then sets the parents. */
export function parseJs(text: string, fileName: string, reuse?: TreeReuse): ParsedJs {
  const t = typescript();
  const kind = scriptKind(t, fileName);
  const previous = reuse?.cache.take(reuse.key);
  const sourceFile =
    previous && (previous as { scriptKind?: ts.ScriptKind }).scriptKind === kind
      ? t.updateSourceFile(previous, text, changeRange(previous.text, text))
      : // No JSDoc parsing (no rule reads types from comments), and parent pointers set by our own plain
        // recursion: TS's fixupParentReferences walks JSDoc too, through a work queue. Together these took
        // the bench corpus's parse from about 4.6 s to 3.6 s (npm run bench:lint).
        t.createSourceFile(
          fileName,
          text,
          { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone },
          false,
          kind,
        );
  reuse?.cache.put(reuse.key, sourceFile);
  // parseDiagnostics is not in the public typings but is stable across TS 4–6.
  const diags = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  const first = diags?.[0];
  return {
    sourceFile,
    syntaxError: first
      ? { offset: first.start, message: t.flattenDiagnosticMessageText(first.messageText, ' ') }
      : undefined,
  };
}

/** The rules' single pass: each collected node goes to the visitors that asked for its kind. */
export function walkJs(t: typeof ts, nodes: readonly ts.Node[], visitors: readonly JsVisitor[]): void {
  const byKind: (JsVisitor['visit'][] | undefined)[] = new Array(t.SyntaxKind.Count);
  for (const v of visitors) for (const k of v.kinds) (byKind[k] ??= []).push(v.visit);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const fns = byKind[node.kind];
    if (fns) for (let j = 0; j < fns.length; j++) fns[j](node);
  }
}

/** Text of the comment that opens the line starting at `lineStart` (after indentation), if any. */
export function jsCommentAtLineStart(t: typeof ts, text: string, lineStart: number): string | undefined {
  // getLeadingCommentRanges only collects comments that follow a line break (or sit at offset 0), so
  // start the scan on the previous line's "\n" for every line but the first.
  const ranges = t.getLeadingCommentRanges(text, lineStart === 0 ? 0 : lineStart - 1);
  const first = ranges?.find((r) => r.pos >= lineStart);
  if (!first) return undefined;
  // Only a comment that is the first thing on its line counts.
  const lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd !== -1 && first.pos > lineEnd) return undefined;
  return text.slice(first.pos, first.end);
}
