import type { Node as SyntaxNode, Parser, Tree } from 'web-tree-sitter';

/**
 * A web-tree-sitter parser with the Elixir grammar loaded. Loading the wasm is I/O, so the runner
 * (src/runner/lint/parsers.ts) creates it and hands it to the engine.
 */
export type ElixirParser = Parser;

export interface ParsedElixir {
  tree: Tree;
  syntaxError?: { offset: number; message: string };
}

export function parseElixir(parser: ElixirParser, text: string): ParsedElixir {
  const tree = parser.parse(text);
  if (!tree) throw new Error('the Elixir parser returned no tree');
  let syntaxError: ParsedElixir['syntaxError'];
  if (tree.rootNode.hasError) {
    const bad = firstError(tree.rootNode);
    syntaxError = {
      offset: bad?.startIndex ?? 0,
      message: bad?.isMissing ? `missing ${bad.type}` : 'unexpected syntax',
    };
  }
  return { tree, syntaxError };
}

function firstError(node: SyntaxNode): SyntaxNode | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child && child.hasError) return firstError(child) ?? child;
    if (child?.isMissing) return child;
  }
  return undefined;
}

/** One pre-order walk over named nodes with a cursor (far cheaper than node.children in wasm). */
export function walkElixir(root: SyntaxNode, visitors: ((node: SyntaxNode) => void)[]): void {
  const cursor = root.walk();
  try {
    for (;;) {
      if (cursor.nodeIsNamed) {
        const node = cursor.currentNode;
        for (const v of visitors) v(node);
      }
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Text of the comment that opens the line starting at `lineStart` (after indentation), if any. */
export function elixirCommentAtLineStart(root: SyntaxNode, text: string, lineStart: number): string | undefined {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== '#') return undefined;
  const node = root.descendantForIndex(i, i + 1);
  return node?.type === 'comment' ? node.text : undefined;
}
