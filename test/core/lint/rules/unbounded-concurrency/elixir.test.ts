import { runRuleTable } from '../../rule-tester';

const TASK = 'exTaskPerElement';
const SPAWN = 'exSpawnPerElement';
const STREAM = 'exAsyncStreamDefaults';

runRuleTable('unbounded-concurrency', 'elixir', {
  invalid: [
    {
      name: 'capture of Task.async in a piped Enum.map, awaited after the map',
      code: `defmodule Catalog.Thumbnails do
  def render_all(images) do
    images
    |> Enum.map(&Task.async(fn -> Thumbnailer.render(&1) end))
    |> Task.await_many(30_000)
  end
end`,
      errors: [{ line: 4, column: 18, messageId: TASK, message: 'Task.async_stream(xs, fun, max_concurrency: n, timeout: ms)' }],
    },
    {
      name: 'Task.async in an Enum.map fn, then Task.await_many',
      code: `defmodule Shop.Shipping do
  def quotes(carriers, parcel) do
    Enum.map(carriers, fn carrier -> Task.async(fn -> Carrier.quote(carrier, parcel) end) end)
    |> Task.await_many()
  end
end`,
      errors: [{ line: 3, column: 38, messageId: TASK, message: 'the `Enum.map` callback over `carriers`' }],
    },
    {
      name: 'Task.async in a for comprehension',
      code: `defmodule Search do
  def fan_out(shards, q) do
    tasks = for shard <- shards, do: Task.async(fn -> Shard.search(shard, q) end)
    Enum.map(tasks, &Task.await/1)
  end
end`,
      errors: [{ line: 3, column: 38, messageId: TASK }],
    },
    {
      name: 'spawn in Enum.each (fire-and-forget mails)',
      code: `defmodule Notifier do
  def notify(orders) do
    Enum.each(orders, fn o -> spawn(fn -> Mailer.deliver(o) end) end)
  end
end`,
      errors: [{ line: 3, column: 31, messageId: SPAWN, message: '`spawn`' }],
    },
    {
      name: 'Task.start in a piped Enum.each',
      code: `defmodule Analytics do
  def track(events) do
    events
    |> Enum.each(fn e ->
      Task.start(fn -> Segment.track(e) end)
    end)
  end
end`,
      errors: [{ line: 5, column: 7, messageId: SPAWN, message: 'job queue' }],
    },
    {
      name: 'Task.Supervisor.async_nolink per element in a LiveView event',
      code: `defmodule ShopWeb.ImportLive do
  use ShopWeb, :live_view

  def handle_event("import", %{"urls" => urls}, socket) do
    tasks = Enum.map(urls, &Task.Supervisor.async_nolink(Shop.TaskSup, fn -> Importer.fetch(&1) end))
    {:noreply, assign(socket, tasks: tasks)}
  end
end`,
      errors: [{ line: 5, column: 29, messageId: TASK, message: '`Task.Supervisor.async_nolink`' }],
    },
    {
      name: 'Task.Supervisor.start_child in a for',
      code: `defmodule Webhooks.Dispatcher do
  def dispatch(deliveries) do
    for d <- deliveries do
      Task.Supervisor.start_child(Webhooks.TaskSup, fn -> Webhooks.send(d) end)
    end
  end
end`,
      errors: [{ line: 4, column: 7, messageId: SPAWN }],
    },
    {
      name: 'spawn_link while recursing over a list',
      code: `defmodule Workers do
  def start_all([]), do: :ok
  def start_all([job | rest]) do
    spawn_link(fn -> Job.run(job) end)
    start_all(rest)
  end
end`,
      errors: [{ line: 4, column: 5, messageId: SPAWN, message: 'the recursion of `start_all/1` over a list' }],
    },
    {
      name: 'Task.Supervisor.async in Stream.map',
      code: `defmodule Crawl do
  def crawl(urls) do
    urls
    |> Stream.map(fn url -> Task.Supervisor.async(Crawl.Sup, fn -> fetch(url) end) end)
    |> Enum.map(&Task.await/1)
  end
end`,
      errors: [{ line: 4, column: 29, messageId: TASK }],
    },
    {
      name: 'tasks per element inside an outer loop over a small range still grow with the data',
      code: `defmodule Replicas do
  def warm(keys) do
    Enum.each(1..2, fn replica ->
      Enum.map(keys, &Task.async(fn -> Cache.warm(replica, &1) end)) |> Task.await_many()
    end)
  end
end`,
      errors: [{ line: 4, column: 23, messageId: TASK }],
    },
    {
      name: 'one task per chunk: the number of chunks grows with the input',
      code: `defmodule Backfill do
  def run(ids) do
    ids
    |> Enum.chunk_every(500)
    |> Enum.map(&Task.async(fn -> Backfill.Batch.run(&1) end))
    |> Task.await_many(:infinity)
  end
end`,
      errors: [{ line: 5, column: 18, messageId: TASK }],
    },
    {
      name: 'tasks per chunk element, but every chunk started at once (nothing awaited per chunk)',
      code: `defmodule Backfill do
  def start(ids) do
    Enum.chunk_every(ids, 50)
    |> Enum.flat_map(fn chunk -> Enum.map(chunk, &Task.async(fn -> work(&1) end)) end)
  end
end`,
      errors: [{ line: 4, column: 51, messageId: TASK, message: 'the `Enum.flat_map` callback' }],
    },
    {
      name: 'Task.async_stream with no options at all (Information, Oban worker)',
      code: `defmodule MyApp.Workers.Reindex do
  use Oban.Worker

  def perform(%Oban.Job{args: %{"ids" => ids}}) do
    Task.async_stream(ids, &Search.reindex/1) |> Stream.run()
  end
end`,
      errors: [{ line: 5, column: 5, messageId: STREAM, severity: 'information', message: '`:max_concurrency` and `:timeout`' }],
    },
    {
      name: 'piped Task.async_stream with other options only',
      code: `defmodule Verify do
  def verify(ids) do
    ids
    |> Task.async_stream(&check/1, ordered: false)
    |> Enum.to_list()
  end
end`,
      errors: [{ line: 4, column: 8, messageId: STREAM, severity: 'information' }],
    },
    {
      name: 'max_concurrency without timeout',
      code: `defmodule Verify do
  def verify(ids), do: Task.async_stream(ids, &check/1, max_concurrency: 20) |> Enum.to_list()
end`,
      errors: [{ line: 2, column: 24, messageId: STREAM, severity: 'information', message: 'default `:timeout`' }],
    },
    {
      name: 'timeout without max_concurrency, in a keyword list',
      code: `defmodule Verify do
  def verify(ids), do: Task.async_stream(ids, Checker, :check, [], [timeout: 60_000]) |> Enum.to_list()
end`,
      errors: [{ line: 2, column: 24, messageId: STREAM, severity: 'information', message: 'default `:max_concurrency`' }],
    },
    {
      name: 'multi-line Task.Supervisor.async_stream_nolink',
      code: `defmodule Mailer.Batch do
  def send_all(emails) do
    Task.Supervisor.async_stream_nolink(Mailer.TaskSup, emails, &Mailer.deliver/1,
      ordered: false,
      on_timeout: :kill_task
    )
    |> Stream.run()
  end
end`,
      errors: [{ line: 3, column: 5, messageId: STREAM, severity: 'information' }],
    },
  ],
  valid: [
    {
      name: 'a fixed literal list of tasks',
      code: `defmodule Dashboard do
  def load(user) do
    [Task.async(fn -> Orders.recent(user) end), Task.async(fn -> Stats.for(user) end)]
    |> Task.await_many()
  end
end`,
    },
    {
      name: 'chunked batches: the inner map runs over one chunk',
      code: `defmodule Thumbs do
  def render(images) do
    images
    |> Enum.chunk_every(10)
    |> Enum.each(fn chunk ->
      chunk |> Enum.map(&Task.async(fn -> Thumbnailer.render(&1) end)) |> Task.await_many()
    end)
  end
end`,
    },
    {
      name: 'Task.async_stream with max_concurrency and timeout',
      code: `defmodule Verify do
  def verify(ids) do
    ids
    |> Task.async_stream(&check/1, max_concurrency: 50, timeout: 30_000, on_timeout: :kill_task)
    |> Enum.to_list()
  end
end`,
    },
    {
      name: 'keyword-list options with both keys',
      code: `defmodule Verify do
  def verify(ids), do: Task.async_stream(ids, &check/1, [max_concurrency: 2, timeout: 10_000])
end`,
    },
    {
      name: 'multi-line supervised async_stream with both keys',
      code: `defmodule Mailer.Batch do
  def send_all(emails) do
    Task.Supervisor.async_stream_nolink(Mailer.TaskSup, emails, &Mailer.deliver/1,
      max_concurrency: 20,
      timeout: 15_000
    )
    |> Stream.run()
  end
end`,
    },
    {
      name: 'options passed in a variable: cannot tell, stay silent',
      code: `defmodule Runner do
  def run(xs, opts), do: Task.async_stream(xs, &work/1, opts)
end`,
    },
    {
      name: 'one task outside any loop',
      code: `defmodule Report do
  def build(user) do
    totals = Task.async(fn -> Totals.compute(user) end)
    details = Details.load(user)
    {Task.await(totals), details}
  end
end`,
    },
    {
      name: 'awaited in the same iteration: one task at a time',
      code: `defmodule Sequential do
  def run(jobs) do
    Enum.map(jobs, fn job ->
      job |> then(&Task.async(fn -> Job.run(&1) end)) |> Task.await(10_000)
    end)
  end
end`,
    },
    {
      name: 'a fixed pool of workers over a literal range',
      code: `defmodule Pool do
  def start(queue) do
    Enum.map(1..4, fn _ -> Task.async(fn -> drain(queue) end) end) |> Task.await_many(:infinity)
  end
end`,
    },
    {
      name: 'spawn once in a GenServer init',
      code: `defmodule Ticker do
  use GenServer
  def init(state) do
    spawn_link(fn -> tick(self()) end)
    {:ok, state}
  end
end`,
    },
    {
      name: 'Task.start over a literal list of named jobs',
      code: `defmodule Boot do
  def warm, do: Enum.each([:prices, :stock, :menus], &Task.start(fn -> Cache.warm(&1) end))
end`,
    },
    {
      name: 'plain Enum.map without processes',
      code: `defmodule Prices do
  def totals(orders), do: Enum.map(orders, &Order.total/1)
end`,
    },
    {
      name: 'test files are skipped by default',
      file: 'test/notifier_test.exs',
      code: `defmodule NotifierTest do
  use ExUnit.Case
  test "many" do
    Enum.each(1..1000, fn i -> spawn(fn -> send(self(), i) end) end)
    Task.async_stream(1..10, & &1)
  end
end`,
    },
    {
      name: 'Task.start of one job from a handle_cast',
      code: `defmodule Exporter do
  def handle_cast({:export, report}, state) do
    Task.Supervisor.start_child(Exporter.Sup, fn -> Report.export(report) end)
    {:noreply, state}
  end
end`,
    },
  ],
});
