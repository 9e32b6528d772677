[
  inputs: ["{mix,.formatter}.exs", "{lib,test}/**/*.{ex,exs}"],
  # Keep `from u in User, where: ...` without parentheses, as Ecto's formatter config does.
  locals_without_parens: [from: 2]
]
