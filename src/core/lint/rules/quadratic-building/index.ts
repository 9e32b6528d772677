import { defineRule } from '../../rule';
import { createJs, messages as jsMessages } from './js';
import { createElixir, messages as elixirMessages } from './elixir';

export const quadraticBuilding = defineRule({
  id: 'quadratic-building',
  meta: {
    description: 'Building a result by copying the whole accumulator for every element (quadratic time).',
    docsPath: 'docs/rules/quadratic-building.md',
    defaultSeverity: 'warning',
    messages: { ...jsMessages, ...elixirMessages },
  },
  languages: ['js', 'elixir'],
  create: { js: createJs, elixir: createElixir },
});
