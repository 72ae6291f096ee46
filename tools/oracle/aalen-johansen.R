# Oracle for packages/core/src/survival/aalen-johansen.ts: R's multi-state survfit (Aalen-Johansen
# state occupation probabilities with infinitesimal-jackknife standard errors).
#
#   Rscript tools/oracle/aalen-johansen.R OUTDIR    # writes OUTDIR/aalen-johansen.json
#
# Every case carries the data it was fitted on, so the TypeScript test never needs R:
# - toy, toy-weighted: the hand-checkable competing-risks example of REFERENCES.md;
# - mgus2, mgus2-by-sex: competing risks as in survival's "compete" vignette
#   (progression to plasma-cell malignancy before death, death before progression);
# - recovery, recovery-weighted: a small deterministic multi-state data set with returns
#   (benefit -> job -> benefit, sickness and back), (start, stop] rows, delayed entry, some subjects
#   starting in "job", and split rows (a censored row followed without gap by the next row of the
#   same id), which R merges unless the split is the subject's first row.
source("tools/oracle/json.R")
suppressPackageStartupMessages(library(survival))

# One curve of a survfitms object as plain vectors and matrices. `rows` selects a stratum.
curve_of <- function(fit, rows = seq_along(fit$time)) {
  list(
    time = I(fit$time[rows]),
    nRisk = fit$n.risk[rows, , drop = FALSE],
    nEvent = fit$n.event[rows, , drop = FALSE],
    nCensor = I(fit$n.censor[rows]),
    pstate = fit$pstate[rows, , drop = FALSE],
    stdErr = fit$std.err[rows, , drop = FALSE],
    lower = fit$lower[rows, , drop = FALSE],
    upper = fit$upper[rows, , drop = FALSE],
    cumhaz = lapply(
      setNames(seq_len(ncol(fit$cumhaz)), colnames(fit$cumhaz)),
      function(j) I(fit$cumhaz[rows, j])
    )
  )
}

strata_of <- function(fit) {
  ends <- cumsum(fit$strata)
  starts <- ends - fit$strata + 1
  lapply(setNames(seq_along(ends), names(fit$strata)), function(s) {
    c(list(p0 = I(unname(fit$p0[s, ]))), curve_of(fit, starts[s]:ends[s]))
  })
}

competing_case <- function(name, call, time, status, causes, weight = NULL) {
  event <- factor(status, 0:length(causes), labels = c("censor", causes))
  d <- data.frame(time = time, event = event, w = if (is.null(weight)) 1 else weight)
  fit <- if (is.null(weight)) {
    survfit(Surv(time, event) ~ 1, data = d)
  } else {
    survfit(Surv(time, event) ~ 1, data = d, weights = w)
  }
  list(
    name = name,
    call = call,
    data = list(time = I(time), status = I(status), weight = if (is.null(weight)) NULL else I(weight)),
    causes = I(causes),
    states = I(fit$states),
    confInt = fit$conf.int,
    p0 = I(unname(fit$p0)),
    fit = curve_of(fit)
  )
}

cases <- list()

# REFERENCES.md: (time, status), 0 censored, 1 job, 2 other exit.
toy <- data.frame(
  time = c(1, 2, 2, 3, 4, 4, 5, 6, 7, 8),
  status = c(1, 2, 0, 1, 1, 2, 0, 1, 2, 0)
)
cases[[length(cases) + 1]] <- competing_case(
  "toy", "survfit(Surv(time, factor(status, 0:2, c('censor', 'job', 'other'))) ~ 1)",
  toy$time, toy$status, c("job", "other")
)
cases[[length(cases) + 1]] <- competing_case(
  "toy-weighted",
  "survfit(Surv(time, factor(status, 0:2, c('censor', 'job', 'other'))) ~ 1, weights = weight)",
  toy$time, toy$status, c("job", "other"),
  weight = c(1, 2, 1, 1, 3, 1, 2, 1, 1, 2)
)

# survival's "compete" vignette, section on mgus2.
mg <- survival::mgus2
etime <- with(mg, ifelse(pstat == 0, futime, ptime))
status <- with(mg, ifelse(pstat == 0, 2 * death, 1))
cases[[length(cases) + 1]] <- competing_case(
  "mgus2",
  "survfit(Surv(etime, event) ~ 1, data = mgus2); etime = ifelse(pstat == 0, futime, ptime), event = factor(ifelse(pstat == 0, 2 * death, 1), 0:2, c('censor', 'pcm', 'death'))",
  etime, status, c("pcm", "death")
)

event <- factor(status, 0:2, labels = c("censor", "pcm", "death"))
by_sex <- survfit(Surv(etime, event) ~ sex, data = data.frame(etime, event, sex = mg$sex))
cases[[length(cases) + 1]] <- list(
  name = "mgus2-by-sex",
  call = "survfit(Surv(etime, event) ~ sex, data = mgus2)",
  data = list(time = I(etime), status = I(status), sex = I(as.character(mg$sex))),
  causes = I(c("pcm", "death")),
  states = I(by_sex$states),
  confInt = by_sex$conf.int,
  strata = strata_of(by_sex)
)

# A deterministic multi-state data set with recovery. Park-Miller's minimal standard generator
# (exact in doubles) keeps it independent of R's RNG.
recovery_data <- function() {
  seed <- 20240601
  draw <- function(m) {
    seed <<- (seed * 16807) %% 2147483647
    seed %% m
  }
  next_state <- list(
    benefit = c("job", "job", "sick"),
    job = c("benefit", "benefit", "sick"),
    sick = c("benefit", "benefit", "benefit", "job")
  )
  rows <- list()
  add <- function(id, start, stop, from, to) {
    rows[[length(rows) + 1]] <<- data.frame(id = id, start = start, stop = stop, from = from, to = to)
  }
  for (id in 1:30) {
    entry <- if (draw(4) == 0) 1 + draw(5) else 0
    state <- if (draw(6) == 0) "job" else "benefit"
    end <- 18 + draw(10)
    t <- entry
    repeat {
      stay <- 1 + draw(6)
      if (t + stay >= end) {
        add(id, t, end, state, "censor")
        break
      }
      if (stay >= 3 && draw(3) == 0) {
        add(id, t, t + 1, state, "censor")
        add(id, t + 1, t + stay, state, "")
      } else {
        add(id, t, t + stay, state, "")
      }
      choices <- next_state[[state]]
      state <- choices[1 + draw(length(choices))]
      rows[[length(rows)]]$to <- state
      t <- t + stay
    }
  }
  d <- do.call(rbind, rows)
  d$weight <- 1 + (d$id %% 3)
  d
}

recovery_case <- function(name, d, weighted) {
  states <- c("benefit", "job", "sick")
  d$event <- factor(d$to, c("censor", states))
  d$istate <- factor(d$from, states)
  fit_with <- function(conf.type) {
    if (weighted) {
      survfit(Surv(start, stop, event) ~ 1,
        data = d, id = id, istate = istate, weights = weight, conf.type = conf.type
      )
    } else {
      survfit(Surv(start, stop, event) ~ 1, data = d, id = id, istate = istate, conf.type = conf.type)
    }
  }
  fit <- fit_with("log")
  log_log <- fit_with("log-log")
  plain <- fit_with("plain")
  list(
    name = name,
    call = paste0(
      "survfit(Surv(start, stop, event) ~ 1, data = d, id = id, istate = from",
      if (weighted) ", weights = weight" else "", ")"
    ),
    data = list(
      id = I(d$id), start = I(d$start), stop = I(d$stop), from = I(d$from), to = I(d$to),
      weight = if (weighted) I(d$weight) else NULL
    ),
    states = I(fit$states),
    confInt = fit$conf.int,
    p0 = I(unname(fit$p0)),
    fit = curve_of(fit),
    limits = list(
      logLog = list(lower = log_log$lower, upper = log_log$upper),
      plain = list(lower = plain$lower, upper = plain$upper)
    )
  )
}

recovery <- recovery_data()
cases[[length(cases) + 1]] <- recovery_case("recovery", recovery, weighted = FALSE)
cases[[length(cases) + 1]] <- recovery_case("recovery-weighted", recovery, weighted = TRUE)

write_json(
  list(
    generatedBy = "tools/oracle/aalen-johansen.R",
    R = paste(R.version$major, R.version$minor, sep = "."),
    survival = as.character(packageVersion("survival")),
    cases = cases
  ),
  file.path(oracle_outdir(), "aalen-johansen.json")
)
