# Benchmark child of bench/stats.ts: R's glm, binomial cloglog, on the aggregated cells it wrote.
# Prints one JSON line: seconds per fit (model fit only, not the CSV read), coefficients, standard errors.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = "integer")
stopifnot(identical(names(d), c("band", "age", "sex", "origin", "muni", "events", "trials")))

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "timing.R"))

r <- timeit(function() {
  glm(
    cbind(events, trials - events) ~ factor(band) + factor(age) + factor(sex) + factor(origin) + factor(muni),
    family = binomial(link = "cloglog"), data = d
  )
})
fit <- r$value
cat(sprintf(
  '{"seconds":%.6f,"reps":%d,"iterations":%d,"coef":[%s],"se":[%s]}\n',
  r$seconds, r$reps, fit$iter, num(coef(fit)), num(sqrt(diag(vcov(fit))))
))
