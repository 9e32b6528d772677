import { runRuleTable } from '../../rule-tester';

const LIST = 'exListAppend';
const BIN = 'exBinaryAppend';
const PRE = 'exBinaryPrepend';
const COPIED = 'exBinaryAppendCopied';

runRuleTable('quadratic-building', 'elixir', {
  invalid: [
    {
      name: 'recursion that inspects its binary accumulator with case <<…>> before appending (warning)',
      code: `defmodule Markdown do
  defp render([line | rest], acc) do
    case acc do
      <<"#", _::binary>> -> render(rest, acc <> " " <> line)
      _ -> render(rest, acc <> line)
    end
  end
  defp render([], acc), do: acc
end`,
      errors: [
        { line: 4, column: 42, messageId: COPIED, severity: 'warning', message: 'matches `acc` against a bitstring pattern in a `case` (line 3)' },
        { line: 5, column: 25, messageId: COPIED, severity: 'warning' },
      ],
    },
    {
      name: 'Enum.reduce that matches acc directly, then appends (warning)',
      code: `defmodule Stream.Lines do
  def collect(chunks) do
    Enum.reduce(chunks, "", fn chunk, acc ->
      <<_::binary-size(0), _::binary>> = acc
      acc <> chunk
    end)
  end
end`,
      errors: [{ line: 5, column: 7, messageId: COPIED, severity: 'warning', message: 'O(n²)' }],
    },
    {
      name: 'for … reduce: that sends the partial binary each step stays at Information',
      code: `defmodule Progress do
  def build(parts, pid) do
    for p <- parts, reduce: "" do
      acc ->
        send(pid, {:partial, acc})
        acc <> p
    end
  end
end`,
      // Sending does not stop the in-place append (measured linear: examples/elixir-shop/bench/binary_append.exs).
      errors: [{ line: 6, column: 9, messageId: BIN, severity: 'information' }],
    },
    {
      name: 'CSV built with acc <> in Enum.reduce (Information)',
      code: `defmodule Reports.Csv do
  def export(orders) do
    Enum.reduce(orders, "", fn o, acc ->
      acc <> "#{o.id},#{o.status},#{o.total}\\n"
    end)
  end
end`,
      errors: [{ line: 4, column: 7, messageId: BIN, severity: 'information', message: 'matched against a bitstring pattern, or appended to twice' }],
    },
    {
      name: 'piped Enum.reduce with acc <>',
      code: `defmodule Sitemap do
  def render(pages) do
    pages
    |> Enum.reduce("", fn page, xml -> xml <> "<url><loc>#{page.url}</loc></url>" end)
  end
end`,
      errors: [{ line: 4, column: 40, messageId: BIN, message: '`xml <> …`' }],
    },
    {
      name: 'acc ++ [x] in Enum.reduce (warning)',
      code: `defmodule Catalog do
  def skus(products) do
    Enum.reduce(products, [], fn p, acc -> acc ++ [p.sku] end)
  end
end`,
      errors: [{ line: 3, column: 44, messageId: LIST, severity: 'warning', message: 'O(n²)' }],
    },
    {
      name: 'for … reduce: with acc <>',
      code: `defmodule Labels do
  def line(products) do
    for p <- products, reduce: "" do
      acc -> acc <> p.sku <> ";"
    end
  end
end`,
      errors: [{ line: 4, column: 14, messageId: BIN, message: 'the `for … reduce:` comprehension' }],
    },
    {
      name: 'for … reduce: with acc ++ list',
      code: `defmodule Tags do
  def all(posts) do
    for post <- posts, reduce: [] do
      tags -> tags ++ post.tags
    end
  end
end`,
      errors: [{ line: 4, column: 15, messageId: LIST }],
    },
    {
      name: 'recursive accumulator with <> (one-line defp)',
      code: `defmodule Text do
  def join(parts), do: join(parts, "")
  defp join([], acc), do: acc
  defp join([h | t], acc), do: join(t, acc <> h)
end`,
      errors: [{ line: 4, column: 40, messageId: BIN, message: 'the recursion of `join/2` over a list' }],
    },
    {
      name: 'recursive accumulator with ++ through a rebinding',
      code: `defmodule Ledger do
  defp lines([], acc), do: acc
  defp lines([entry | rest], acc) do
    acc = acc ++ [format(entry)]
    lines(rest, acc)
  end
end`,
      errors: [{ line: 4, column: 11, messageId: LIST }],
    },
    {
      name: 'prepending x <> acc copies every time (warning)',
      code: `defmodule Log do
  def newest_first(entries) do
    Enum.reduce(entries, "", fn e, acc -> e.message <> "\\n" <> acc end)
  end
end`,
      errors: [{ line: 3, column: 43, messageId: PRE, severity: 'warning', message: 'never applies to prepending' }],
    },
    {
      name: 'a list field of a map accumulator',
      code: `defmodule Import.Summary do
  def summarize(rows) do
    Enum.reduce(rows, %{ok: 0, errors: []}, fn
      {:ok, _}, acc -> %{acc | ok: acc.ok + 1}
      {:error, e}, acc -> %{acc | errors: acc.errors ++ [e]}
    end)
  end
end`,
      errors: [{ line: 5, column: 43, messageId: LIST, message: '`acc ++ …`' }],
    },
    {
      name: 'Enum.reduce_while with {:cont, acc <> chunk}',
      code: `defmodule Upload do
  def read_until(chunks, limit) do
    Enum.reduce_while(chunks, "", fn chunk, body ->
      if byte_size(body) > limit, do: {:halt, body}, else: {:cont, body <> chunk}
    end)
  end
end`,
      errors: [{ line: 4, column: 68, messageId: BIN, message: 'the `Enum.reduce_while` callback' }],
    },
    {
      name: 'tuple accumulator {count, body}',
      code: `defmodule Digest do
  def build(items) do
    Enum.reduce(items, {0, ""}, fn item, {count, body} ->
      {count + 1, body <> render(item)}
    end)
  end
end`,
      errors: [{ line: 4, column: 19, messageId: BIN }],
    },
    {
      name: 'acc ++ a whole list from each element',
      code: `defmodule Orders do
  def all_lines(orders) do
    Enum.reduce(orders, [], fn order, acc -> acc ++ Enum.map(order.lines, &to_line/1) end)
  end
end`,
      errors: [{ line: 3, column: 46, messageId: LIST }],
    },
    {
      name: 'Enum.map_reduce accumulating a list',
      code: `defmodule Numbering do
  def number(rows) do
    Enum.map_reduce(rows, [], fn row, seen -> {row, seen ++ [row.id]} end)
  end
end`,
      errors: [{ line: 3, column: 53, messageId: LIST }],
    },
    {
      name: 'case inside a reduce callback',
      code: `defmodule Errors do
  def collect(results) do
    Enum.reduce(results, [], fn result, errors ->
      case result do
        {:error, reason} -> errors ++ [reason]
        _ -> errors
      end
    end)
  end
end`,
      errors: [{ line: 5, column: 29, messageId: LIST }],
    },
  ],
  valid: [
    {
      name: 'Enum.map_join',
      code: `defmodule Reports.Csv do
  def export(orders), do: Enum.map_join(orders, "\\n", &"#{&1.id},#{&1.status}")
end`,
    },
    {
      name: 'iolist accumulator and IO.iodata_to_binary',
      code: `defmodule Reports.Csv do
  def export(orders) do
    orders
    |> Enum.reduce([], fn o, acc -> [acc, to_string(o.id), ",", o.status, "\\n"] end)
    |> IO.iodata_to_binary()
  end
end`,
    },
    {
      name: 'prepend with [x | acc] and reverse once',
      code: `defmodule Catalog do
  def skus(products) do
    products |> Enum.reduce([], fn p, acc -> [p.sku | acc] end) |> Enum.reverse()
  end
end`,
    },
    {
      name: 'for … into: ""',
      code: `defmodule Labels do
  def line(products), do: for(p <- products, into: "", do: p.sku <> ";")
end`,
    },
    {
      name: '<> that builds the element, not the accumulator',
      code: `defmodule People do
  def names(users) do
    Enum.reduce(users, [], fn u, acc -> [u.first <> " " <> u.last | acc] end)
  end
end`,
    },
    {
      name: 'a single <> outside any loop',
      code: `defmodule Mail do
  def body(header, text), do: header <> "\\n\\n" <> text
end`,
    },
    {
      name: '[x] ++ acc copies only the one-element list',
      code: `defmodule Stack do
  def push_all(items, stack), do: Enum.reduce(items, stack, fn i, acc -> [i] ++ acc end)
end`,
    },
    {
      name: 'reduce over a literal list of parts',
      code: `defmodule Address do
  def line(a), do: Enum.reduce([a.street, a.zip, a.city], "", fn part, acc -> acc <> part <> " " end)
end`,
    },
    {
      name: 'Enum.map with a prefix, no accumulator',
      code: `defmodule Paths do
  def under(root, names), do: Enum.map(names, fn n -> root <> "/" <> n end)
end`,
    },
    {
      name: 'binary pattern in the callback head',
      code: `defmodule Comments do
  def strip(lines) do
    Enum.reduce(lines, [], fn
      "#" <> _rest, acc -> acc
      line, acc -> [line | acc]
    end)
  end
end`,
    },
    {
      name: 'path prefix passed down a tree (recursion into children, not over the tail)',
      code: `defmodule Tree do
  def paths([], _prefix), do: []
  def paths([node | _siblings], prefix), do: paths(node.children, prefix <> "/" <> node.name)
end`,
    },
    {
      name: 'for … reduce: over a small literal range',
      code: `defmodule Banner do
  def stars do
    for _ <- 1..5, reduce: "" do
      acc -> acc <> "*"
    end
  end
end`,
    },
    {
      name: 'the accumulator is a number',
      code: `defmodule Totals do
  def sum(orders), do: Enum.reduce(orders, 0, fn o, acc -> acc + o.total end)
end`,
    },
    {
      name: '<> inside a nested non-reducing fn (not the accumulator being rebuilt)',
      code: `defmodule Greeting do
  def greet(groups) do
    Enum.reduce(groups, [], fn g, acc -> [Enum.map(g, fn name -> "hi " <> name end) | acc] end)
  end
end`,
    },
    {
      name: 'test files are skipped by default',
      file: 'test/csv_test.exs',
      code: `defmodule CsvTest do
  use ExUnit.Case
  test "big" do
    assert Enum.reduce(1..1000, "", fn i, acc -> acc <> to_string(i) end) != ""
  end
end`,
    },
  ],
});
