/**
 * Small realistic snippets with one known anti-pattern each, for the host tests that need the real
 * engine to report something. Not a rule test table: those live in test/core/lint/rules/.
 */
import type { RuleId } from '../../src/core/lint/finding';

export interface HintSample {
  name: string;
  fileName: string;
  ruleId: RuleId;
  text: string;
}

export const HINT_SAMPLES: HintSample[] = [
  {
    name: 'Prisma lookup per id (TS)',
    fileName: 'src/orders.ts',
    ruleId: 'n-plus-one',
    text: [
      "import { PrismaClient } from '@prisma/client';",
      'const prisma = new PrismaClient();',
      '',
      'export async function customersOf(orderIds: number[]) {',
      '  const customers = [];',
      '  for (const id of orderIds) {',
      '    const order = await prisma.order.findUnique({ where: { id } });',
      '    customers.push(order?.customerId);',
      '  }',
      '  return customers;',
      '}',
      '',
    ].join('\n'),
  },
  {
    name: 'spread in reduce (JS)',
    fileName: 'lib/index-by-id.js',
    ruleId: 'quadratic-building',
    text: [
      'function indexById(users) {',
      '  return users.reduce((acc, user) => ({ ...acc, [user.id]: user }), {});',
      '}',
      'module.exports = { indexById };',
      '',
    ].join('\n'),
  },
  {
    name: 'Repo.get per element (Elixir)',
    fileName: 'lib/shop/orders.ex',
    ruleId: 'n-plus-one',
    text: [
      'defmodule Shop.Orders do',
      '  alias Shop.{Repo, Customer}',
      '',
      '  def customers(orders) do',
      '    Enum.map(orders, fn order ->',
      '      Repo.get(Customer, order.customer_id)',
      '    end)',
      '  end',
      'end',
      '',
    ].join('\n'),
  },
  {
    name: 'binary append in Enum.reduce (Elixir)',
    fileName: 'lib/shop/csv.ex',
    ruleId: 'quadratic-building',
    text: [
      'defmodule Shop.Csv do',
      '  def rows(lines) do',
      '    Enum.reduce(lines, "", fn line, acc -> acc <> line <> "\\n" end)',
      '  end',
      'end',
      '',
    ].join('\n'),
  },
];
