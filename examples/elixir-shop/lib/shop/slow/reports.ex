defmodule Shop.Slow.Reports do
  @moduledoc """
  Building results by appending to the end of an accumulator. `acc ++ [x]` copies the whole
  list on every step (O(n²) for n elements). `acc <> x` is often appended in place by the BEAM's
  binary append optimization, but that breaks as soon as the accumulator is matched or appended to twice,
  and it says nothing about intent: the twins in `Shop.Fast.Reports` are linear by construction.
  """
  alias Shop.Pricing

  @header "id,customer_id,status\n"

  @doc "CSV export of orders."
  def orders_csv(orders) do
    Enum.reduce(orders, @header, fn order, acc ->
      acc <> "#{order.id},#{order.customer_id},#{order.status}\n"
    end)
  end

  @doc "Products at or above `min_cents`, in catalogue order."
  def expensive_products(products, min_cents) do
    Enum.reduce(products, [], fn product, acc ->
      if product.price_cents >= min_cents, do: acc ++ [product], else: acc
    end)
  end

  @doc "`SKU-0001;SKU-0002;...;` for a packing slip."
  def sku_list(products) do
    for product <- products, reduce: "" do
      acc -> acc <> product.sku <> ";"
    end
  end

  @doc "One text line per order item."
  def receipt_lines(items), do: receipt_lines(items, "")

  defp receipt_lines([], acc), do: acc

  defp receipt_lines([item | rest], acc) do
    receipt_lines(
      rest,
      acc <> "#{item.quantity} x #{item.product_id}: #{Pricing.line_total(item)}\n"
    )
  end

  @doc "Line totals per order, as a list in order."
  def line_totals(items) do
    Enum.reduce(items, [], fn item, acc -> acc ++ [Pricing.line_total(item)] end)
  end
end
