import { defineRule } from '../../rule';
import { createJs, messages as jsMessages } from './js';
import { createElixir, messages as elixirMessages } from './elixir';

export const nPlusOne = defineRule({
  id: 'n-plus-one',
  meta: {
    description: 'A data-access call (ORM, query builder, driver, HTTP API) executed once per element of a collection.',
    docsPath: 'docs/rules/n-plus-one.md',
    defaultSeverity: 'warning',
    messages: { ...jsMessages, ...elixirMessages },
  },
  languages: ['js', 'elixir'],
  create: { js: createJs, elixir: createElixir },
});
