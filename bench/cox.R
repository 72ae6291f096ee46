# Benchmark child of bench/stats.ts: R's coxph (Efron ties) on the CSV it wrote.
# Prints one JSON line: seconds per fit (model fit only, not the CSV read), coefficients, standard errors.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c("integer", "integer", rep("numeric", 5)))
stopifnot(identical(names(d), c("time", "status", "x1", "x2", "x3", "x4", "x5")))

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "timing.R"))

r <- timeit(function() coxph(Surv(time, status) ~ x1 + x2 + x3 + x4 + x5, data = d, ties = "efron"))
fit <- r$value
cat(sprintf(
  '{"seconds":%.6f,"reps":%d,"iterations":%d,"coef":[%s],"se":[%s]}\n',
  r$seconds, r$reps, fit$iter, num(coef(fit)), num(sqrt(diag(fit$var)))
))
