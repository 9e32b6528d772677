defmodule Shop.Fast.Notifier do
  @moduledoc """
  The bounded twins of `Shop.Slow.Notifier`: at most `@max_concurrency` deliveries in flight,
  each with an explicit timeout (the seeds' standard: explicit `max_concurrency` and `timeout`,
  `on_timeout: :kill_task`).
  """
  alias Shop.Mailer

  # The mail gateway accepts ~20 concurrent connections; stay under it.
  @max_concurrency 16
  @timeout 10_000

  @doc "Sends one receipt per order; returns `{:ok, order_id, bytes}` (or `{:error, :timeout}`) per order, in order."
  def send_receipts(orders) do
    orders
    |> Task.async_stream(&Mailer.deliver/1,
      max_concurrency: @max_concurrency,
      timeout: @timeout,
      on_timeout: :kill_task
    )
    |> Enum.map(fn
      {:ok, result} -> result
      {:exit, :timeout} -> {:error, :timeout}
    end)
  end

  @doc "Same function as `Shop.Slow.Notifier.send_receipts_for/1`: the comprehension was the only difference."
  def send_receipts_for(orders), do: send_receipts(orders)

  @doc "Waits for every delivery, bounded; returns the number of orders notified."
  def notify_all(orders) do
    orders
    |> Task.async_stream(&Mailer.deliver/1,
      max_concurrency: @max_concurrency,
      timeout: @timeout,
      on_timeout: :kill_task,
      ordered: false
    )
    |> Enum.count(&match?({:ok, _}, &1))
  end

  @doc "The explicit version of `Shop.Slow.Notifier.send_receipts_stream/1`."
  def send_receipts_stream(orders), do: send_receipts(orders)
end
