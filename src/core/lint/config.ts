import type { RuleId, Severity } from './finding';

export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
}

/** Everything that changes what the engine reports. File selection (globs, .gitignore) is the caller's job. */
export interface LintConfig {
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** When set, only these rules run (the CLI's --rule). */
  only?: RuleId[];
  /**
   * Extra data-access calls for `n-plus-one`, as dotted callee patterns where `*` matches one segment:
   * `db.select`, `*.fetchOne`, `MyApp.Repo.*`, `Repo.fetch`.
   */
  extraDataAccess: string[];
  /** Lint test files (`*.test.ts`, `*_test.exs`, `__tests__/`...). Off by default: hints there are noise. */
  includeTestFiles: boolean;
  /** Files above this size are skipped with a note (bundles, generated code). */
  maxFileBytes: number;
}

export const DEFAULT_CONFIG: LintConfig = {
  rules: {},
  extraDataAccess: [],
  includeTestFiles: false,
  maxFileBytes: 1_000_000,
};

export function withDefaults(partial: Partial<LintConfig> | undefined): LintConfig {
  return { ...DEFAULT_CONFIG, ...(partial ?? {}), rules: { ...(partial?.rules ?? {}) } };
}
