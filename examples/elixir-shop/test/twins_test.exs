defmodule Shop.TwinsTest do
  # The slow and fast modules must return the same values; the fast ones with fewer queries.
  use ExUnit.Case, async: false

  alias Shop.{Fast, LineItem, Order, Product, Repo, Slow, User}

  setup do
    Repo.reset_query_count()
    :ok
  end

  defp queries(fun) do
    Repo.reset_query_count()
    result = fun.()
    {result, Repo.query_count()}
  end

  test "customers: same users, N queries vs 1" do
    ids = [5, 999, 7, 5]
    {slow, n_slow} = queries(fn -> Slow.Orders.customers(ids) end)
    {fast, n_fast} = queries(fn -> Fast.Orders.customers(ids) end)
    assert slow == fast
    assert [%User{id: 5}, nil, %User{id: 7}, %User{id: 5}] = fast
    assert {n_slow, n_fast} == {4, 1}
  end

  test "with_line_items, orders_by_customer, emails, product_ids_for_skus agree" do
    orders = Repo.all(Order) |> Enum.take(20)
    assert Slow.Orders.with_line_items(orders) == Fast.Orders.with_line_items(orders)
    users = Repo.all(User) |> Enum.take(30)
    assert Slow.Orders.orders_by_customer(users) == Fast.Orders.orders_by_customer(users)
    assert Slow.Orders.emails([1, 2, 3]) == Fast.Orders.emails([1, 2, 3])
    skus = ["SKU-0001", "NOPE", "SKU-0042"]

    assert Slow.Orders.product_ids_for_skus(skus) == %{
             "SKU-0001" => 1,
             "NOPE" => nil,
             "SKU-0042" => 42
           }

    assert Slow.Orders.product_ids_for_skus(skus) == Fast.Orders.product_ids_for_skus(skus)
  end

  test "pricing: total and total_batched agree" do
    ids = Enum.to_list(1..40) ++ [3, 3]
    {slow, n_slow} = queries(fn -> Shop.Pricing.total(ids) end)
    {fast, n_fast} = queries(fn -> Shop.Pricing.total_batched(ids) end)
    assert slow == fast
    assert {n_slow, n_fast} == {42, 1}
  end

  test "reports agree" do
    orders = Repo.all(Order)
    products = Repo.all(Product)
    items = Repo.all(LineItem) |> Enum.take(50)
    assert Slow.Reports.orders_csv(orders) == Fast.Reports.orders_csv(orders)

    assert Slow.Reports.expensive_products(products, 700) ==
             Fast.Reports.expensive_products(products, 700)

    assert Slow.Reports.sku_list(products) == Fast.Reports.sku_list(products)
    assert Slow.Reports.receipt_lines(items) == Fast.Reports.receipt_lines(items)
    assert Slow.Reports.line_totals(items) == Fast.Reports.line_totals(items)
  end

  test "notifiers: same results, bounded peak concurrency" do
    orders = Repo.all(Order) |> Enum.take(100)
    assert Slow.Notifier.send_receipts(orders) == Fast.Notifier.send_receipts(orders)
    assert Slow.Notifier.send_receipts_for(orders) == Fast.Notifier.send_receipts_for(orders)

    assert Slow.Notifier.send_receipts_stream(orders) ==
             Fast.Notifier.send_receipts_stream(orders)

    Application.put_env(:shop, :mailer_latency_ms, 2)

    try do
      Shop.Mailer.reset()
      Fast.Notifier.notify_all(orders)
      assert Shop.Mailer.peak_in_flight() <= 16
    after
      Application.delete_env(:shop, :mailer_latency_ms)
    end
  end

  test "checkout helpers" do
    assert %Order{id: 9} = Shop.Checkout.fetch_order_with_retry(9)
    assert Shop.Checkout.fetch_order_with_retry(10_000) == nil
    assert %User{id: 4} = Shop.Checkout.customer_with_retry(4)
    assert [_ | _] = Shop.Checkout.recent_orders_with_items(8)
    order = Shop.Checkout.place_order(3, [{1, 2}, {2, 1}])
    assert length(order.line_items) == 2
    assert %{order_count: _} = Shop.Checkout.dashboard(3)

    assert Shop.Checkout.summary(%Order{id: 1}, [%{quantity: 2, product_id: 7}]) ==
             "Order #1\n2 x 7"
  end
end
