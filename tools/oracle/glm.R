# Generalised linear model reference values: glm() with binomial (logit, cloglog) and Poisson (log,
# with an offset) families, as packages/core/src/regression/glm.ts fits them. Each case holds the
# input data and R's outputs at full precision: coefficients with summary.glm's standard errors,
# z and p, the unscaled covariance, logLik, deviance, null deviance, degrees of freedom, AIC, the
# number of Fisher scoring iterations and glm.fit's warnings.
#
#   Rscript tools/oracle/glm.R OUTDIR   ->  OUTDIR/glm.json
#
# Factor levels are chosen so that they sort the same in every collation (C, ICU root, en_US), so
# the fixture does not depend on the locale the script runs in.

suppressPackageStartupMessages(library(survival))
source("tools/oracle/json.R")

# Fit a glm collecting its warnings (the messages, without "glm.fit: ").
fit_collecting <- function(expr) {
  warnings <- character()
  fit <- withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, sub("^glm.fit: ", "", conditionMessage(w)))
    invokeRestart("muffleWarning")
  })
  list(fit = fit, warnings = warnings)
}

# response: list(y = "col") or list(events = "col", trials = "col") or list(events = "col", exposure = "col").
glm_case <- function(call, data, covariates, response, fitted, categorical = character(), weights = NULL) {
  fit <- fitted$fit
  s <- summary(fit)
  co <- s$coefficients
  list(
    call = call,
    family = fit$family$family,
    link = fit$family$link,
    data = as.list(data),
    covariates = I(covariates),
    categorical = I(categorical),
    response = response,
    weights = weights,
    coefficients = lapply(seq_len(nrow(co)), function(i) {
      list(name = rownames(co)[i], coef = co[i, 1], se = co[i, 2], z = co[i, 3], p = co[i, 4])
    }),
    covariance = unname(s$cov.unscaled),
    logLik = as.numeric(logLik(fit)),
    deviance = fit$deviance,
    nullDeviance = fit$null.deviance,
    dfResidual = fit$df.residual,
    dfNull = fit$df.null,
    aic = fit$aic,
    iterations = fit$iter,
    converged = fit$converged,
    boundary = fit$boundary,
    warnings = I(fitted$warnings)
  )
}

cases <- list()

# REFERENCES.md: the logistic regression of transmission type on weight and horsepower.
cars <- mtcars[, c("am", "vs", "wt", "hp", "mpg", "cyl", "carb")]
cases$mtcars_logit <- glm_case(
  "glm(am ~ wt + hp, family = binomial, data = mtcars)",
  cars[, c("am", "wt", "hp")], c("wt", "hp"), list(y = "am"),
  fit_collecting(glm(am ~ wt + hp, family = binomial, data = mtcars))
)

# Prior (frequency) weights: each car counted carb times.
cases$mtcars_logit_weighted <- glm_case(
  "glm(am ~ wt, family = binomial, data = mtcars, weights = carb)",
  cars[, c("am", "wt", "carb")], c("wt"), list(y = "am"),
  fit_collecting(glm(am ~ wt, family = binomial, data = mtcars, weights = carb)),
  weights = "carb"
)

# cloglog with a factor under treatment contrasts. No 8-cylinder car has a straight engine (vs = 1):
# quasi-separation, cyl8 drifts to about -21.6 with a standard error of 4500 over 19 iterations
# (the smallest fitted probability, 1e-9, stays above glm.fit's warning threshold).
cases$mtcars_cloglog_cyl <- glm_case(
  "glm(vs ~ mpg + factor(cyl), family = binomial(link = \"cloglog\"), data = mtcars)",
  cars[, c("vs", "mpg", "cyl")], c("mpg", "cyl"), list(y = "vs"),
  fit_collecting(glm(vs ~ mpg + cyl, family = binomial(link = "cloglog"),
                     data = transform(mtcars, cyl = factor(cyl)))),
  categorical = "cyl"
)

# lung cancer survival split into four intervals (days 0-182-365-547-1022, labelled in months) and
# counted into cells of interval x sex x ECOG score, as DuckDB will count person-weeks.
lung1 <- lung[!is.na(lung$ph.ecog), ]
cuts <- c(0, 182, 365, 547, 1022)
labels <- c("m00-06", "m06-12", "m12-18", "m18-34")
cells <- do.call(rbind, lapply(seq_along(labels), function(k) {
  lo <- cuts[k]
  hi <- cuts[k + 1]
  entered <- lung1$time > lo
  d <- data.frame(
    interval = labels[k],
    sex = ifelse(lung1$sex == 1, "male", "female")[entered],
    ecog = lung1$ph.ecog[entered],
    atRisk = 1,
    events = as.numeric(lung1$status[entered] == 2 & lung1$time[entered] <= hi),
    exposure = pmin(lung1$time[entered], hi) - lo
  )
  aggregate(cbind(atRisk, events, exposure) ~ interval + sex + ecog, data = d, FUN = sum)
}))
cells <- cells[order(cells$interval, cells$sex, cells$ecog), ]
rownames(cells) <- NULL

# Piecewise-exponential hazard: Poisson counts with offset log(exposure in days).
cases$lung_pwe_poisson <- glm_case(
  "glm(events ~ interval + sex + ecog + offset(log(exposure)), family = poisson, data = cells)",
  cells[, c("interval", "sex", "ecog", "events", "exposure")], c("interval", "sex", "ecog"),
  list(events = "events", exposure = "exposure"),
  fit_collecting(glm(events ~ interval + sex + ecog + offset(log(exposure)), family = poisson, data = cells))
)

# Discrete-time hazard: binomial cloglog on the numbers at risk at the start of each interval
# (those censored within an interval count as at risk through it, a simplification of no matter here).
cases$lung_discrete_cloglog <- glm_case(
  "glm(cbind(events, atRisk - events) ~ interval + sex + ecog, family = binomial(link = \"cloglog\"), data = cells)",
  cells[, c("interval", "sex", "ecog", "events", "atRisk")], c("interval", "sex", "ecog"),
  list(events = "events", trials = "atRisk"),
  fit_collecting(glm(cbind(events, atRisk - events) ~ interval + sex + ecog,
                     family = binomial(link = "cloglog"), data = cells))
)

# Complete separation: the coefficients run off until maxit and R warns twice.
separated <- data.frame(x = c(1, 2, 3, 4, 5, 6), y = c(0, 0, 0, 1, 1, 1))
cases$separated_logit <- glm_case(
  "glm(y ~ x, family = binomial, data = data.frame(x = 1:6, y = c(0, 0, 0, 1, 1, 1)))",
  separated, c("x"), list(y = "y"),
  fit_collecting(glm(y ~ x, family = binomial, data = separated))
)

write_json(cases, file.path(oracle_outdir(), "glm.json"))
