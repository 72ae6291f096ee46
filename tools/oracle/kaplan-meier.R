# Kaplan-Meier reference values: survfit() and the median, its confidence limits and the restricted
# mean as print.survfit / summary.survfit compute them (survmean). Each case holds the input data as
# exported from R's datasets and R's outputs at full precision.
#
#   Rscript tools/oracle/kaplan-meier.R OUTDIR   ->  OUTDIR/kaplan-meier.json

suppressPackageStartupMessages(library(survival))
source("tools/oracle/json.R")

# rmean: a number (tau) or "individual" (each curve to its own last time), as in print.survfit.
km_case <- function(name, call, fit, input, group_levels = NULL, conf_type = "log", conf_level = 0.95,
                    rmean = "individual") {
  table <- summary(fit, rmean = rmean)$table
  if (is.null(dim(table))) table <- matrix(table, nrow = 1, dimnames = list(NULL, names(table)))
  stratum <- if (is.null(fit$strata)) rep(1L, length(fit$time)) else rep(seq_along(fit$strata), fit$strata)
  curves <- lapply(seq_len(nrow(table)), function(i) {
    k <- stratum == i
    list(
      group = if (is.null(group_levels)) NULL else group_levels[i],
      rows = list(
        time = I(fit$time[k]), nRisk = I(fit$n.risk[k]), nEvent = I(fit$n.event[k]),
        nCensor = I(fit$n.censor[k]), survival = I(fit$surv[k]), stdErr = I(fit$std.err[k]),
        lower = I(fit$lower[k]), upper = I(fit$upper[k])
      ),
      median = unname(table[i, "median"]),
      medianLower = unname(table[i, paste0(conf_level, "LCL")]),
      medianUpper = unname(table[i, paste0(conf_level, "UCL")]),
      rmean = unname(table[i, "rmean"]),
      rmeanStdErr = unname(table[i, "se(rmean)"]),
      events = unname(table[i, "events"])
    )
  })
  list(
    name = name, call = call, input = input,
    options = list(confType = conf_type, confLevel = conf_level, rmeanTau = if (is.numeric(rmean)) rmean else NULL),
    curves = curves
  )
}

aml_input <- list(time = I(aml$time), event = I(aml$status))
lung_input <- list(time = I(lung$time), event = I(lung$status - 1), group = I(lung$sex))

# A frequency table of lung: one row per distinct (sex, time, status) with its count as the weight.
# Frequency weights must reproduce the unweighted fit exactly.
lung_freq <- aggregate(list(weight = rep(1, nrow(lung))), by = list(sex = lung$sex, time = lung$time, status = lung$status), FUN = sum)
lung_freq <- lung_freq[order(lung_freq$sex, lung_freq$time, lung_freq$status), ]

aml_w <- aml
aml_w$w <- seq_len(nrow(aml))

# Hand-checkable: S reaches exactly 0.5 on a flat stretch (median is the midpoint 4), and a curve
# that ends in a death (S = 0, infinite std.err, no log-scale limits).
halves <- data.frame(time = c(1, 2, 3, 4, 5, 6), status = c(1, 1, 1, 0, 1, 0))
ties <- data.frame(time = c(1, 1, 2, 2, 2, 3, 3), status = c(1, 0, 1, 1, 0, 1, 1))

cases <- list(
  km_case(
    "aml", "survfit(Surv(time, status) ~ 1, data = aml)",
    survfit(Surv(time, status) ~ 1, data = aml), aml_input
  ),
  km_case(
    "aml, log-log interval", "survfit(Surv(time, status) ~ 1, data = aml, conf.type = \"log-log\")",
    survfit(Surv(time, status) ~ 1, data = aml, conf.type = "log-log"), aml_input,
    conf_type = "log-log"
  ),
  km_case(
    "aml, plain 90% interval, rmean to 40",
    "survfit(Surv(time, status) ~ 1, data = aml, conf.type = \"plain\", conf.int = 0.9)",
    survfit(Surv(time, status) ~ 1, data = aml, conf.type = "plain", conf.int = 0.9), aml_input,
    conf_type = "plain", conf_level = 0.9, rmean = 40
  ),
  km_case(
    "aml by x", "survfit(Surv(time, status) ~ x, data = aml)",
    survfit(Surv(time, status) ~ x, data = aml),
    list(time = I(aml$time), event = I(aml$status), group = I(as.character(aml$x))),
    group_levels = levels(aml$x)
  ),
  km_case(
    "lung by sex, rmean to 500", "survfit(Surv(time, status) ~ sex, data = lung)",
    survfit(Surv(time, status) ~ sex, data = lung), lung_input,
    group_levels = sort(unique(lung$sex)), rmean = 500
  ),
  km_case(
    "lung by sex, frequency table", "survfit(Surv(time, status) ~ sex, data = lung_freq, weights = weight)",
    survfit(Surv(time, status) ~ sex, data = lung_freq, weights = weight),
    list(time = I(lung_freq$time), event = I(lung_freq$status - 1), weight = I(lung_freq$weight), group = I(lung_freq$sex)),
    group_levels = sort(unique(lung$sex)), rmean = 500
  ),
  km_case(
    "aml, weights 1..23", "survfit(Surv(time, status) ~ 1, data = aml, weights = seq_len(23))",
    survfit(Surv(time, status) ~ 1, data = aml_w, weights = w),
    list(time = I(aml$time), event = I(aml$status), weight = I(aml_w$w))
  ),
  km_case(
    "heart, delayed entry", "survfit(Surv(start, stop, event) ~ 1, data = heart)",
    survfit(Surv(start, stop, event) ~ 1, data = heart),
    list(entry = I(heart$start), time = I(heart$stop), event = I(heart$event))
  ),
  km_case(
    "heart by transplant, delayed entry", "survfit(Surv(start, stop, event) ~ transplant, data = heart)",
    survfit(Surv(start, stop, event) ~ transplant, data = heart),
    list(entry = I(heart$start), time = I(heart$stop), event = I(heart$event), group = I(as.numeric(as.character(heart$transplant)))),
    group_levels = as.numeric(levels(heart$transplant))
  ),
  km_case(
    "S = 0.5 on a flat stretch", "survfit(Surv(time, status) ~ 1, data = halves)",
    survfit(Surv(time, status) ~ 1, data = halves), list(time = I(halves$time), event = I(halves$status)),
    rmean = 4.5
  ),
  km_case(
    "ends in a death, log-log", "survfit(Surv(time, status) ~ 1, data = ties, conf.type = \"log-log\")",
    survfit(Surv(time, status) ~ 1, data = ties, conf.type = "log-log"), list(time = I(ties$time), event = I(ties$status)),
    conf_type = "log-log"
  ),
  km_case(
    "ends in a death", "survfit(Surv(time, status) ~ 1, data = ties)",
    survfit(Surv(time, status) ~ 1, data = ties), list(time = I(ties$time), event = I(ties$status))
  )
)

write_json(list(
  source = "tools/oracle/kaplan-meier.R",
  r = R.version.string,
  survival = as.character(packageVersion("survival")),
  cases = cases
), file.path(oracle_outdir(), "kaplan-meier.json"))
