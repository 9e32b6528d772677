defmodule Shop.Slow.Notifier do
  @moduledoc """
  Fan-out with concurrency that grows with the input: one process per element, all at once.
  With 100,000 orders that is 100,000 processes, mailboxes and simultaneous calls to the mail
  gateway. `Shop.Fast.Notifier` bounds it.
  """
  alias Shop.Mailer

  @doc "Sends one receipt per order; returns `{:ok, order_id, bytes}` per order, in order."
  def send_receipts(orders) do
    orders
    |> Enum.map(fn order -> Task.async(fn -> Mailer.deliver(order) end) end)
    |> Enum.map(&Task.await/1)
  end

  @doc "Same, written as a comprehension."
  def send_receipts_for(orders) do
    tasks = for order <- orders, do: Task.async(fn -> Mailer.deliver(order) end)
    Task.await_many(tasks)
  end

  @doc "Fire-and-forget: one unsupervised process per order, nobody waits or sees failures."
  def notify_all(orders) do
    Enum.each(orders, fn order ->
      spawn(fn -> Mailer.deliver(order) end)
    end)
  end

  @doc "Bounded by default (schedulers online) but implicit: no explicit limit, 5 s default timeout."
  def send_receipts_stream(orders) do
    orders
    |> Task.async_stream(&Mailer.deliver/1)
    |> Enum.map(fn {:ok, result} -> result end)
  end
end
