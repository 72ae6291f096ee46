# Cox proportional hazards reference values: coxph() and summary.coxph() (coefficients, standard
# errors, z, p, exp(coef) and its 95 % interval, the three global tests), the variance matrix, the
# log partial likelihoods, the Newton-Raphson iteration count, and basehaz(fit, centered = FALSE).
# Each case names the dataset it was fitted to; the datasets are exported with exactly the rows
# used (rows with a missing value in any model column dropped here, not by coxph's na.action).
#
#   Rscript tools/oracle/cox.R OUTDIR   ->  OUTDIR/cox.json

suppressPackageStartupMessages(library(survival))
source("tools/oracle/json.R")

complete <- function(data, columns) data[stats::complete.cases(data[, columns]), columns]

lung_used <- complete(lung, c("time", "status", "age", "sex"))
lung_used$status <- lung_used$status - 1 # lung codes 1 = censored, 2 = dead
# Whole-number case weights, deterministic and unrelated to the outcome. (With fractional weights
# coxph switches to the robust sandwich variance, which the TypeScript module does not compute.)
lung_used$w <- 1 + (seq_len(nrow(lung_used)) %% 3)

lung_ecog <- complete(lung, c("time", "status", "age", "sex", "ph.ecog"))
lung_ecog$status <- lung_ecog$status - 1

heart_used <- complete(heart, c("start", "stop", "event", "age", "year", "surgery", "transplant"))
heart_used$transplant <- as.numeric(as.character(heart_used$transplant))

# Heavy ties, delayed entry and strata on a coarse grid, so that many rows are identical: the TypeScript
# test collapses them into counts and must reproduce this fit on the individual rows.
set.seed(20240604)
n_tied <- 600
tied <- data.frame(start = sample(c(0, 0, 0, 2, 4), n_tied, replace = TRUE))
tied$stop <- tied$start + sample(1:6, n_tied, replace = TRUE)
tied$x1 <- rbinom(n_tied, 1, 0.4)
tied$x2 <- sample(0:2, n_tied, replace = TRUE)
tied$event <- rbinom(n_tied, 1, plogis(-0.3 + 0.5 * tied$x1 - 0.2 * tied$x2))
tied$stratum <- sample(1:2, n_tied, replace = TRUE)

# A heavy-tailed covariate on which R's Newton-Raphson overshoots once and halves the step (found by
# searching seeds); fitted as Surv(0, time, status) so that R reports the count (fit$info).
set.seed(237)
n_halving <- 15
halving <- data.frame(x = round(rt(n_halving, df = 1), 2))
halving$time <- sample(1:10, n_halving, replace = TRUE)
halving$status <- rbinom(n_halving, 1, 0.7)
halving$start <- 0

# coxph (timefix = TRUE) merges times that differ only by round-off (aeqSurv); the exported times
# must be the ones R fitted, so make sure it left them alone.
check_times <- function(y) {
  if (!identical(unclass(aeqSurv(y))[, ], unclass(y)[, ])) stop("aeqSurv changed the times; export its output")
}
check_times(Surv(lung_used$time, lung_used$status))
check_times(Surv(lung_ecog$time, lung_ecog$status))
check_times(Surv(heart_used$start, heart_used$stop, heart_used$event))
check_times(Surv(tied$start, tied$stop, tied$event))
check_times(Surv(halving$start, halving$time, halving$status))

cox_case <- function(name, call, dataset, fit, covariates, time = "time", event = "status", start = NULL,
                     strata = NULL, weights = NULL) {
  s <- summary(fit)
  coefs <- s$coefficients
  ci <- s$conf.int
  bh <- basehaz(fit, centered = FALSE)
  levels <- if (is.null(bh$strata)) list(NULL) else as.list(levels(bh$strata))
  baseline <- lapply(levels, function(level) {
    k <- if (is.null(level)) rep(TRUE, nrow(bh)) else bh$strata == level
    list(stratum = level, time = I(bh$time[k]), cumulativeHazard = I(bh$hazard[k]))
  })
  # summary.coxph rounds the Wald statistic to two decimals for printing; take the exact one.
  df <- sum(!is.na(coef(fit)))
  test <- function(statistic) {
    list(statistic = unname(statistic), df = df, p = pchisq(unname(statistic), df, lower.tail = FALSE))
  }
  list(
    name = name, call = call, dataset = dataset, ties = fit$method,
    start = start, stop = time, event = event, covariates = I(covariates), strata = strata, weights = weights,
    n = fit$n, nEvents = fit$nevent, iterations = fit$iter,
    stepHalvings = if (is.null(fit$info)) NULL else unname(fit$info["step halving"]),
    coefficients = lapply(seq_len(nrow(coefs)), function(i) {
      list(
        name = rownames(coefs)[i], coef = coefs[i, "coef"], expCoef = coefs[i, "exp(coef)"],
        se = coefs[i, "se(coef)"], z = coefs[i, "z"], p = coefs[i, "Pr(>|z|)"],
        lower = ci[i, "lower .95"], upper = ci[i, "upper .95"]
      )
    }),
    variance = unname(fit$var),
    loglik = I(fit$loglik),
    tests = list(
      likelihoodRatio = test(2 * (fit$loglik[2] - fit$loglik[1])), wald = test(fit$wald.test), score = test(fit$score)
    ),
    baseline = baseline
  )
}

columns <- function(data) lapply(data, function(column) I(unname(column)))

fit_lung_efron <- coxph(Surv(time, status) ~ age + sex, data = lung_used)
fit_lung_breslow <- coxph(Surv(time, status) ~ age + sex, data = lung_used, ties = "breslow")
fit_lung_strata <- coxph(Surv(time, status) ~ age + ph.ecog + strata(sex), data = lung_ecog)
fit_lung_weighted <- coxph(Surv(time, status) ~ age + sex, data = lung_used, weights = w)
if (!is.null(fit_lung_weighted$naive.var)) stop("the weighted lung fit has a robust variance")
fit_heart <- coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart_used)
fit_heart_breslow <- coxph(Surv(start, stop, event) ~ age + year + surgery + transplant,
  data = heart_used, ties = "breslow"
)
fit_halving <- coxph(Surv(start, time, status) ~ x, data = halving)
if (fit_halving$info["step halving"] == 0) stop("the halving case no longer halves a step")
fit_tied <- coxph(Surv(start, stop, event) ~ x1 + x2 + strata(stratum), data = tied)

heart_covariates <- c("age", "year", "surgery", "transplant")
cases <- list(
  cox_case("lung-efron", "coxph(Surv(time, status) ~ age + sex, data = lung)", "lung",
    fit_lung_efron, c("age", "sex")),
  cox_case("lung-breslow", "coxph(Surv(time, status) ~ age + sex, data = lung, ties = 'breslow')", "lung",
    fit_lung_breslow, c("age", "sex")),
  cox_case("lung-strata", "coxph(Surv(time, status) ~ age + ph.ecog + strata(sex), data = lung)", "lungEcog",
    fit_lung_strata, c("age", "ph.ecog"), strata = "sex"),
  cox_case("lung-weighted", "coxph(Surv(time, status) ~ age + sex, data = lung, weights = w)", "lung",
    fit_lung_weighted, c("age", "sex"), weights = "w"),
  cox_case("heart-efron", "coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart)",
    "heart", fit_heart, heart_covariates, time = "stop", event = "event", start = "start"),
  cox_case("heart-breslow",
    "coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart, ties = 'breslow')",
    "heart", fit_heart_breslow, heart_covariates, time = "stop", event = "event", start = "start"),
  cox_case("tied-strata", "coxph(Surv(start, stop, event) ~ x1 + x2 + strata(stratum), data = tied)", "tied",
    fit_tied, c("x1", "x2"), time = "stop", event = "event", start = "start", strata = "stratum"),
  cox_case("halving", "coxph(Surv(start, time, status) ~ x, data = halving)", "halving",
    fit_halving, "x", start = "start")
)

write_json(
  list(
    R = paste(R.version$major, R.version$minor, sep = "."),
    survival = as.character(packageVersion("survival")),
    datasets = list(
      lung = columns(lung_used),
      lungEcog = columns(lung_ecog),
      heart = columns(heart_used),
      tied = columns(tied),
      halving = columns(halving)
    ),
    cases = cases
  ),
  file.path(oracle_outdir(), "cox.json")
)
