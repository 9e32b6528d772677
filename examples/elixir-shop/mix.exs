defmodule Shop.MixProject do
  use Mix.Project

  # No dependencies on purpose: the example must compile offline (Hex is not reachable here),
  # so `Shop.Repo` is a small in-memory stand-in for an Ecto repo.
  def project do
    [
      app: :shop,
      version: "0.1.0",
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      deps: []
    ]
  end

  def application do
    [
      extra_applications: [:logger],
      mod: {Shop.Application, []}
    ]
  end
end
