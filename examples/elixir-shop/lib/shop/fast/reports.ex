defmodule Shop.Fast.Reports do
  @moduledoc """
  The linear twins of `Shop.Slow.Reports`: same functions, same results. Strings are built with
  `Enum.map_join/3`, iolists or `for ... into: ""`; lists by prepending (`[x | acc]`) and reversing once.
  """
  alias Shop.Pricing

  @header "id,customer_id,status\n"

  @doc "CSV export of orders, as an iolist turned into one binary at the end."
  def orders_csv(orders) do
    rows =
      Enum.map(orders, fn order ->
        [
          Integer.to_string(order.id),
          ?,,
          Integer.to_string(order.customer_id),
          ?,,
          Atom.to_string(order.status),
          ?\n
        ]
      end)

    IO.iodata_to_binary([@header | rows])
  end

  @doc "Products at or above `min_cents`, in catalogue order."
  def expensive_products(products, min_cents) do
    products
    |> Enum.reduce([], fn product, acc ->
      if product.price_cents >= min_cents, do: [product | acc], else: acc
    end)
    |> Enum.reverse()
  end

  @doc "`SKU-0001;SKU-0002;...;` for a packing slip."
  def sku_list(products) do
    for product <- products, into: "", do: product.sku <> ";"
  end

  @doc "One text line per order item."
  def receipt_lines(items) do
    Enum.map_join(items, fn item ->
      "#{item.quantity} x #{item.product_id}: #{Pricing.line_total(item)}\n"
    end)
  end

  @doc "Line totals per order, as a list in order."
  def line_totals(items), do: Enum.map(items, &Pricing.line_total/1)
end
