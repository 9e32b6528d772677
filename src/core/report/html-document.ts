/**
 * *Pure*: the one HTML page shell every Perf Lens page is written in (the Hot Spots and Compare webviews,
 * the unreadable-profile page, the standalone report), so the CSP meta tag, charset and viewport are
 * written once. The caller gives the policy; this only escapes it.
 */
import { escapeHtml } from './hotspots-page';

export interface HtmlDocument {
  /** The Content-Security-Policy, put first in `<head>` so it governs everything after it. */
  csp: string;
  /** Escaped here. */
  title: string;
  /** Head lines between the viewport meta tag and `<title>` (already escaped). */
  head?: readonly string[];
  /** Head lines after `<title>` (already escaped). */
  headAfterTitle?: readonly string[];
  /** The `<body>` content (already escaped). */
  body: string;
}

export function htmlDocument(d: HtmlDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(d.csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    ...(d.head ?? []),
    `<title>${escapeHtml(d.title)}</title>`,
    ...(d.headAfterTitle ?? []),
    '</head>',
    '<body>',
    d.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
