# Nelson-Aalen reference values: survfit()'s cumhaz and std.chaz (default ctype = 1), i.e.
# H(t) = sum d/n and its standard error sqrt(sum d/n^2), for right-censored, weighted and
# delayed-entry data.
#
#   Rscript tools/oracle/nelson-aalen.R OUTDIR   ->  OUTDIR/nelson-aalen.json

suppressPackageStartupMessages(library(survival))
source("tools/oracle/json.R")

na_case <- function(name, call, fit, input, group_levels = NULL) {
  stratum <- if (is.null(fit$strata)) rep(1L, length(fit$time)) else rep(seq_along(fit$strata), fit$strata)
  curves <- lapply(sort(unique(stratum)), function(i) {
    k <- stratum == i
    list(
      group = if (is.null(group_levels)) NULL else group_levels[i],
      rows = list(
        time = I(fit$time[k]), nRisk = I(fit$n.risk[k]), nEvent = I(fit$n.event[k]),
        nCensor = I(fit$n.censor[k]), cumHazard = I(fit$cumhaz[k]), stdErr = I(fit$std.chaz[k])
      )
    )
  })
  list(name = name, call = call, input = input, curves = curves)
}

aml_w <- aml
aml_w$w <- seq_len(nrow(aml))
ties <- data.frame(time = c(1, 1, 2, 2, 2, 3, 3), status = c(1, 0, 1, 1, 0, 1, 1))

cases <- list(
  na_case(
    "aml", "survfit(Surv(time, status) ~ 1, data = aml)",
    survfit(Surv(time, status) ~ 1, data = aml), list(time = I(aml$time), event = I(aml$status))
  ),
  na_case(
    "lung by sex", "survfit(Surv(time, status) ~ sex, data = lung)",
    survfit(Surv(time, status) ~ sex, data = lung),
    list(time = I(lung$time), event = I(lung$status - 1), group = I(lung$sex)),
    group_levels = sort(unique(lung$sex))
  ),
  na_case(
    "aml, weights 1..23", "survfit(Surv(time, status) ~ 1, data = aml, weights = seq_len(23))",
    survfit(Surv(time, status) ~ 1, data = aml_w, weights = w),
    list(time = I(aml$time), event = I(aml$status), weight = I(aml_w$w))
  ),
  na_case(
    "heart, delayed entry", "survfit(Surv(start, stop, event) ~ 1, data = heart)",
    survfit(Surv(start, stop, event) ~ 1, data = heart),
    list(entry = I(heart$start), time = I(heart$stop), event = I(heart$event))
  ),
  na_case(
    "ends in a death", "survfit(Surv(time, status) ~ 1, data = ties)",
    survfit(Surv(time, status) ~ 1, data = ties), list(time = I(ties$time), event = I(ties$status))
  )
)

write_json(list(
  source = "tools/oracle/nelson-aalen.R",
  r = R.version.string,
  survival = as.character(packageVersion("survival")),
  cases = cases
), file.path(oracle_outdir(), "nelson-aalen.json"))
