defmodule Shop.Checkout do
  @moduledoc """
  Code that looks close to the anti-patterns but is fine; Perf Lens must stay silent on all of it.
  """
  import Shop.Query, only: [from: 2]

  alias Shop.{LineItem, Order, Pricing, Product, Repo, User}

  @doc "Reads with a small, constant retry budget: at most 3 queries, whatever the input."
  def fetch_order_with_retry(id) do
    Enum.reduce_while(1..3, nil, fn _attempt, _ ->
      case Repo.get(Order, id) do
        nil -> {:cont, nil}
        order -> {:halt, order}
      end
    end)
  end

  @doc "Retry by recursion on an attempt counter (not over a list)."
  def customer_with_retry(id, attempt \\ 1) do
    case Repo.get(User, id) do
      nil when attempt < 3 -> customer_with_retry(id, attempt + 1)
      result -> result
    end
  end

  @doc "The query is hoisted out of the loop: one query, then pure work per item."
  def quote_items(customer_id, items) do
    customer = Repo.get!(User, customer_id)
    discount = if customer.tier == :gold, do: 10, else: 0
    Enum.map(items, fn item -> div(Pricing.line_total(item) * (100 - discount), 100) end)
  end

  @doc "Preload on the whole list: one query per association."
  def recent_orders_with_items(customer_id) do
    Repo.all(from o in Order, where: o.customer_id == ^customer_id)
    |> Repo.preload(line_items: :product)
  end

  @doc "Creates an order and its items with two queries, however many items there are."
  def place_order(customer_id, cart) do
    product_ids = Enum.map(cart, fn {product_id, _qty} -> product_id end)

    prices =
      Repo.all(from p in Product, where: p.id in ^product_ids)
      |> Map.new(&{&1.id, &1.price_cents})

    {:ok, order} = Repo.insert(%Order{customer_id: customer_id, status: :paid})

    entries =
      Enum.map(cart, fn {product_id, qty} ->
        %{
          order_id: order.id,
          product_id: product_id,
          quantity: qty,
          unit_price_cents: Map.fetch!(prices, product_id)
        }
      end)

    {_count, items} = Repo.insert_all(LineItem, entries)
    %{order | line_items: items}
  end

  @doc "A fixed number of concurrent tasks (two), not one per element."
  def dashboard(customer_id) do
    orders = Task.async(fn -> Repo.all(from o in Order, where: o.customer_id == ^customer_id) end)

    customer = Task.async(fn -> Repo.get(User, customer_id) end)
    [orders, customer] = Task.await_many([orders, customer], 5_000)
    %{customer: customer, order_count: length(orders)}
  end

  @doc "One concatenation, not in a loop; and a join that builds the string once."
  def summary(order, items) do
    header = "Order #" <> Integer.to_string(order.id) <> "\n"
    header <> Enum.map_join(items, "\n", &"#{&1.quantity} x #{&1.product_id}")
  end
end
