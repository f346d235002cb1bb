-- A plain GET (the baseline takes no token).
request = function()
  return wrk.format("GET")
end
