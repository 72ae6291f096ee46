# Agreement and reliability reference values from the psych package (Debian r-cran-psych), as
# packages/core/src/agreement/ computes them: Cohen's kappa unweighted and with linear and quadratic
# weights (cohen.kappa), Cronbach's alpha with Guttman's lambda 6 and alpha if an item is dropped
# (alpha), and the six Shrout-Fleiss intraclass correlations (ICC). Each case holds its input and R's
# outputs at full precision.
#
#   Rscript tools/oracle/psych.R OUTDIR   ->  OUTDIR/psych.json
#
# cohen.kappa takes agreement weights w (1 on the diagonal; it computes (po_w - pc_w) / (1 - pc_w)
# when the trace of w is positive). The weights passed are the standard ones on the category index
# i = 1..k: linear 1 - |i - j| / (k - 1), quadratic 1 - (i - j)^2 / (k - 1)^2 (psych's default w).
# ICC runs with lmer = FALSE, the two-way ANOVA (aov) that Shrout and Fleiss (1979) define the
# forms by; lme4 is not in Debian's r-base and the data are complete.

suppressPackageStartupMessages(library(psych))
source("tools/oracle/json.R")

agreement_weights <- function(k, weights) {
  d <- abs(outer(seq_len(k), seq_len(k), "-"))
  switch(weights,
    none = diag(k),
    linear = 1 - d / (k - 1),
    quadratic = 1 - d^2 / (k - 1)^2
  )
}

# Collect cohen.kappa's warnings (it warns when it clips a bound to +/-1).
quietly <- function(expr) {
  warnings <- character()
  value <- withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = warnings)
}

kappa_case <- function(call, a, b, levels = NULL) {
  lv <- if (is.null(levels)) sort(unique(c(a, b))) else levels
  k <- length(lv)
  fits <- lapply(c(none = "none", linear = "linear", quadratic = "quadratic"), function(weights) {
    w <- agreement_weights(k, weights)
    run <- quietly(cohen.kappa(cbind(a, b), w = w, levels = lv))
    ck <- run$value
    row <- if (weights == "none") 1 else 2
    variance <- if (weights == "none") ck$var.kappa else ck$var.weighted
    p <- ck$agree
    rs <- rowSums(p)
    cs <- colSums(p)
    list(
      kappa = ck$confid[row, "estimate"],
      variance = variance,
      se = sqrt(variance),
      lower = ck$confid[row, "lower"],
      upper = ck$confid[row, "upper"],
      observed = sum(w * p),
      expected = sum(w * outer(rs, cs)),
      n = ck$n.obs,
      weight = w,
      warnings = I(run$warnings)
    )
  })
  list(call = call, a = a, b = b, levels = if (is.null(levels)) NULL else lv, fits = fits)
}

alpha_case <- function(call, items) {
  items <- as.data.frame(items)
  a <- suppressWarnings(alpha(items, warnings = FALSE))
  t <- a$total
  d <- a$alpha.drop
  list(
    call = call,
    items = lapply(as.list(items), as.numeric),
    total = list(
      raw = t$raw_alpha, std = t$std.alpha, g6 = t[["G6(smc)"]], averageR = t$average_r,
      signalNoise = t[["S/N"]], se = t$ase, mean = t$mean, sd = t$sd, medianR = t$median_r
    ),
    drop = lapply(seq_len(nrow(d)), function(i) {
      list(
        item = rownames(d)[i], raw = d$raw_alpha[i], std = d$std.alpha[i], g6 = d[["G6(smc)"]][i],
        averageR = d$average_r[i], signalNoise = d[["S/N"]][i], se = d[["alpha se"]][i],
        varR = d$var.r[i], medianR = d$med.r[i]
      )
    })
  )
}

icc_case <- function(call, ratings) {
  ratings <- as.data.frame(ratings)
  r <- ICC(ratings, lmer = FALSE)
  res <- r$results
  list(
    call = call,
    ratings = lapply(as.list(ratings), as.numeric),
    forms = lapply(seq_len(nrow(res)), function(i) {
      list(
        type = res$type[i], icc = res$ICC[i], f = res$F[i], df1 = res$df1[i], df2 = res$df2[i],
        p = res$p[i], lower = res[["lower bound"]][i], upper = res[["upper bound"]][i]
      )
    }),
    msb = r$stats["MS", "subjects"], msj = r$stats["MS", "Judges"], mse = r$stats["MS", "Residual"],
    msw = r$MSW
  )
}

# Scores 1-5 of `n` persons on `k` items driven by one latent readiness, with rater noise:
# the shape of BIP's indicators (deterministic by set.seed).
likert <- function(latent, noise) pmin(5, pmax(1, round(3 + latent + rnorm(length(latent), sd = noise))))

set.seed(20261207)
n <- 200
readiness <- rnorm(n)
citizen <- likert(readiness, 0.8)
caseworker <- likert(0.9 * readiness, 0.7)
scores <- sapply(1:6, function(j) likert((0.5 + j / 10) * readiness, 0.6 + j / 10))
colnames(scores) <- paste0("item", 1:6)
raters <- cbind(citizen = citizen, caseworker = caseworker, third = likert(readiness, 1))

kappa <- list()
# By hand: 20 pairs, 12 agree on yes, 4 on no, 3 yes/no and 1 no/yes (see agreement.test.ts).
kappa$hand_2x2 <- kappa_case(
  "cohen.kappa(cbind(a, b)) on a 2 x 2 table 12, 3 / 1, 4",
  c(rep(1, 15), rep(0, 5)), c(rep(1, 12), rep(0, 3), 1, rep(0, 4))
)
# psych's help example (ratings with thanks to Tim Bates): 9 objects, categories 1-9.
kappa$psych_bates <- kappa_case(
  "cohen.kappa(cbind(rater1, rater2)), example(cohen.kappa)",
  c(1, 2, 3, 4, 5, 6, 7, 8, 9), c(1, 3, 1, 6, 1, 5, 5, 6, 7)
)
# psych's help example from Cohen (1968): the proportions of 200 objects, expanded to pairs.
cohen <- matrix(c(0.44, 0.07, 0.09, 0.05, 0.20, 0.05, 0.01, 0.03, 0.06), ncol = 3, byrow = TRUE)
counts <- round(cohen * 200)
pairs <- which(counts > 0, arr.ind = TRUE)
kappa$psych_cohen_1968 <- kappa_case(
  "cohen.kappa(cohen, n.obs = 200), example(cohen.kappa), as 200 pairs",
  rep(pairs[, 1], counts[pairs]), rep(pairs[, 2], counts[pairs])
)
kappa$likert_200 <- kappa_case(
  "cohen.kappa(cbind(citizen, caseworker), levels = 1:5), simulated scores 1-5",
  citizen, caseworker, levels = 1:5
)
# Category 1 used by one rater only, and category 5 by neither (levels 1:5 keep it).
kappa$one_sided_category <- kappa_case(
  "cohen.kappa(cbind(a, b), levels = 1:5), 1 used by one rater, 5 by neither",
  c(1, 1, 2, 2, 3, 3, 4, 4, 2, 3, 4, 3), c(2, 2, 2, 3, 3, 3, 4, 4, 2, 3, 3, 4), levels = 1:5
)

alphas <- list()
alphas$hand_3x3 <- alpha_case("alpha(cbind(c(1, 2, 3), c(2, 3, 3), c(1, 3, 2)))",
  cbind(x = c(1, 2, 3), y = c(2, 3, 3), z = c(1, 3, 2)))
alphas$likert_200 <- alpha_case("alpha(scores), simulated 200 x 6 scores 1-5", scores)
alphas$attitude <- alpha_case("alpha(attitude), datasets::attitude as in example(alpha)", attitude)
alphas$lsat6 <- alpha_case("alpha(lsat6), psych's LSAT section 6, 1000 x 5 items 0/1", lsat6)
alphas$two_items <- alpha_case("alpha(scores[, 1:2]), two items", scores[, 1:2])

iccs <- list()
# Shrout and Fleiss (1979) table 2, as in example(ICC).
sf <- matrix(c(9, 2, 5, 8, 6, 1, 3, 2, 8, 4, 6, 8, 7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7),
  ncol = 4, byrow = TRUE, dimnames = list(NULL, paste0("J", 1:4)))
iccs$shrout_fleiss <- icc_case("ICC(sf, lmer = FALSE), example(ICC)", sf)
iccs$likert_200_two <- icc_case("ICC(raters[, 1:2], lmer = FALSE), simulated citizen and caseworker",
  raters[, 1:2])
iccs$likert_200_three <- icc_case("ICC(raters, lmer = FALSE), three raters", raters)

write_json(list(kappa = kappa, alpha = alphas, icc = iccs), file.path(oracle_outdir(), "psych.json"))
