# Log-rank reference values: survdiff() observed and expected events per group, the variance matrix
# of O - E, the chi-square statistic and its p-value; k groups, strata, the Fleming-Harrington rho,
# and frequency weights (survdiff takes none, so R is run on the data expanded by the weights).
#
#   Rscript tools/oracle/logrank.R OUTDIR   ->  OUTDIR/logrank.json

suppressPackageStartupMessages(library(survival))
source("tools/oracle/json.R")

lr_case <- function(name, call, test, input, group_levels, rho = 0) {
  observed <- if (is.matrix(test$obs)) rowSums(test$obs) else test$obs
  expected <- if (is.matrix(test$exp)) rowSums(test$exp) else test$exp
  list(
    name = name, call = call, input = input, options = list(rho = rho),
    groups = I(group_levels), n = I(as.vector(test$n)),
    observed = I(observed), expected = I(expected), variance = test$var,
    chiSquare = test$chisq, df = sum(expected > 0) - 1, p = test$pvalue
  )
}

lung_ecog <- lung[!is.na(lung$ph.ecog), ]
aml_expanded <- aml[rep(seq_len(nrow(aml)), seq_len(nrow(aml))), ]

cases <- list(
  lr_case(
    "aml by x", "survdiff(Surv(time, status) ~ x, data = aml)",
    survdiff(Surv(time, status) ~ x, data = aml),
    list(time = I(aml$time), event = I(aml$status), group = I(as.character(aml$x))),
    levels(aml$x)
  ),
  lr_case(
    "lung by sex", "survdiff(Surv(time, status) ~ sex, data = lung)",
    survdiff(Surv(time, status) ~ sex, data = lung),
    list(time = I(lung$time), event = I(lung$status - 1), group = I(lung$sex)),
    sort(unique(lung$sex))
  ),
  lr_case(
    "lung by ph.ecog, four groups", "survdiff(Surv(time, status) ~ ph.ecog, data = lung)",
    survdiff(Surv(time, status) ~ ph.ecog, data = lung_ecog),
    list(time = I(lung_ecog$time), event = I(lung_ecog$status - 1), group = I(lung_ecog$ph.ecog)),
    sort(unique(lung_ecog$ph.ecog))
  ),
  lr_case(
    "lung by sex, stratified by ph.ecog", "survdiff(Surv(time, status) ~ sex + strata(ph.ecog), data = lung)",
    survdiff(Surv(time, status) ~ sex + strata(ph.ecog), data = lung_ecog),
    list(
      time = I(lung_ecog$time), event = I(lung_ecog$status - 1), group = I(lung_ecog$sex),
      stratum = I(lung_ecog$ph.ecog)
    ),
    sort(unique(lung_ecog$sex))
  ),
  lr_case(
    "lung by sex, Peto-Peto (rho = 1)", "survdiff(Surv(time, status) ~ sex, data = lung, rho = 1)",
    survdiff(Surv(time, status) ~ sex, data = lung, rho = 1),
    list(time = I(lung$time), event = I(lung$status - 1), group = I(lung$sex)),
    sort(unique(lung$sex)),
    rho = 1
  ),
  lr_case(
    "aml by x, weights 1..23", "survdiff(Surv(time, status) ~ x, data = aml[rep(1:23, 1:23), ])",
    survdiff(Surv(time, status) ~ x, data = aml_expanded),
    list(time = I(aml$time), event = I(aml$status), group = I(as.character(aml$x)), weight = I(seq_len(nrow(aml)))),
    levels(aml$x)
  )
)

write_json(list(
  source = "tools/oracle/logrank.R",
  r = R.version.string,
  survival = as.character(packageVersion("survival")),
  cases = cases
), file.path(oracle_outdir(), "logrank.json"))
