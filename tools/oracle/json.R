# JSON writer for the oracle fixtures, sourced by the scripts in tools/oracle/ (jsonlite is not in
# Debian's r-base-core, and the fixtures must not depend on a CRAN install).
#
#   source("tools/oracle/json.R")   # scripts run from the repository root
#   write_json(list(time = fit$time, median = 27), file.path(oracle_outdir(), "NAME.json"))
#
# Conventions (close to jsonlite's auto_unbox = TRUE, digits = NA):
# - a named list is an object, an unnamed list an array;
# - an atomic vector of length 1 is a scalar, any other length an array; wrap in I() to force an
#   array of length 1 (a curve with one row);
# - a matrix is an array of its rows;
# - numbers are written with 17 significant digits (sprintf "%.17g"), enough to round-trip a double;
# - NA is null; NaN, Inf and -Inf, which JSON lacks, are the strings "NaN", "Inf" and "-Inf";
# - factors are written as their labels, logicals as true/false.
#
# This file writes no fixture of its own: check.ts runs it like every tools/oracle/*.R and it
# produces nothing.

json_number <- function(x) {
  ifelse(is.nan(x), '"NaN"',
    ifelse(is.na(x), "null",
      ifelse(x == Inf, '"Inf"',
        ifelse(x == -Inf, '"-Inf"', sprintf("%.17g", x))
      )
    )
  )
}

json_string <- function(x) {
  x <- gsub("\\", "\\\\", x, fixed = TRUE)
  x <- gsub('"', '\\"', x, fixed = TRUE)
  x <- gsub("\n", "\\n", x, fixed = TRUE)
  x <- gsub("\t", "\\t", x, fixed = TRUE)
  ifelse(is.na(x), "null", paste0('"', x, '"'))
}

json_atoms <- function(x) {
  if (is.factor(x)) x <- as.character(x)
  if (is.logical(x)) {
    ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else if (is.numeric(x)) {
    json_number(as.double(x))
  } else if (is.character(x)) {
    json_string(x)
  } else {
    stop("json.R cannot write a value of class ", paste(class(x), collapse = "/"))
  }
}

to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) {
    "null"
  } else if (is.matrix(x)) {
    rows <- lapply(seq_len(nrow(x)), function(i) I(unname(x[i, ])))
    to_json(rows, indent)
  } else if (is.list(x)) {
    if (length(x) == 0) {
      return(if (is.null(names(x))) "[]" else "{}")
    }
    parts <- vapply(x, to_json, character(1), indent = inner, USE.NAMES = FALSE)
    if (!is.null(names(x))) {
      if (any(names(x) == "")) stop("json.R: a list is either all named or all unnamed")
      parts <- paste0(json_string(names(x)), ": ", parts)
      paste0("{\n", inner, paste(parts, collapse = paste0(",\n", inner)), "\n", indent, "}")
    } else {
      paste0("[\n", inner, paste(parts, collapse = paste0(",\n", inner)), "\n", indent, "]")
    }
  } else {
    atoms <- json_atoms(if (is.factor(x)) as.character(x) else unclass(x))
    if (length(atoms) == 1 && !inherits(x, "AsIs")) atoms else paste0("[", paste(atoms, collapse = ", "), "]")
  }
}

write_json <- function(x, path) {
  writeLines(to_json(x), path, useBytes = TRUE)
  invisible(path)
}

# The output directory the runner passes as the first argument.
oracle_outdir <- function() {
  args <- commandArgs(trailingOnly = TRUE)
  if (length(args) < 1) stop("usage: Rscript tools/oracle/NAME.R OUTDIR")
  dir.create(args[1], showWarnings = FALSE, recursive = TRUE)
  args[1]
}
