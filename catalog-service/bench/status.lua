-- Reports non-2xx/3xx answers so a benchmark of 401s or 500s cannot pass for a fast one.
done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx responses: %d\n", summary.errors.status))
end
