import { runRuleTable } from '../../rule-tester';

const E = 'exPerElement';

runRuleTable('n-plus-one', 'elixir', {
  invalid: [
    {
      name: 'Repo.get! in an Enum.map callback (Phoenix context)',
      code: `defmodule Shop.Orders do
  alias Shop.Repo
  alias Shop.Orders.{Order, Customer}

  def with_customers(orders) do
    Enum.map(orders, fn order ->
      %{order | customer: Repo.get!(Customer, order.customer_id)}
    end)
  end
end`,
      errors: [{ line: 7, column: 27, messageId: E, message: '`Repo.get!` runs once per element in the `Enum.map` callback over `orders`' }],
    },
    {
      name: 'capture &Repo.get(Product, &1) in a LiveView mount',
      code: `defmodule ShopWeb.CartLive do
  use ShopWeb, :live_view
  alias Shop.Repo

  def mount(%{"ids" => ids}, _session, socket) do
    products = Enum.map(ids, &Repo.get(Shop.Product, &1))
    {:ok, assign(socket, products: products)}
  end
end`,
      errors: [{ line: 6, column: 31, messageId: E, message: 'Repo.all(from x in X, where: x.id in ^ids)' }],
    },
    {
      name: 'capture by arity &MyApp.Repo.insert!/1 at the end of a pipeline',
      code: `defmodule MyApp.Importer do
  def import_rows(rows) do
    rows
    |> Enum.map(&MyApp.Product.changeset(%MyApp.Product{}, &1))
    |> Enum.each(&MyApp.Repo.insert!/1)
  end
end`,
      errors: [{ line: 5, column: 19, messageId: E, message: 'Repo.insert_all' }],
    },
    {
      name: 'pipeline into Enum.map with a fn (Oban worker)',
      code: `defmodule MyApp.Workers.DigestWorker do
  use Oban.Worker, queue: :mailers
  alias MyApp.{Repo, Accounts.User}

  @impl Oban.Worker
  def perform(%Oban.Job{args: %{"user_ids" => user_ids}}) do
    user_ids
    |> Enum.map(fn id -> Repo.get(User, id) end)
    |> Enum.reject(&is_nil/1)
    |> Enum.each(&MyApp.Mailer.deliver_digest/1)
    :ok
  end
end`,
      errors: [{ line: 8, column: 26, messageId: E }],
    },
    {
      name: 'Repo.preload on one item in a for comprehension',
      code: `defmodule Shop.Reports do
  alias Shop.Repo

  def invoices(orders) do
    for order <- orders do
      order = Repo.preload(order, [:line_items, :customer])
      Shop.Invoice.render(order)
    end
  end
end`,
      errors: [{ line: 6, column: 15, messageId: E, message: 'Repo.preload(list, assoc)' }],
    },
    {
      name: 'Repo.preload in a pipe inside a callback (the piped value is the item)',
      code: `defmodule Blog.Feed do
  def list_feed(posts) do
    Enum.map(posts, fn post ->
      post
      |> Repo.preload(:author)
      |> render_post()
    end)
  end
end`,
      errors: [{ line: 5, column: 10, messageId: E, message: 'the `Enum.map` callback over `posts`' }],
    },
    {
      name: 'function recursing over a list with an accumulator',
      code: `defmodule Billing.Sync do
  alias Billing.Repo

  def load_accounts([], acc), do: Enum.reverse(acc)

  def load_accounts([id | rest], acc) do
    account = Repo.get_by!(Billing.Account, external_id: id)
    load_accounts(rest, [account | acc])
  end
end`,
      errors: [{ line: 7, column: 15, messageId: E, message: 'the recursion of `load_accounts/2` over a list' }],
    },
    {
      name: 'body recursion in a one-line def',
      code: `defmodule Accounts do
  def emails([]), do: []
  def emails([id | rest]), do: [Repo.get!(User, id).email | emails(rest)]
end`,
      errors: [{ line: 3, column: 33, messageId: E }],
    },
    {
      name: 'Repo.exists? inside Enum.reduce',
      code: `defmodule Catalog do
  def new_skus(skus) do
    Enum.reduce(skus, [], fn sku, acc ->
      if Repo.exists?(from p in Product, where: p.sku == ^sku), do: acc, else: [sku | acc]
    end)
  end
end`,
      errors: [{ line: 4, column: 10, messageId: E, message: 'MapSet' }],
    },
    {
      name: 'one query per customer in Enum.flat_map',
      code: `defmodule Shop.Statements do
  import Ecto.Query

  def orders_for(customers) do
    Enum.flat_map(customers, fn c ->
      Repo.all(from o in Order, where: o.customer_id == ^c.id)
    end)
  end
end`,
      errors: [{ line: 6, column: 7, messageId: E, message: '`Repo.all`' }],
    },
    {
      name: 'Stream.map capture with keyword arguments',
      code: `defmodule MyApp.Invites do
  def resolve(path) do
    File.stream!(path)
    |> Stream.map(&String.trim/1)
    |> Stream.map(&Repo.get_by(User, email: &1))
    |> Enum.to_list()
  end
end`,
      errors: [{ line: 5, column: 20, messageId: E, message: 'the `Stream.map` callback' }],
    },
    {
      name: 'Repo.update! at the end of a pipe in a GenServer callback',
      code: `defmodule MyApp.SessionReaper do
  def handle_info(:expire, state) do
    Enum.each(state.sessions, fn session ->
      session
      |> Session.changeset(%{expired: true})
      |> Repo.update!()
    end)
    {:noreply, state}
  end
end`,
      errors: [{ line: 6, column: 10, messageId: E, message: 'Repo.update_all' }],
    },
    {
      name: 'HTTPoison.get of one endpoint with the element interpolated',
      code: `defmodule Pricing.Client do
  @base_url "https://prices.example.com"

  def fetch_prices(skus) do
    Enum.map(skus, fn sku ->
      {:ok, resp} = HTTPoison.get("#{@base_url}/prices/#{sku}")
      Jason.decode!(resp.body)
    end)
  end
end`,
      errors: [{ line: 6, column: 21, messageId: E, message: '`HTTPoison.get`' }],
    },
    {
      name: 'Req.get! in a for comprehension',
      code: `defmodule Inventory.Remote do
  def items(ids) do
    for id <- ids do
      Req.get!("https://api.example.com/items/#{id}").body
    end
  end
end`,
      errors: [{ line: 4, column: 7, messageId: E, message: 'batch endpoint' }],
    },
    {
      name: 'Tesla.get with a concatenated path in a capture',
      code: `defmodule Github.Users do
  def profiles(client, logins) do
    Enum.map(logins, &Tesla.get(client, "/users/" <> &1))
  end
end`,
      errors: [{ line: 3, column: 23, messageId: E, message: '`Tesla.get`' }],
    },
    {
      name: 'second generator of a for runs per element of the first',
      code: `defmodule Teams do
  def memberships(orgs) do
    for org <- orgs, user <- Repo.all(Ecto.assoc(org, :users)) do
      {org.id, user.id}
    end
  end
end`,
      errors: [{ line: 3, column: 30, messageId: E }],
    },
    {
      name: 'filter of a for comprehension runs per element',
      code: `defmodule Coupons do
  def redeemable(codes) do
    for code <- codes, not Repo.exists?(from r in Redemption, where: r.code == ^code), do: code
  end
end`,
      errors: [{ line: 3, column: 28, messageId: E }],
    },
    {
      name: 'looping over the elements of each chunk is still one query per element',
      code: `defmodule Cleanup do
  def purge(ids) do
    ids
    |> Enum.chunk_every(100)
    |> Enum.each(fn chunk ->
      Enum.each(chunk, &Repo.delete!(Repo.get!(Item, &1)))
    end)
  end
end`,
      errors: [
        { line: 6, column: 25, messageId: E, message: '`Repo.delete!`' },
        { line: 6, column: 38, messageId: E, message: '`Repo.get!`' },
      ],
    },
    {
      name: 'Repo module renamed with alias …, as:',
      code: `defmodule Reports do
  alias MyApp.Repo, as: DB

  def owners(projects), do: Enum.map(projects, &DB.get(Owner, &1.owner_id))
end`,
      errors: [{ line: 4, column: 49, messageId: E, message: '`DB.get`' }],
    },
    {
      name: 'query per element inside a Task.async_stream callback',
      code: `defmodule Scoring do
  def scores(user_ids) do
    user_ids
    |> Task.async_stream(&Repo.aggregate(from(s in Score, where: s.user_id == ^&1), :sum, :points),
      max_concurrency: 4,
      timeout: 10_000
    )
    |> Enum.map(fn {:ok, total} -> total end)
  end
end`,
      errors: [{ line: 4, column: 27, messageId: E, message: 'group_by' }],
    },
    {
      name: 'Repo.reload per struct',
      code: `defmodule Jobs do
  def refresh(jobs), do: Enum.map(jobs, &Repo.reload!/1)
end`,
      errors: [{ line: 2, column: 42, messageId: E, message: 'Repo.reload(list)' }],
    },
    {
      name: 'extra data-access pattern from the settings',
      code: `defmodule Pricing do
  def prices(skus), do: Enum.map(skus, &PriceCache.fetch(&1))
end`,
      config: { extraDataAccess: ['PriceCache.fetch'] },
      errors: [{ line: 2, column: 41, messageId: E, message: '`PriceCache.fetch`' }],
    },
    {
      name: 'extra pattern with a wildcard segment',
      code: `defmodule Legacy do
  def rows(ids) do
    for id <- ids, do: MyApp.LegacyDb.lookup(id)
  end
end`,
      config: { extraDataAccess: ['MyApp.*.lookup'] },
      errors: [{ line: 3, column: 24, messageId: E }],
    },
    {
      name: 'one Oban job inserted per element',
      code: `defmodule MyApp.Campaigns do
  def schedule(campaign, recipients) do
    Enum.each(recipients, fn r ->
      %{campaign_id: campaign.id, email: r.email}
      |> MyApp.Workers.SendEmail.new()
      |> Oban.insert!()
    end)
  end
end`,
      errors: [{ line: 6, column: 10, messageId: E, message: 'Oban.insert_all' }],
    },
    {
      name: 'a helper of the module, captured by name before its definition',
      code: `defmodule MyApp.Notifications do
  alias MyApp.Repo

  def mark_notified(users), do: Enum.each(users, &mark_notified_one/1)

  defp mark_notified_one(user) do
    user
    |> Ecto.Changeset.change(notified_at: DateTime.utc_now())
    |> Repo.update!()
  end
end`,
      errors: [{ line: 4, column: 50, messageId: 'exPerElementVia', message: '`mark_notified_one/1` runs once per element in the `Enum.each` callback over `users`, and it calls `Repo.update!` (line 9)' }],
    },
    {
      name: 'a helper defined before the loop that calls it (LiveView)',
      code: `defmodule ShopWeb.OrderLive.Index do
  use ShopWeb, :live_view

  defp with_customer(order), do: %{order | customer: Repo.get(Customer, order.customer_id)}

  def mount(_params, _session, socket) do
    orders = Orders.list_recent() |> Enum.map(fn o -> with_customer(o) end)
    {:ok, assign(socket, orders: orders)}
  end
end`,
      errors: [{ line: 7, column: 55, messageId: 'exPerElementVia', message: '(line 4)' }],
    },
    {
      name: 'a helper whose own loop is reported once, inside the helper',
      code: `defmodule Groups do
  def members(groups), do: Enum.map(groups, &load_members/1)
  defp load_members(group), do: Enum.map(group.user_ids, &Repo.get(User, &1))
end`,
      errors: [{ line: 3, column: 59, messageId: E }],
    },
    {
      name: 'loop over a computed range is per element',
      code: `defmodule Pages do
  def all_pages(count) do
    Enum.map(1..count, fn page -> Repo.all(page_query(page)) end)
  end
end`,
      errors: [{ line: 3, column: 35, messageId: E }],
    },
  ],
  valid: [
    {
      name: 'retry loop over a small literal range',
      code: `defmodule Payments do
  def capture(id) do
    for attempt <- 1..3, reduce: {:error, :not_tried} do
      {:ok, _} = done -> done
      _ -> Repo.get(Payment, id) |> try_capture(attempt)
    end
  end
end`,
    },
    {
      name: 'Enum.each over 1..3',
      code: `defmodule Warmup do
  def run, do: Enum.each(1..3, fn _ -> Repo.all(Setting) end)
end`,
    },
    {
      name: 'retries bounded by a module attribute',
      code: `defmodule Sync do
  @max_attempts 5
  def fetch(id), do: Enum.find_value(1..@max_attempts, fn _ -> Repo.get(Remote, id) end)
end`,
    },
    {
      name: 'the query is hoisted out of the loop and looked up in a map',
      code: `defmodule Shop.Orders do
  import Ecto.Query

  def with_customers(orders) do
    ids = Enum.map(orders, & &1.customer_id)
    by_id = Repo.all(from c in Customer, where: c.id in ^ids) |> Map.new(&{&1.id, &1})
    Enum.map(orders, fn o -> %{o | customer: Map.fetch!(by_id, o.customer_id)} end)
  end
end`,
    },
    {
      name: 'Repo.preload on the whole list',
      code: `defmodule Blog do
  def feed do
    Post
    |> Repo.all()
    |> Repo.preload([:author, comments: :author])
    |> Enum.map(&render/1)
  end
end`,
    },
    {
      name: 'insert_all per chunk',
      code: `defmodule Events.Ingest do
  def store(rows) do
    rows
    |> Enum.chunk_every(500)
    |> Enum.each(&Repo.insert_all(Event, &1))
  end
end`,
    },
    {
      name: 'one query per chunk of ids',
      code: `defmodule Users do
  def load(ids) do
    ids
    |> Enum.chunk_every(1000)
    |> Enum.flat_map(fn chunk -> Repo.all(from u in User, where: u.id in ^chunk) end)
  end
end`,
    },
    {
      name: 'update_all and delete_all take the whole set',
      code: `defmodule Sessions do
  def expire(ids) do
    Repo.update_all(from(s in Session, where: s.id in ^ids), set: [expired: true])
    Repo.delete_all(from s in Session, where: s.inserted_at < ago(30, "day"))
  end
end`,
    },
    {
      name: 'Ecto.Multi built in a reduce, run once in a transaction',
      code: `defmodule Orders.Place do
  alias Ecto.Multi

  def place(items) do
    items
    |> Enum.reduce(Multi.new(), fn item, multi ->
      Multi.insert(multi, {:line, item.sku}, LineItem.changeset(%LineItem{}, item))
    end)
    |> Repo.transaction()
  end
end`,
    },
    {
      name: 'Multi.run callbacks receive the repo as a variable and run in one transaction',
      code: `defmodule Stock do
  def reserve(lines) do
    Enum.reduce(lines, Ecto.Multi.new(), fn line, multi ->
      Ecto.Multi.run(multi, {:reserve, line.id}, fn repo, _ -> repo.update(reserve(line)) end)
    end)
  end
end`,
    },
    {
      name: 'the query is the collection, not the callback',
      code: `defmodule Admin do
  def emails, do: Enum.map(Repo.all(User), & &1.email)
end`,
    },
    {
      name: 'the first generator of a for runs once',
      code: `defmodule Export do
  def rows do
    for u <- Repo.all(from u in User, preload: :profile), do: [u.email, u.profile.city]
  end
end`,
    },
    {
      name: 'webhook fan-out: every element has its own URL',
      code: `defmodule Hooks.Deliver do
  def deliver(hooks, payload) do
    Enum.each(hooks, fn hook -> Req.post!(hook.url, json: payload) end)
  end
end`,
    },
    {
      name: 'one HTTP call with the whole batch',
      code: `defmodule Pricing.Client do
  def fetch_prices(skus) do
    {:ok, resp} = HTTPoison.post("https://prices.example.com/batch", Jason.encode!(%{skus: skus}))
    Jason.decode!(resp.body)
  end
end`,
    },
    {
      name: 'a constant URL per element is not reported (no key in the URL)',
      code: `defmodule Metrics do
  def push(points), do: Enum.each(points, &Req.post!("https://metrics.example.com/ingest", json: &1))
end`,
    },
    {
      name: 'test files are skipped by default',
      file: 'test/shop/orders_test.exs',
      code: `defmodule Shop.OrdersTest do
  use Shop.DataCase
  test "loads" do
    assert Enum.map(ids(), &Repo.get(User, &1)) != []
  end
end`,
    },
    {
      name: 'field access in a capture',
      code: `defmodule Mailer do
  def recipients(users), do: Enum.map(users, & &1.email)
end`,
    },
    {
      name: 'a fn stored in a variable is not run by a loop here',
      code: `defmodule Loader do
  def loader, do: fn id -> Repo.get(User, id) end
end`,
    },
    {
      name: 'loop over a literal list of roles',
      code: `defmodule Seeds do
  def roles, do: Enum.map([:admin, :editor, :viewer], &Repo.get_by!(Role, name: &1))
end`,
    },
    {
      name: 'polling recursion on a counter, not a list',
      code: `defmodule Jobs.Wait do
  def wait(_id, 0), do: :timeout
  def wait(id, n) do
    case Repo.get(Job, id) do
      %{state: "done"} = job -> {:ok, job}
      _ -> Process.sleep(100) && wait(id, n - 1)
    end
  end
end`,
    },
    {
      name: 'a module that is not a Repo (no extra patterns configured)',
      code: `defmodule Pricing do
  def prices(skus), do: Enum.map(skus, &PriceCache.fetch(&1))
end`,
    },
    {
      name: 'Stream.resource pages through the table: one query per page',
      code: `defmodule Export.Stream do
  def rows do
    Stream.resource(
      fn -> 0 end,
      fn page -> {Repo.all(page_query(page)), page + 1} end,
      fn _ -> :ok end
    )
  end
end`,
    },
    {
      name: 'a single transaction with two statements',
      code: `defmodule Accounts do
  def register(attrs) do
    Repo.transaction(fn ->
      user = Repo.insert!(User.changeset(%User{}, attrs))
      Repo.insert!(%Profile{user_id: user.id})
    end)
  end
end`,
    },
    {
      name: 'Oban jobs built per element and inserted in one statement',
      code: `defmodule MyApp.Campaigns do
  def schedule(campaign, recipients) do
    recipients
    |> Enum.map(&MyApp.Workers.SendEmail.new(%{campaign_id: campaign.id, email: &1.email}))
    |> Oban.insert_all()
  end
end`,
    },
    {
      name: 'a querying helper called once, outside any loop',
      code: `defmodule Accounts do
  def profile(id), do: id |> fetch_user() |> render_profile()
  defp fetch_user(id), do: Repo.get!(User, id)
  defp render_profile(user), do: Enum.map(user.links, &link_html/1)
  defp link_html(link), do: "<a href=" <> link.url <> ">"
end`,
    },
    {
      name: 'a batched helper called once per chunk',
      code: `defmodule Events.Ingest do
  def store(rows), do: rows |> Enum.chunk_every(500) |> Enum.each(&store_batch/1)
  defp store_batch(batch), do: Repo.insert_all(Event, batch)
end`,
    },
    {
      name: 'a helper with the same name in another module is not this one',
      code: `defmodule Loader do
  def load(id), do: Repo.get(User, id)
end

defmodule Report do
  def rows(xs), do: Enum.map(xs, &load/1)
  defp load(x), do: Map.take(x, [:id, :name])
end`,
    },
    {
      name: 'lookups in a preloaded map inside the loop',
      code: `defmodule Cart do
  def lines(items, products_by_id) do
    Enum.map(items, fn i -> {Map.fetch!(products_by_id, i.product_id), i.qty} end)
  end
end`,
    },
  ],
});
