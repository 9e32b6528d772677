// The engine's hints: lint a document's text, the parsers that need I/O, and the runtime check of n-plus-one findings.
export { lintText } from '../../core/lint/engine';
export { withDefaults, DEFAULT_CONFIG } from '../../core/lint/config';
export { languageOf, isTestFile } from '../../core/lint/languages';
export { loadParsers } from '../lint/parsers';
export { JsParseCache, parseJs } from '../../core/lint/languages/js';
export { confirmFindingsAtRuntime } from '../profile/confirm-findings';
