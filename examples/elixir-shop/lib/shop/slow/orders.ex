defmodule Shop.Slow.Orders do
  @moduledoc """
  Order lookups written the N+1 way: one query per element. `Shop.Fast.Orders` has the same
  functions, returning the same values, with one query per call.
  """
  import Shop.Query, only: [from: 2]

  alias Shop.{Order, Product, Repo, User}

  @doc "The customers with these ids, in the same order (nil for unknown ids)."
  def customers(ids) do
    Enum.map(ids, &Repo.get(User, &1))
  end

  @doc "The orders with their line items loaded."
  def with_line_items(orders) do
    for order <- orders do
      Repo.preload(order, :line_items)
    end
  end

  @doc "`{customer_id, orders}` for each customer."
  def orders_by_customer(customers) do
    Enum.map(customers, fn customer ->
      {customer.id, Repo.all(from o in Order, where: o.customer_id == ^customer.id)}
    end)
  end

  @doc "The e-mail addresses of these user ids (all must exist)."
  def emails([]), do: []

  def emails([id | rest]) do
    user = Repo.get!(User, id)
    [user.email | emails(rest)]
  end

  @doc "Product ids for the SKUs of an import file; unknown SKUs map to nil."
  def product_ids_for_skus(skus) do
    Map.new(skus, fn sku ->
      product = Repo.get_by(Product, sku: sku)
      {sku, product && product.id}
    end)
  end
end
