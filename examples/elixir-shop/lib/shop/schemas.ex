# Plain structs standing in for Ecto schemas. `__assoc__/1` describes associations so that
# `Shop.Repo.preload/2` can load them the way Ecto does: one query per association, for a whole list.

defmodule Shop.User do
  @moduledoc "A customer."
  defstruct [:id, :name, :email, :tier, orders: :not_loaded]

  def __assoc__(:orders), do: {:has_many, Shop.Order, :customer_id}
end

defmodule Shop.Product do
  @moduledoc "A catalogue entry; prices are integer cents."
  defstruct [:id, :sku, :name, :price_cents]

  def __assoc__(name),
    do: raise(ArgumentError, "Shop.Product has no association #{inspect(name)}")
end

defmodule Shop.Order do
  @moduledoc "An order placed by a customer."
  defstruct [:id, :customer_id, :status, customer: :not_loaded, line_items: :not_loaded]

  def __assoc__(:customer), do: {:belongs_to, Shop.User, :customer_id}
  def __assoc__(:line_items), do: {:has_many, Shop.LineItem, :order_id}
end

defmodule Shop.LineItem do
  @moduledoc "One product line of an order."
  defstruct [:id, :order_id, :product_id, :quantity, :unit_price_cents, product: :not_loaded]

  def __assoc__(:product), do: {:belongs_to, Shop.Product, :product_id}
end
