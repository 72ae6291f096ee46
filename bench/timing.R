# Shared by the benchmark's R children: timing and number formatting.

# Repeat the fit until a second has passed; report the mean time of one fit.
timeit <- function(f) {
  n <- 0L
  t0 <- proc.time()[["elapsed"]]
  repeat {
    value <- f()
    n <- n + 1L
    elapsed <- proc.time()[["elapsed"]] - t0
    if (elapsed >= 1) break
  }
  list(value = value, seconds = elapsed / n, reps = n)
}

# Numbers at full precision, comma-separated, for JSON arrays.
num <- function(x) paste(sprintf("%.17g", x), collapse = ",")
