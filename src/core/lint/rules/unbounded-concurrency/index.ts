import { defineRule } from '../../rule';
import { createJs, messages as jsMessages } from './js';
import { createElixir, messages as elixirMessages } from './elixir';

export const unboundedConcurrency = defineRule({
  id: 'unbounded-concurrency',
  meta: {
    description: 'Concurrency that grows with the input: one promise or process per element, with no bound.',
    docsPath: 'docs/rules/unbounded-concurrency.md',
    defaultSeverity: 'warning',
    messages: { ...jsMessages, ...elixirMessages },
  },
  languages: ['js', 'elixir'],
  create: { js: createJs, elixir: createElixir },
});
