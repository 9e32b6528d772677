/**
 * The `--vscode-*` theme variables of the Hot Spots CSS, for a page shown outside VS Code (the HTML
 * report): VS Code's Light Modern colours, and Dark Modern under `prefers-color-scheme: dark`. Inside
 * the editor the webview gets the real ones and this stylesheet is not there.
 */

const LIGHT: Record<string, string> = {
  'font-family': "system-ui, -apple-system, 'Segoe UI', Ubuntu, sans-serif",
  'font-size': '13px',
  'editor-font-family': "ui-monospace, 'Cascadia Code', 'DejaVu Sans Mono', Consolas, monospace",
  foreground: '#3b3b3b',
  descriptionForeground: '#5f5f5f',
  'editor-background': '#ffffff',
  'editor-foreground': '#3b3b3b',
  'editor-findMatchBorder': '#b07800',
  'editorWarning-foreground': '#8a5a00',
  'editorWidget-background': '#f3f3f3',
  'editorHoverWidget-background': '#f8f8f8',
  'editorHoverWidget-foreground': '#3b3b3b',
  'editorHoverWidget-border': '#c8c8c8',
  'input-background': '#ffffff',
  'input-foreground': '#3b3b3b',
  'input-border': '#cecece',
  focusBorder: '#005fb8',
  'button-secondaryBackground': '#e5e5e5',
  'button-secondaryForeground': '#3b3b3b',
  'button-secondaryHoverBackground': '#cccccc',
  'list-hoverBackground': '#f2f2f2',
  'list-activeSelectionBackground': '#e8e8e8',
  'list-activeSelectionForeground': '#000000',
  'panel-border': '#e5e5e5',
};

const DARK: Record<string, string> = {
  foreground: '#cccccc',
  descriptionForeground: '#9d9d9d',
  'editor-background': '#1f1f1f',
  'editor-foreground': '#cccccc',
  'editor-findMatchBorder': '#f5c518',
  'editorWarning-foreground': '#cca700',
  'editorWidget-background': '#202020',
  'editorHoverWidget-background': '#202020',
  'editorHoverWidget-foreground': '#cccccc',
  'editorHoverWidget-border': '#454545',
  'input-background': '#313131',
  'input-foreground': '#cccccc',
  'input-border': '#3c3c3c',
  focusBorder: '#0078d4',
  'button-secondaryBackground': '#313131',
  'button-secondaryForeground': '#cccccc',
  'button-secondaryHoverBackground': '#3c3c3c',
  'list-hoverBackground': '#2a2d2e',
  'list-activeSelectionBackground': '#04395e',
  'list-activeSelectionForeground': '#ffffff',
  'panel-border': '#2b2b2b',
};

/** The variable names the report defines (the webview test checks the Hot Spots CSS uses no others). */
export const REPORT_THEME_VARIABLES: readonly string[] = Object.keys(LIGHT).map((k) => `--vscode-${k}`);

const block = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `  --vscode-${k}: ${v};`)
    .join('\n');

export const REPORT_THEME_CSS = `:root {
  color-scheme: light dark;
${block(LIGHT)}
}
@media (prefers-color-scheme: dark) {
  :root {
${block(DARK)}
  }
}
.open-note input {
  font-family: var(--vscode-editor-font-family);
}
`;
