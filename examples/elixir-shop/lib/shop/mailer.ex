defmodule Shop.Mailer do
  @moduledoc """
  A fake mail gateway. `deliver/1` renders a receipt and "sends" it; set
  `config :shop, mailer_latency_ms: 20` to simulate the remote call. `peak_in_flight/0` reports
  the highest number of deliveries that ran at once since `reset/0`, which is what the
  unbounded-concurrency examples change.
  """
  @counter_key {__MODULE__, :counters}

  def reset do
    :persistent_term.put(@counter_key, :counters.new(2, [:write_concurrency]))
    :ok
  end

  def peak_in_flight, do: :counters.get(counters(), 2)

  def deliver(order) do
    c = counters()
    :counters.add(c, 1, 1)
    in_flight = :counters.get(c, 1)
    if in_flight > :counters.get(c, 2), do: :counters.put(c, 2, in_flight)

    try do
      body = "Receipt for order #{order.id} (#{order.status})"

      case Application.get_env(:shop, :mailer_latency_ms, 0) do
        0 -> :ok
        ms -> Process.sleep(ms)
      end

      {:ok, order.id, byte_size(body)}
    after
      :counters.sub(c, 1, 1)
    end
  end

  defp counters do
    case :persistent_term.get(@counter_key, nil) do
      nil ->
        reset()
        :persistent_term.get(@counter_key)

      c ->
        c
    end
  end
end
