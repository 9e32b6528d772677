defmodule Shop.Pricing do
  @moduledoc """
  Basket totals. `total/1` is the N+1 version (one `Repo.get/2` per product id, which
  `mix profile.cprof -e "Shop.Pricing.total(Enum.to_list(1..40))"` shows as 40 calls);
  `total_batched/1` loads all products in one query and returns the same number.
  """
  import Shop.Query, only: [from: 2]

  alias Shop.{Product, Repo}

  @doc "Sum of the prices (cents) of these product ids; an id may repeat."
  def total(product_ids) do
    Enum.reduce(product_ids, 0, fn id, sum ->
      sum + Repo.get!(Product, id).price_cents
    end)
  end

  def total_batched(product_ids) do
    prices =
      Repo.all(from p in Product, where: p.id in ^product_ids)
      |> Map.new(&{&1.id, &1.price_cents})

    Enum.reduce(product_ids, 0, fn id, sum -> sum + Map.fetch!(prices, id) end)
  end

  @doc "Line total of an order item, with a volume discount from 10 units."
  def line_total(%{quantity: q, unit_price_cents: p}) when q >= 10, do: div(q * p * 95, 100)
  def line_total(%{quantity: q, unit_price_cents: p}), do: q * p
end
