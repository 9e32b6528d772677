/**
 * SARIF 2.1.0 for GitHub code scanning: relative URIs with forward slashes against %SRCROOT%, UTF-16 columns
 * (the engine's unit), rule metadata with the docs as help, and partial fingerprints so an alert keeps its
 * identity when lines move.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule } from '../../core/lint/rule';
import type { Severity } from '../../core/lint/finding';
import type { FileFinding, FileNote } from '../../runner/lint/lint-files';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Our own fingerprint key: GitHub's `primaryLocationLineHash` has a specific algorithm we do not reproduce. */
export const FINGERPRINT_KEY = 'perfLens/v1';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export interface SarifInput {
  findings: readonly FileFinding[];
  notes: readonly FileNote[];
  rules: readonly Rule[];
  /** Rule id → the markdown of docs/rules/<id>.md, when found. */
  docs: ReadonlyMap<string, string>;
  cwd: string;
  version: string;
  informationUri?: string;
  /** The text of a finding's first line (for fingerprints); '' when unknown. */
  lineText(finding: FileFinding): string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A relative, percent-encoded URI with `/` separators, or a file: URL for files outside the working directory. */
export function artifactLocation(file: string, absolutePath: string, cwd: string): ArtifactLocation {
  const rel = path.relative(cwd, absolutePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    return { uri: pathToFileURL(absolutePath || path.resolve(cwd, file)).href };
  }
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?](\s|$)/.exec(text);
  return (m ? m[0] : text).trim();
}

export function formatSarif(input: SarifInput): string {
  const ruleIndex = new Map(input.rules.map((r, i) => [r.id as string, i]));
  const seenFingerprints = new Map<string, number>();
  const results = input.findings.map((f) => {
    const base = createHash('sha256')
      .update(`${f.ruleId}\u0000${f.file.split(path.sep).join('/')}\u0000${input.lineText(f).trim()}`)
      .digest('hex')
      .slice(0, 32);
    // Identical lines in one file get an occurrence number, so their alerts stay distinct.
    const n = (seenFingerprints.get(base) ?? 0) + 1;
    seenFingerprints.set(base, n);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(f.file, f.absolutePath, input.cwd),
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${n}` },
    };
  });

  const notifications = input.notes.map((n) => ({
    level: n.kind === 'parse-error' ? ('warning' as const) : ('note' as const),
    message: { text: `${n.file}: ${n.message}` },
    descriptor: { id: n.kind },
    locations: [
      { physicalLocation: { artifactLocation: artifactLocation(n.file, path.resolve(input.cwd, n.file), input.cwd) } },
    ],
  }));

  const driver = {
    name: 'Perf Lens',
    version: input.version,
    semanticVersion: input.version,
    ...(input.informationUri ? { informationUri: input.informationUri } : {}),
    rules: input.rules.map((r) => {
      const markdown = input.docs.get(r.id);
      return {
        id: r.id,
        name: r.id.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
        shortDescription: { text: firstSentence(r.meta.description) },
        fullDescription: { text: r.meta.description },
        help: markdown
          ? { text: `${r.meta.description} See ${r.meta.docsPath}.`, markdown }
          : { text: r.meta.description },
        defaultConfiguration: { level: sarifLevel(r.meta.defaultSeverity) },
        properties: { tags: ['performance'] },
      };
    }),
  };

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(input.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
