/** Facts about the installed package: version, homepage, and where the rule docs are (next to dist/ or src/). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import pkg from '../../package.json';

export const PACKAGE_VERSION: string = pkg.version;

/** Where the project lives on the web, when package.json says (`homepage`); SARIF's informationUri. */
export const INFORMATION_URI: string | undefined = (pkg as { homepage?: string }).homepage || undefined;

/**
 * The package root: the nearest folder above this module holding docs/rules. Works from the bundle
 * (dist/cli.js) and from source (src/cli/*.ts under tsx).
 */
export function packageRoot(): string | undefined {
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'docs', 'rules'))) return dir;
  }
  return undefined;
}

/** Rule id → the markdown of docs/rules/<id>.md, for the rules whose page exists. */
export function readRuleDocs(ids: readonly string[]): Map<string, string> {
  const docs = new Map<string, string>();
  const root = packageRoot();
  if (!root) return docs;
  for (const id of ids) {
    try {
      docs.set(id, fs.readFileSync(path.join(root, 'docs', 'rules', `${id}.md`), 'utf8'));
    } catch {
      // A missing page: SARIF falls back to the rule's description.
    }
  }
  return docs;
}
