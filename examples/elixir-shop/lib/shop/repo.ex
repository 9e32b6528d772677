defmodule Shop.Repo do
  @moduledoc """
  An in-memory stand-in for an `Ecto.Repo`, with the same call shapes the linter looks for:
  `get/2`, `get!/2`, `get_by/2`, `all/1`, `one/1`, `exists?/1`, `aggregate/3`, `preload/2`,
  `insert/1`, `insert_all/2`.

  Every query is one `GenServer.call` to the process that owns the data: a real message round trip,
  the in-process analogue of a database round trip. Set `config :shop, repo_latency_ms: 2` (or
  `Application.put_env(:shop, :repo_latency_ms, 2)`) to add a simulated network round trip per query,
  which is what makes an N+1 expensive in production. `query_count/0` counts queries.
  """
  use GenServer

  alias Shop.Query

  # ---- process ----

  def start_link(opts \\ []), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts), do: {:ok, %{tables: Shop.Seed.tables(), next_id: %{}, queries: 0}}

  @impl true
  def handle_call(:query_count, _from, state), do: {:reply, state.queries, state}
  def handle_call(:reset_query_count, _from, state), do: {:reply, :ok, %{state | queries: 0}}

  def handle_call({:select, schema, wheres}, _from, state) do
    rows =
      state.tables
      |> Map.get(schema, %{})
      |> Map.values()
      |> Enum.filter(&Query.matches?(&1, wheres))
      |> Enum.sort_by(& &1.id)

    {:reply, rows, count(state)}
  end

  def handle_call({:insert, schema, entries}, _from, state) do
    table = Map.get(state.tables, schema, %{})
    first_id = Map.get(state.next_id, schema, map_size(table) + 1)

    {rows, next_id} =
      Enum.map_reduce(entries, first_id, fn entry, id ->
        {struct(schema, Map.put(entry, :id, id)), id + 1}
      end)

    table = Map.merge(table, Map.new(rows, &{&1.id, &1}))

    state = %{
      state
      | tables: Map.put(state.tables, schema, table),
        next_id: Map.put(state.next_id, schema, next_id)
    }

    {:reply, rows, count(state)}
  end

  defp count(state), do: %{state | queries: state.queries + 1}

  # ---- Ecto-like API ----

  @doc "Number of queries run since start (or since `reset_query_count/0`)."
  def query_count, do: GenServer.call(__MODULE__, :query_count)
  def reset_query_count, do: GenServer.call(__MODULE__, :reset_query_count)

  def get(schema, id), do: schema |> select([{:id, :==, id}]) |> List.first()

  def get!(schema, id) do
    get(schema, id) || raise ArgumentError, "no #{inspect(schema)} with id #{inspect(id)}"
  end

  def get_by(schema, clauses) do
    schema
    |> select(Enum.map(clauses, fn {field, value} -> {field, :==, value} end))
    |> List.first()
  end

  def all(%Query{schema: schema, wheres: wheres}), do: select(schema, wheres)
  def all(schema) when is_atom(schema), do: select(schema, [])

  def one(queryable) do
    case all(queryable) do
      [] -> nil
      [row] -> row
      rows -> raise ArgumentError, "expected at most one result, got #{length(rows)}"
    end
  end

  def exists?(queryable), do: all(queryable) != []

  def aggregate(queryable, :count, _field), do: queryable |> all() |> length()

  def aggregate(queryable, :sum, field),
    do: queryable |> all() |> Enum.map(&Map.fetch!(&1, field)) |> Enum.sum()

  def insert(%schema{} = struct) do
    [row] = GenServer.call(__MODULE__, {:insert, schema, [Map.from_struct(struct)]})
    simulate_latency()
    {:ok, row}
  end

  @doc "One query for all entries, like `Ecto.Repo.insert_all/3`. Returns `{count, rows}`."
  def insert_all(schema, entries) do
    rows = GenServer.call(__MODULE__, {:insert, schema, entries})
    simulate_latency()
    {length(rows), rows}
  end

  @doc """
  Loads associations like `Ecto.Repo.preload/2`: one query per association for the whole list
  (so preloading a list is cheap and preloading one struct at a time in a loop is an N+1).
  `assocs` is an atom, a list, or a keyword list for nested preloads (`line_items: :product`).
  """
  def preload(nil, _assocs), do: nil
  def preload([], _assocs), do: []

  def preload(structs, assocs) when is_list(structs),
    do: Enum.reduce(List.wrap(assocs), structs, &preload_assoc/2)

  def preload(struct, assocs) when is_map(struct), do: [struct] |> preload(assocs) |> hd()

  defp preload_assoc({name, nested}, parents) do
    parents = preload_assoc(name, parents)
    children = parents |> Enum.flat_map(&List.wrap(Map.fetch!(&1, name))) |> preload(nested)
    by_id = Map.new(children, &{&1.id, &1})
    Enum.map(parents, fn p -> Map.update!(p, name, &replace_loaded(&1, by_id)) end)
  end

  defp preload_assoc(name, [%schema{} | _] = parents) when is_atom(name) do
    case schema.__assoc__(name) do
      {:belongs_to, child, fk} ->
        ids = parents |> Enum.map(&Map.fetch!(&1, fk)) |> Enum.uniq()
        by_id = child |> select([{:id, :in, ids}]) |> Map.new(&{&1.id, &1})
        Enum.map(parents, &Map.put(&1, name, Map.get(by_id, Map.fetch!(&1, fk))))

      {:has_many, child, fk} ->
        ids = Enum.map(parents, & &1.id)
        groups = child |> select([{fk, :in, ids}]) |> Enum.group_by(&Map.fetch!(&1, fk))
        Enum.map(parents, &Map.put(&1, name, Map.get(groups, &1.id, [])))
    end
  end

  defp replace_loaded(list, by_id) when is_list(list),
    do: Enum.map(list, &Map.fetch!(by_id, &1.id))

  defp replace_loaded(nil, _by_id), do: nil
  defp replace_loaded(one, by_id), do: Map.fetch!(by_id, one.id)

  defp select(schema, wheres) do
    wheres = Enum.map(wheres, &index_in_list/1)
    rows = GenServer.call(__MODULE__, {:select, schema, wheres})
    simulate_latency()
    rows
  end

  # `x in list` is linear in the list; a MapSet makes the fake's batched queries fair.
  defp index_in_list({field, :in, values}), do: {field, :in, MapSet.new(values)}
  defp index_in_list(where), do: where

  defp simulate_latency do
    case Application.get_env(:shop, :repo_latency_ms, 0) do
      0 -> :ok
      ms -> Process.sleep(ms)
    end
  end
end
