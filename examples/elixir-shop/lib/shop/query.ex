defmodule Shop.Query do
  @moduledoc """
  A tiny subset of `Ecto.Query.from/2`, enough for the example to read like Ecto code:

      from u in User, where: u.id in ^ids
      from o in Order, where: o.customer_id == ^customer.id

  Each `where:` is `binding.field <op> value` with op `in`, `==`, `!=`, `<`, `<=`, `>`, `>=`;
  the value is pinned (`^expr`) or a literal. Several `where:` keys are ANDed.
  """
  defstruct [:schema, wheres: []]

  @type t :: %__MODULE__{schema: module, wheres: [{atom, atom, term}]}

  @ops [:in, :==, :!=, :<, :<=, :>, :>=]

  defmacro from({:in, _, [{var, _, ctx}, schema]}, opts) when is_atom(var) and is_atom(ctx) do
    wheres = opts |> Keyword.get_values(:where) |> Enum.map(&compile_where(&1, var))

    quote do
      %Shop.Query{schema: unquote(schema), wheres: unquote(wheres)}
    end
  end

  defp compile_where({op, _, [{{:., _, [{var, _, _}, field]}, _, []}, value]}, var)
       when op in @ops and is_atom(field) do
    quote do: {unquote(field), unquote(op), unquote(unpin(value))}
  end

  defp compile_where(other, _var) do
    raise ArgumentError, "Shop.Query.from/2 does not support where: #{Macro.to_string(other)}"
  end

  defp unpin({:^, _, [expr]}), do: expr
  defp unpin(literal), do: literal

  @doc false
  def matches?(row, wheres), do: Enum.all?(wheres, &match_one?(row, &1))

  defp match_one?(row, {field, :in, values}), do: Map.fetch!(row, field) in values
  defp match_one?(row, {field, :==, v}), do: Map.fetch!(row, field) == v
  defp match_one?(row, {field, :!=, v}), do: Map.fetch!(row, field) != v
  defp match_one?(row, {field, :<, v}), do: Map.fetch!(row, field) < v
  defp match_one?(row, {field, :<=, v}), do: Map.fetch!(row, field) <= v
  defp match_one?(row, {field, :>, v}), do: Map.fetch!(row, field) > v
  defp match_one?(row, {field, :>=, v}), do: Map.fetch!(row, field) >= v
end
