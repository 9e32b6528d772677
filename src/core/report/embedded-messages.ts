/**
 * Host messages carried inside a standalone page (the HTML report) instead of posted by VS Code: a
 * `<script type="application/json" id="perf-lens-messages">` holding a JSON array, replayed by
 * webview/shared/vscode-api.ts when the page says `ready`.
 */

export const EMBEDDED_MESSAGES_ID = 'perf-lens-messages';

/**
 * JSON that can sit inside a `<script>` element: no `<` at all (so no `</script`, no `<!--`), no `>` or
 * `&`, and U+2028/U+2029 escaped too (line terminators to older JavaScript). All are `\uXXXX` escapes
 * inside JSON strings, so `JSON.parse` gives back exactly the same value.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('the value has no JSON form');
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
