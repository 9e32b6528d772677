/**
 * *Pure*: the standalone HTML report of a profile: the Hot Spots page (hotspots-page.ts) with the
 * webview bundle and its CSS inlined and the host's `show` message embedded as JSON (the flame graph
 * packed: report-message.ts), so one file opens
 * in any browser, offline. Security as in the editor's webview: CSP `default-src 'none'`; the one
 * script and the styles allowed by their SHA-256 hashes (a file has no fresh nonce to give); no URL
 * anywhere; every name and path from the profile reaches the page only as JSON, written into the DOM
 * with `textContent`.
 */
import { EMBEDDED_MESSAGES_ID, jsonForScript } from './embedded-messages';
import { escapeHtml, hotspotsBody } from './hotspots-page';
import { htmlDocument } from './html-document';
import { packShow, unpackEmbedded, type ShowMessage } from './report-message';
import { REPORT_THEME_CSS } from './report-theme';

export interface ReportInput {
  /** The built webview script (dist/webview/hotspots.js). */
  script: string;
  /** Its stylesheet (dist/webview/hotspots.css). */
  style: string;
  message: ShowMessage;
  /** e.g. "perf-lens 0.1.0", in a generator meta tag (also how a report is recognised before being replaced). */
  generator: string;
}

/** Base64 SHA-256 of a UTF-8 text (node:crypto in the runner; core stays free of Node modules). */
export type Sha256Base64 = (text: string) => string;

export class ReportAssetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportAssetError';
  }
}

export const REPORT_GENERATOR_PREFIX = 'perf-lens';

/** Source-map comments point at files the report does not carry: dropped. */
function withoutSourceMapComment(text: string): string {
  return text.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '').replace(/\n?\/\*# sourceMappingURL=\S* \*\/\s*$/, '');
}

/** Refuses an asset that would end its element early (or enter the parser's escaped states). */
function inlineable(text: string, element: 'script' | 'style', what: string): string {
  if (new RegExp(`</${element}|<!--`, 'i').test(text)) throw new ReportAssetError(`${what} contains "</${element}" or "<!--" and cannot be inlined into the report`);
  return text;
}

export function reportContentSecurityPolicy(scriptHash: string, styleHashes: readonly string[]): string {
  return [`default-src 'none'`, `script-src 'sha256-${scriptHash}'`, `style-src ${styleHashes.map((h) => `'sha256-${h}'`).join(' ')}`].join('; ');
}

export function profileReportHtml(input: ReportInput, sha256: Sha256Base64): string {
  const script = inlineable(withoutSourceMapComment(input.script), 'script', 'the webview script');
  const style = inlineable(withoutSourceMapComment(input.style), 'style', 'the webview stylesheet');
  const theme = inlineable(REPORT_THEME_CSS, 'style', 'the report theme');
  const csp = reportContentSecurityPolicy(sha256(script), [sha256(theme), sha256(style)]);
  const title = input.message.title;
  // The theme comes first so the webview's own stylesheet (same specificity) can still override it.
  return htmlDocument({
    csp,
    head: [`<meta name="generator" content="${escapeHtml(input.generator)}">`, '<meta name="referrer" content="no-referrer">'],
    title,
    headAfterTitle: [`<style>${theme}</style>`, `<style>${style}</style>`],
    body: [hotspotsBody(title), `<script type="application/json" id="${EMBEDDED_MESSAGES_ID}">${jsonForScript([packShow(input.message)])}</script>`, `<script>${script}</script>`].join('\n'),
  });
}

/** The messages embedded in a report, read back and unpacked as the page does (tests, and tools that post-process reports). */
export function embeddedMessages(html: string): unknown[] {
  const m = new RegExp(`<script type="application/json" id="${EMBEDDED_MESSAGES_ID}">([^<]*)</script>`).exec(html);
  if (!m) throw new ReportAssetError('no embedded messages in this page');
  return (JSON.parse(m[1]) as unknown[]).map(unpackEmbedded);
}
