/**
 * Reads `perfLens.hints.*` through a getter (VS Code's WorkspaceConfiguration.get, or a plain object in
 * tests) and turns it into what the editor needs. Pure: no `vscode` import. The settings → LintConfig
 * conversion itself lives in core (`settingsToConfig`), shared with the CLI's `--config`.
 */
import type { LintConfig } from '../../core/lint/config';
import { type HintSettings, HINT_SETTING_KEYS, RULE_IDS, parseHintSettings, settingsToConfig } from '../../core/lint/settings';
import { pathOrAncestorMatcher } from './path-globs';

/** Keys under `perfLens.hints.` other than the per-rule `severity.<id>` ones. */
const SCALAR_KEYS = HINT_SETTING_KEYS.filter((k) => k !== 'severity');

export const DEFAULT_DEBOUNCE_MS = 300;

export interface EditorHintSettings {
  enabled: boolean;
  config: LintConfig;
  debounceMs: number;
  /** Whether a workspace-relative path passes `include` (empty: everything) and `exclude`. */
  selects(relativePath: string): boolean;
  /** One sentence per setting that had a bad value (it falls back to its default). */
  problems: string[];
}

/**
 * Validates each setting on its own, so one bad value (say a string in `maxFileSizeKb` typed into
 * settings.json) costs only that setting, not all of them.
 */
export function readHintSettings(get: (key: string) => unknown): EditorHintSettings {
  const settings: HintSettings = {};
  const problems: string[] = [];
  const take = (key: string, raw: Record<string, unknown>): void => {
    try {
      Object.assign(settings, parseHintSettings(raw));
    } catch (e) {
      problems.push(`perfLens.hints.${key}: ${(e as Error).message}; using the default`);
    }
  };
  for (const key of SCALAR_KEYS) {
    const value = get(key);
    if (value !== undefined && value !== null) take(key, { [key]: value });
  }
  const severity: Record<string, unknown> = {};
  for (const id of RULE_IDS) {
    const value = get(`severity.${id}`);
    if (value === undefined || value === null) continue;
    try {
      parseHintSettings({ severity: { [id]: value } });
      severity[id] = value;
    } catch (e) {
      problems.push(`perfLens.hints.severity.${id}: ${(e as Error).message}; using the default`);
    }
  }
  if (Object.keys(severity).length > 0) take('severity', { severity });

  const include = pathOrAncestorMatcher(settings.include ?? []);
  const exclude = pathOrAncestorMatcher(settings.exclude ?? []);
  const hasInclude = (settings.include ?? []).some((p) => p.trim() !== '');
  return {
    enabled: settings.enabled !== false,
    config: settingsToConfig(settings),
    debounceMs: settings.debounceMs ?? DEFAULT_DEBOUNCE_MS,
    selects: (rel) => (!hasInclude || include(rel)) && !exclude(rel),
    problems,
  };
}
