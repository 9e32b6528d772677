# When is `acc <> x` in a loop quadratic on the BEAM?  Run: elixir bench/binary_append.exs [n]
# Each variant appends n copies of a 41-byte line. Timings vary by machine; compare the ratios.
n = String.to_integer(List.first(System.argv(), "20000"))
line = String.duplicate("x", 40) <> "\n"
xs = Enum.to_list(1..n)

time = fn label, fun ->
  {us, result} = :timer.tc(fun)
  IO.puts("#{String.pad_trailing(label, 44)} #{String.pad_leading(:erlang.float_to_binary(us / 1000, decimals: 1), 9)} ms  (#{byte_size(IO.iodata_to_binary(result))} bytes)")
end

IO.puts("n = #{n}")
# The runtime's binary append optimization: the accumulator has spare capacity and no other reference, so it grows in place.
time.("Enum.reduce + acc <> line", fn -> Enum.reduce(xs, "", fn _, acc -> acc <> line end) end)

# A match on the accumulator makes a sub-binary reference it: the next append must copy everything so far.
time.("Enum.reduce + match on acc + acc <> line", fn ->
  Enum.reduce(xs, "", fn _, acc ->
    case acc do
      <<"#", _::binary>> -> acc
      _ -> acc <> line
    end
  end)
end)

# Sending the accumulator (here to self, drained afterwards) does not stop the in-place append: linear.
time.("Enum.reduce + send acc + acc <> line", fn ->
  result =
    Enum.reduce(xs, "", fn _, acc ->
      send(self(), {:partial, acc})
      acc <> line
    end)
  for _ <- xs, do: receive(do: ({:partial, _} -> :ok))
  result
end)

# `++` copies its left operand every time: always O(length(acc)).
time.("Enum.reduce + acc ++ [line]", fn -> Enum.reduce(xs, [], fn _, acc -> acc ++ [line] end) end)
time.("Enum.reduce + [line | acc] + Enum.reverse", fn -> xs |> Enum.reduce([], fn _, acc -> [line | acc] end) |> Enum.reverse() end)
time.("Enum.map_join", fn -> Enum.map_join(xs, fn _ -> line end) end)
time.("iolist + IO.iodata_to_binary", fn -> IO.iodata_to_binary(Enum.map(xs, fn _ -> line end)) end)
