/**
 * The user-facing hint settings (VS Code's `perfLens.hints.*`, the CLI's `--config` JSON without the prefix)
 * and their ONE translation into the engine's LintConfig. Pure: the caller reads the settings.
 */
import type { RuleId, Severity } from './finding';
import { SEVERITIES } from './finding';
import { type LintConfig, DEFAULT_CONFIG, withDefaults } from './config';

/**
 * Every rule id, without loading the rules (the extension's activation path imports this module, and the
 * rules stay out of its bundle). Checked against the registry by the compiler: an id missing here, or one
 * that no registered rule has, does not compile.
 */
const RULE_ID_SET = {
  'n-plus-one': true,
  'unbounded-concurrency': true,
  'quadratic-building': true,
} as const satisfies Record<RuleId, true>;
export const RULE_IDS: readonly RuleId[] = Object.keys(RULE_ID_SET) as RuleId[];

export type RuleSeveritySetting = 'default' | 'off' | Severity;

export interface HintSettings {
  enabled?: boolean;
  severity?: Partial<Record<RuleId, RuleSeveritySetting>>;
  /** Globs of files to lint (empty or absent: every file of a linted language). */
  include?: string[];
  /** Globs of files never to lint. */
  exclude?: string[];
  /** Extra data-access calls for n-plus-one (dotted patterns, `*` = one segment). */
  extraDataAccessCalls?: string[];
  includeTestFiles?: boolean;
  maxFileSizeKb?: number;
  /** Editor only: delay before re-linting after an edit. */
  debounceMs?: number;
}

/** Converts settings to the engine's config. `enabled: false` turns every rule off. */
export function settingsToConfig(settings: HintSettings): LintConfig {
  const config = withDefaults({
    extraDataAccess: [...(settings.extraDataAccessCalls ?? [])],
    includeTestFiles: settings.includeTestFiles ?? DEFAULT_CONFIG.includeTestFiles,
    maxFileBytes:
      settings.maxFileSizeKb !== undefined ? Math.round(settings.maxFileSizeKb * 1000) : DEFAULT_CONFIG.maxFileBytes,
  });
  for (const id of RULE_IDS) {
    const s = settings.severity?.[id];
    if (settings.enabled === false || s === 'off') config.rules[id] = { enabled: false };
    else if (s !== undefined && s !== 'default') config.rules[id] = { severity: s };
  }
  return config;
}

/** Thrown by parseHintSettings with one sentence that names the bad key. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** The keys of a hints settings object (`perfLens.hints.*`, the CLI's --config `hints`). */
export const HINT_SETTING_KEYS = [
  'enabled',
  'severity',
  'include',
  'exclude',
  'extraDataAccessCalls',
  'includeTestFiles',
  'maxFileSizeKb',
  'debounceMs',
] as const;
const SEVERITY_VALUES: readonly string[] = ['default', 'off', ...SEVERITIES];

/**
 * Validates untrusted settings (a parsed JSON file) and returns them typed. Throws SettingsError naming the
 * first bad key; unknown keys are errors too, because a typo would otherwise be silently ignored.
 */
export function parseHintSettings(value: unknown): HintSettings {
  if (!isPlainObject(value)) throw new SettingsError('the settings must be a JSON object');
  for (const key of Object.keys(value)) {
    if (!(HINT_SETTING_KEYS as readonly string[]).includes(key)) {
      throw new SettingsError(`unknown key "${key}" (known keys: ${HINT_SETTING_KEYS.join(', ')})`);
    }
  }
  const out: HintSettings = {};
  if (value.enabled !== undefined) out.enabled = boolean(value.enabled, 'enabled');
  if (value.includeTestFiles !== undefined) out.includeTestFiles = boolean(value.includeTestFiles, 'includeTestFiles');
  if (value.include !== undefined) out.include = strings(value.include, 'include');
  if (value.exclude !== undefined) out.exclude = strings(value.exclude, 'exclude');
  if (value.extraDataAccessCalls !== undefined) {
    out.extraDataAccessCalls = strings(value.extraDataAccessCalls, 'extraDataAccessCalls');
  }
  if (value.maxFileSizeKb !== undefined) out.maxFileSizeKb = positiveNumber(value.maxFileSizeKb, 'maxFileSizeKb');
  if (value.debounceMs !== undefined) out.debounceMs = positiveNumber(value.debounceMs, 'debounceMs');
  if (value.severity !== undefined) {
    const severity = value.severity;
    if (!isPlainObject(severity)) throw new SettingsError('"severity" must be an object of rule id to severity');
    out.severity = {};
    for (const [id, level] of Object.entries(severity)) {
      if (!(RULE_IDS as readonly string[]).includes(id)) {
        throw new SettingsError(`unknown rule "severity.${id}" (rules: ${RULE_IDS.join(', ')})`);
      }
      if (typeof level !== 'string' || !SEVERITY_VALUES.includes(level)) {
        throw new SettingsError(`"severity.${id}" must be one of ${SEVERITY_VALUES.join(', ')}`);
      }
      out.severity[id as RuleId] = level as RuleSeveritySetting;
    }
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function boolean(v: unknown, key: string): boolean {
  if (typeof v !== 'boolean') throw new SettingsError(`"${key}" must be true or false`);
  return v;
}

function strings(v: unknown, key: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
    throw new SettingsError(`"${key}" must be an array of strings`);
  }
  return [...v];
}

function positiveNumber(v: unknown, key: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new SettingsError(`"${key}" must be a positive number`);
  return v;
}
