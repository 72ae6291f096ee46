# Benchmark child of bench/stats.ts: R's survfit (Kaplan-Meier, Greenwood) on the individual spells,
# and on the same spells as a count table with case weights. Prints one JSON line: seconds per fit
# (model fit only, not the CSV read), survival and std.err of both fits.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- as.data.frame(scan(args[1], what = list(time = 0L, status = 0L), sep = ",", skip = 1, quiet = TRUE))
counts <- read.csv(args[2], colClasses = c("integer", "integer", "numeric"))
stopifnot(identical(names(counts), c("time", "status", "n")))

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "timing.R"))

rows <- timeit(function() survfit(Surv(time, status) ~ 1, data = d))
weighted <- timeit(function() survfit(Surv(time, status) ~ 1, data = counts, weights = n))
cat(sprintf(
  paste0(
    '{"rows":%d,"seconds":%.6f,"reps":%d,"time":[%s],"surv":[%s],"stdErr":[%s],',
    '"weightedSeconds":%.6f,"weightedReps":%d,"weightedSurv":[%s],"weightedStdErr":[%s]}\n'
  ),
  nrow(d), rows$seconds, rows$reps, num(rows$value$time), num(rows$value$surv), num(rows$value$std.err),
  weighted$seconds, weighted$reps, num(weighted$value$surv), num(weighted$value$std.err)
))
