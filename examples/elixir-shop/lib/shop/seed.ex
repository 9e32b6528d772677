defmodule Shop.Seed do
  @moduledoc "Deterministic sample data: 200 users, 100 products, 300 orders, 900 line items."

  alias Shop.{LineItem, Order, Product, User}

  @tiers [:standard, :silver, :gold]
  @statuses [:paid, :shipped, :delivered]

  def tables do
    products = Map.new(1..100, &{&1, product(&1)})

    items =
      for order_id <- 1..300, n <- 0..2, into: %{} do
        id = (order_id - 1) * 3 + n + 1
        product_id = rem(order_id * 13 + n * 29, 100) + 1

        {id,
         %LineItem{
           id: id,
           order_id: order_id,
           product_id: product_id,
           quantity: rem(id, 4) + 1,
           unit_price_cents: products[product_id].price_cents
         }}
      end

    %{
      User => Map.new(1..200, &{&1, user(&1)}),
      Product => products,
      Order => Map.new(1..300, &{&1, order(&1)}),
      LineItem => items
    }
  end

  defp user(id) do
    %User{
      id: id,
      name: "Customer #{id}",
      email: "customer#{id}@example.com",
      tier: Enum.at(@tiers, rem(id, 3))
    }
  end

  defp product(id) do
    %Product{
      id: id,
      sku: "SKU-" <> String.pad_leading(Integer.to_string(id), 4, "0"),
      name: "Product #{id}",
      price_cents: 199 + rem(id * 37, 900)
    }
  end

  defp order(id),
    do: %Order{id: id, customer_id: rem(id * 7, 200) + 1, status: Enum.at(@statuses, rem(id, 3))}
end
