// Every quick fix the Elixir rules offer must parse and compute the same result as the original code.
// All cases run in ONE `elixir` process (a BEAM start costs ~0.5 s): each case is compiled twice, as
// the original and as the fixed module, and both are called on the same sample inputs.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lintText, type Parsers } from '../../../../src/core/lint/engine';
import { withDefaults } from '../../../../src/core/lint/config';
import { applyEdits } from '../../../../src/core/lint/fix';
import type { Finding, RuleId } from '../../../../src/core/lint/finding';
import { loadParsers } from '../../../../src/runner/lint/parsers';

interface FixCase {
  name: string;
  rule: RuleId;
  /** A module named `Sample` with `def run(xs)`. */
  code: string;
  /** Elixir expressions passed to `run/1`. */
  inputs: string[];
  /** The exact code after the fix, where the rewrite's shape matters. */
  fixed?: string;
}

const strings = ['[]', '["a", "b", "c"]', '["héllo", "", "wörld"]'];
const orders = ['[]', '[%{id: 1, status: "paid", total: 10}, %{id: 2, status: "new", total: 3}]'];

const fixable: FixCase[] = [
  {
    name: 'acc <> f(x) → Enum.map_join with &f/1',
    rule: 'quadratic-building',
    code: `defmodule Sample do
  def run(xs), do: Enum.reduce(xs, "", fn x, acc -> acc <> shout(x) end)
  defp shout(s), do: String.upcase(s) <> "!"
end`,
    fixed: `defmodule Sample do
  def run(xs), do: Enum.map_join(xs, &shout/1)
  defp shout(s), do: String.upcase(s) <> "!"
end`,
    inputs: strings,
  },
  {
    name: 'remote call → &String.upcase/1',
    rule: 'quadratic-building',
    code: `defmodule Sample do
  def run(xs), do: Enum.reduce(xs, "", fn x, acc -> acc <> String.upcase(x) end)
end`,
    fixed: `defmodule Sample do
  def run(xs), do: Enum.map_join(xs, &String.upcase/1)
end`,
    inputs: strings,
  },
  {
    name: 'multi-line CSV reduce → Enum.map_join with the fn kept',
    rule: 'quadratic-building',
    code: `defmodule Sample do
  def run(orders) do
    Enum.reduce(orders, "", fn o, acc ->
      acc <> "#{o.id},#{o.status},#{o.total}\\n"
    end)
  end
end`,
    fixed: `defmodule Sample do
  def run(orders) do
    Enum.map_join(orders, fn o ->
      "#{o.id},#{o.status},#{o.total}\\n"
    end)
  end
end`,
    inputs: orders,
  },
  {
    name: 'pipe form keeps the pipe',
    rule: 'quadratic-building',
    code: `defmodule Sample do
  def run(xs) do
    xs |> Enum.reduce("", fn x, acc -> acc <> x <> ";" end)
  end
end`,
    fixed: `defmodule Sample do
  def run(xs) do
    xs |> Enum.map_join(fn x -> x <> ";" end)
  end
end`,
    inputs: strings,
  },
  {
    name: 'pattern in the element position',
    rule: 'quadratic-building',
    code: `defmodule Sample do
  def run(orders), do: Enum.reduce(orders, "", fn %{id: id, status: s}, acc -> acc <> "#{id}=#{s} " end)
end`,
    inputs: orders,
  },
  {
    name: 'acc ++ [expr] → Enum.map',
    rule: 'quadratic-building',
    code: `defmodule Sample do
  def run(orders), do: Enum.reduce(orders, [], fn o, acc -> acc ++ [{o.id, o.total * 2}] end)
end`,
    fixed: `defmodule Sample do
  def run(orders), do: Enum.map(orders, fn o -> {o.id, o.total * 2} end)
end`,
    inputs: orders,
  },
  {
    name: 'acc ++ [f(x)] → Enum.map with a capture, piped, over a range',
    rule: 'quadratic-building',
    code: `defmodule Sample do
  def run(n), do: 1..n |> Enum.reduce([], fn i, acc -> acc ++ [Integer.to_string(i)] end)
end`,
    fixed: `defmodule Sample do
  def run(n), do: 1..n |> Enum.map(&Integer.to_string/1)
end`,
    inputs: ['1', '5', '30'],
  },
  {
    name: 'for … reduce: "" with acc <> → for … into: ""',
    rule: 'quadratic-building',
    code: `defmodule Sample do
  def run(xs) do
    for x <- xs, x != "", reduce: "" do
      acc -> acc <> String.reverse(x) <> ";"
    end
  end
end`,
    fixed: `defmodule Sample do
  def run(xs) do
    for x <- xs, x != "", into: "" do
      String.reverse(x) <> ";"
    end
  end
end`,
    inputs: strings,
  },
  {
    name: 'for … reduce: [] with acc ++ [expr] → a plain for',
    rule: 'quadratic-building',
    code: `defmodule Sample do
  def run(orders) do
    for %{status: "paid"} = o <- orders, reduce: [] do
      acc -> acc ++ [{o.id, o.total}]
    end
  end
end`,
    fixed: `defmodule Sample do
  def run(orders) do
    for %{status: "paid"} = o <- orders do
      {o.id, o.total}
    end
  end
end`,
    inputs: orders,
  },
  {
    name: 'async_stream without options: both defaults appended',
    rule: 'unbounded-concurrency',
    code: `defmodule Sample do
  def run(xs), do: Task.async_stream(xs, &(&1 * 2)) |> Enum.to_list()
end`,
    fixed: `defmodule Sample do
  def run(xs), do: Task.async_stream(xs, &(&1 * 2), max_concurrency: System.schedulers_online(), timeout: 5000) |> Enum.to_list()
end`,
    inputs: ['[]', '[1, 2, 3]', 'Enum.to_list(1..50)'],
  },
  {
    name: 'piped async_stream with other options: the missing ones appended',
    rule: 'unbounded-concurrency',
    code: `defmodule Sample do
  def run(xs) do
    xs
    |> Task.async_stream(fn x -> x + 1 end, ordered: true)
    |> Enum.map(fn {:ok, v} -> v end)
  end
end`,
    fixed: `defmodule Sample do
  def run(xs) do
    xs
    |> Task.async_stream(fn x -> x + 1 end, ordered: true, max_concurrency: System.schedulers_online(), timeout: 5000)
    |> Enum.map(fn {:ok, v} -> v end)
  end
end`,
    inputs: ['[]', '[1, 2, 3]'],
  },
  {
    name: 'keyword list with max_concurrency: timeout appended inside the brackets',
    rule: 'unbounded-concurrency',
    code: `defmodule Sample do
  def run(xs), do: Task.async_stream(xs, &to_string/1, [max_concurrency: 2]) |> Enum.to_list()
end`,
    fixed: `defmodule Sample do
  def run(xs), do: Task.async_stream(xs, &to_string/1, [max_concurrency: 2, timeout: 5000]) |> Enum.to_list()
end`,
    inputs: ['[:a, :b]', '[1]'],
  },
  {
    name: 'empty option list filled',
    rule: 'unbounded-concurrency',
    code: `defmodule Sample do
  def run(xs), do: Task.async_stream(xs, &(&1), []) |> Enum.to_list()
end`,
    fixed: `defmodule Sample do
  def run(xs), do: Task.async_stream(xs, &(&1), [max_concurrency: System.schedulers_online(), timeout: 5000]) |> Enum.to_list()
end`,
    inputs: ['[1, 2]'],
  },
  {
    name: 'module/function/args form without options',
    rule: 'unbounded-concurrency',
    code: `defmodule Sample do
  def run(xs), do: Task.async_stream(xs, Kernel, :*, [3]) |> Enum.to_list()
end`,
    inputs: ['[1, 2, 3]'],
  },
  {
    name: 'multi-line supervised stream: one option per line kept',
    rule: 'unbounded-concurrency',
    code: `defmodule Sample do
  def run(xs) do
    {:ok, sup} = Task.Supervisor.start_link()
    Task.Supervisor.async_stream_nolink(sup, xs, &(&1 * &1),
      ordered: true,
      on_timeout: :kill_task
    )
    |> Enum.to_list()
  end
end`,
    fixed: `defmodule Sample do
  def run(xs) do
    {:ok, sup} = Task.Supervisor.start_link()
    Task.Supervisor.async_stream_nolink(sup, xs, &(&1 * &1),
      ordered: true,
      on_timeout: :kill_task,
      max_concurrency: System.schedulers_online(),
      timeout: 5000
    )
    |> Enum.to_list()
  end
end`,
    inputs: ['[]', '[4, 5]'],
  },
];

/** Reported, but a rewrite would not be safe (or not the same): no fix must be offered. */
const notFixable: { name: string; rule: RuleId; code: string }[] = [
  {
    name: 'seed is not ""',
    rule: 'quadratic-building',
    code: `Enum.reduce(xs, "header\\n", fn x, acc -> acc <> x end)`,
  },
  {
    name: 'the appended expression reads the accumulator',
    rule: 'quadratic-building',
    code: `Enum.reduce(xs, "", fn x, acc -> acc <> "#{byte_size(acc)}:" <> x end)`,
  },
  {
    name: 'the body does more than append',
    rule: 'quadratic-building',
    code: `Enum.reduce(xs, "", fn x, acc ->
  Logger.debug(x)
  acc <> x
end)`,
  },
  {
    name: 'a guard on the clause',
    rule: 'quadratic-building',
    code: `Enum.reduce(xs, "", fn x, acc when is_binary(x) -> acc <> x end)`,
  },
  {
    name: 'several clauses',
    rule: 'quadratic-building',
    code: `Enum.reduce(xs, [], fn
  nil, acc -> acc
  x, acc -> acc ++ [x]
end)`,
  },
  {
    name: 'acc ++ a list that is not one element',
    rule: 'quadratic-building',
    code: `Enum.reduce(xs, [], fn x, acc -> acc ++ x.items end)`,
  },
  {
    name: 'a comment inside the call would be lost',
    rule: 'quadratic-building',
    code: `Enum.reduce(xs, "", fn x, acc ->
  # one line per item
  acc <> x
end)`,
  },
  {
    name: 'for … reduce: whose clause reads the accumulator twice',
    rule: 'quadratic-building',
    code: `for x <- xs, reduce: "" do
  acc -> acc <> x <> String.duplicate("-", byte_size(acc))
end`,
  },
  {
    name: 'for … reduce: with a non-empty seed',
    rule: 'quadratic-building',
    code: `for x <- xs, reduce: ["header"] do
  acc -> acc ++ [x]
end`,
  },
];

function findingsOf(code: string, rule: RuleId, parsers: Parsers): Finding[] {
  return lintText(code, 'lib/sample.ex', withDefaults({ only: [rule] }), parsers).findings;
}

function moduleName(kind: 'Orig' | 'Fixed', i: number): string {
  return `FixCase${i}${kind}`;
}

function renamed(code: string, name: string): string {
  assert.ok(code.startsWith('defmodule Sample do'), 'cases start with `defmodule Sample do`');
  return `defmodule ${name} do${code.slice('defmodule Sample do'.length)}`;
}

describe('Elixir quick fixes', () => {
  let parsers: Parsers = {};
  const fixedCode = new Map<number, string>();
  let outputs = new Map<string, { orig: string; fixed: string }>();

  before(async () => {
    parsers = await loadParsers();
    // Apply every fix first, then run all originals and fixed versions in one BEAM.
    fixable.forEach((c, i) => {
      const f = findingsOf(c.code, c.rule, parsers).find((x) => x.fixes.length > 0);
      if (f) fixedCode.set(i, applyEdits(c.code, f.fixes[0].edits));
    });
    const lines: string[] = [
      'run = fn f -> try do {:ok, f.()} rescue e -> {:raised, e.__struct__} catch k, v -> {:caught, k, v} end end',
    ];
    fixable.forEach((c, i) => {
      const fixed = fixedCode.get(i);
      if (fixed === undefined) return;
      lines.push(renamed(c.code, moduleName('Orig', i)), renamed(fixed, moduleName('Fixed', i)));
      c.inputs.forEach((input, j) => {
        lines.push(
          `IO.puts("RESULT ${i}:${j} " <> inspect(run.(fn -> ${moduleName('Orig', i)}.run(${input}) end), limit: :infinity) <> " ||| " <> inspect(run.(fn -> ${moduleName('Fixed', i)}.run(${input}) end), limit: :infinity))`,
        );
      });
    });
    const r = spawnSync('elixir', ['-e', lines.join('\n')], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `elixir failed: ${r.error?.message ?? ''}\n${r.stderr}`);
    outputs = new Map();
    for (const line of r.stdout.split('\n')) {
      const m = /^RESULT (\d+:\d+) (.*) \|\|\| (.*)$/.exec(line);
      if (m) outputs.set(m[1], { orig: m[2], fixed: m[3] });
    }
  });

  fixable.forEach((c, i) => {
    test(`fix: ${c.name}`, () => {
      const fixed = fixedCode.get(i);
      assert.ok(fixed !== undefined, 'a fix is offered');
      if (c.fixed !== undefined) assert.equal(fixed, c.fixed);
      const tree = parsers.elixir!.parse(fixed)!;
      assert.equal(tree.rootNode.hasError, false, `the fixed code parses:\n${fixed}`);
      // The fix removes the finding it was offered for.
      assert.deepEqual(findingsOf(fixed, c.rule, parsers).map((f) => f.messageId), []);
      c.inputs.forEach((input, j) => {
        const out = outputs.get(`${i}:${j}`);
        assert.ok(out, `elixir printed a result for input ${input}`);
        assert.ok(out.orig.startsWith('{:ok, '), `the original runs on ${input}: ${out.orig}`);
        assert.equal(out.fixed, out.orig, `same result on ${input}`);
      });
    });
  });

  for (const c of notFixable) {
    test(`no fix: ${c.name}`, () => {
      const findings = findingsOf(c.code, c.rule, parsers);
      assert.equal(findings.length, 1, 'the code is still reported');
      assert.deepEqual(findings[0].fixes, []);
    });
  }
});
