/**
 * Forward-only numbered migrations. A migration is never edited once shipped; a change is a new one.
 *
 * Time is stored as the integer ISO week index of `@jobinvest/core`'s weeks.ts; dates as DATE.
 * Persons are stored once, under an integer `person_id`, with their pseudonym (the keyed hash of the
 * CPR number, never the number itself); every other table refers to `person_id`, so the 64-character
 * pseudonym is not repeated on millions of rows.
 *
 * Benefit history is stored as **runs**: maximal stretches of consecutive weeks with the same
 * register code (or benefit group, for files that give groups). Person-weeks and spells are both
 * derived from runs (views below and in facts.ts). DREAM codes stay codes in storage and are mapped
 * to benefit groups through `code_map` when read, so editing the map needs no re-import.
 * `observation_windows` records which weeks each import observed for each person: inside a window,
 * a week without a run is a week without benefit (job / self-support).
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial register store',
    sql: `
CREATE SEQUENCE import_id_seq START 1;

CREATE TABLE imports (
  import_id INTEGER PRIMARY KEY,
  kind VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  rows BIGINT NOT NULL,
  rejected_rows BIGINT NOT NULL,
  first_week INTEGER,
  last_week INTEGER,
  started TIMESTAMP NOT NULL,
  finished TIMESTAMP NOT NULL,
  outcome VARCHAR NOT NULL,
  message VARCHAR
);

CREATE TABLE rejected_rows (
  import_id INTEGER NOT NULL,
  line BIGINT,
  "column" VARCHAR,
  expected VARCHAR NOT NULL,
  found VARCHAR
);

CREATE TABLE code_map (
  code VARCHAR PRIMARY KEY,
  benefit VARCHAR NOT NULL,
  label VARCHAR NOT NULL,
  status VARCHAR NOT NULL
);

CREATE TABLE municipalities (
  code SMALLINT PRIMARY KEY,
  name VARCHAR NOT NULL
);

CREATE TABLE municipality_years (
  code SMALLINT NOT NULL,
  year SMALLINT NOT NULL,
  population_16_66 INTEGER,
  labour_force_16_66 INTEGER,
  import_id INTEGER NOT NULL,
  PRIMARY KEY (code, year)
);

-- No index on persons: imports look pseudonyms up with hash joins, which are faster than keeping
-- two ART indexes up to date, and the one writer per store keeps pseudonyms and ids unique.
CREATE TABLE persons (
  person_id INTEGER NOT NULL,
  pseudonym VARCHAR NOT NULL,
  birth_year SMALLINT,
  sex VARCHAR,
  origin VARCHAR
);

CREATE TABLE person_municipalities (
  person_id INTEGER NOT NULL,
  from_week INTEGER NOT NULL,
  municipality SMALLINT NOT NULL,
  import_id INTEGER NOT NULL
);

CREATE TABLE runs (
  person_id INTEGER NOT NULL,
  code VARCHAR,
  benefit VARCHAR,
  first_week INTEGER NOT NULL,
  last_week INTEGER NOT NULL,
  import_id INTEGER NOT NULL
);

CREATE TABLE observation_windows (
  person_id INTEGER NOT NULL,
  first_week INTEGER NOT NULL,
  last_week INTEGER NOT NULL,
  import_id INTEGER NOT NULL
);

CREATE TABLE interventions (
  person_id INTEGER NOT NULL,
  type VARCHAR NOT NULL,
  start_week INTEGER NOT NULL,
  end_week INTEGER,
  cost DOUBLE,
  import_id INTEGER NOT NULL
);

CREATE TABLE caseworker_assignments (
  person_id INTEGER NOT NULL,
  caseworker VARCHAR NOT NULL,
  department VARCHAR,
  from_week INTEGER NOT NULL,
  to_week INTEGER,
  import_id INTEGER NOT NULL
);

CREATE TABLE contacts (
  person_id INTEGER NOT NULL,
  date DATE NOT NULL,
  week INTEGER NOT NULL,
  kind VARCHAR NOT NULL,
  caseworker VARCHAR,
  import_id INTEGER NOT NULL
);

CREATE TABLE refusion_lines (
  person_id INTEGER NOT NULL,
  week INTEGER NOT NULL,
  week_date DATE NOT NULL,
  benefit_text VARCHAR NOT NULL,
  municipality_name VARCHAR,
  reported_amount DOUBLE,
  calculated_amount DOUBLE,
  refusion_rate DOUBLE,
  refusion_amount DOUBLE,
  cofinancing_rate DOUBLE,
  cofinancing_amount DOUBLE,
  import_id INTEGER NOT NULL
);

-- The last import the derived facts (facts.ts) were built from.
CREATE TABLE facts_state (import_id INTEGER);

-- Runs with their benefit group: DREAM codes through the code map, groups as given.
CREATE VIEW benefit_runs AS
SELECT r.person_id, r.code, coalesce(r.benefit, m.benefit) AS benefit, r.first_week, r.last_week, r.import_id
FROM runs r LEFT JOIN code_map m ON r.code = m.code;

-- One row per person and week with a benefit (or a mapped state such as 'out').
CREATE VIEW person_weeks AS
SELECT person_id, week, code, benefit
FROM benefit_runs, LATERAL (SELECT unnest(range(first_week, last_week + 1)) AS week);
`,
  },
  {
    version: 2,
    name: 'saved investment cases',
    sql: `
CREATE SEQUENCE case_id_seq START 1;

-- Saved investment cases (case-schema.ts). Saving a name again adds version max + 1; a saved
-- version is never overwritten. data_version is the last successful import when it was saved.
CREATE TABLE cases (
  case_id INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  document JSON NOT NULL,
  saved_by VARCHAR NOT NULL,
  saved_at TIMESTAMP NOT NULL,
  data_version INTEGER,
  UNIQUE (name, version)
);
`,
  },
  {
    version: 3,
    name: 'estimated duration models',
    sql: `
-- The Jobinvestering duration model estimated from the data of one import (data_version), cut at
-- week index until_week (-1: all data), as the JSON of core's TransitionModel: estimating takes
-- seconds to a minute, so a restart reads it back instead. A newer import makes a new row.
CREATE TABLE models (
  data_version INTEGER NOT NULL,
  until_week INTEGER NOT NULL,
  model JSON NOT NULL,
  cells BIGINT NOT NULL,
  estimated_ms DOUBLE NOT NULL,
  created TIMESTAMP NOT NULL,
  PRIMARY KEY (data_version, until_week)
);
`,
  },
  {
    version: 4,
    name: 'users, sessions, audit trail and settings',
    sql: `
-- Local and OIDC users (access/users.ts). municipalities NULL: a national user, who sees all.
-- password_hash is argon2id (PHC string); NULL for a user who logs in through OIDC only.
CREATE TABLE users (
  username VARCHAR PRIMARY KEY,
  role VARCHAR NOT NULL,
  municipalities INTEGER[],
  caseworker VARCHAR,
  password_hash VARCHAR,
  disabled BOOLEAN NOT NULL DEFAULT false,
  demo BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMP NOT NULL
);

-- Server-side sessions (access/sessions.ts): the SHA-256 of the opaque cookie value, never the value.
CREATE TABLE sessions (
  token_hash VARCHAR PRIMARY KEY,
  username VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  municipalities INTEGER[],
  caseworker VARCHAR,
  source VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  last_seen TIMESTAMP NOT NULL
);

-- The audit trail (access/audit.ts): append only; each entry's hash covers the one before it.
CREATE TABLE audit (
  seq BIGINT PRIMARY KEY,
  -- UTC, ISO 8601 with milliseconds, as hashed
  entry_at VARCHAR NOT NULL,
  username VARCHAR NOT NULL,
  role VARCHAR,
  action VARCHAR NOT NULL,
  resource VARCHAR NOT NULL,
  persons VARCHAR[] NOT NULL,
  prev_hash VARCHAR NOT NULL,
  hash VARCHAR NOT NULL
);

-- Settings of the installation as key and JSON value ('demo': the store holds synthetic data).
CREATE TABLE settings (
  key VARCHAR PRIMARY KEY,
  value JSON NOT NULL
);
`,
  },
  {
    version: 5,
    name: 'peer figures and framework conditions',
    sql: `
-- Other municipalities' aggregates (data/importers/jobindsats.ts, monitoring/peers.ts in core):
-- a figure per municipality, jobindsats benefit group ('all' for all of them), period and measure.
-- The period is the week indices of its first and last week (weeks.ts: a month's weeks are those
-- whose Thursday falls in it). Fractions are 0-1, never percent. source: 'jobindsats', 'synthetic'
-- or a jobindsats table id ('Y30R21'). One row per municipality, benefit, period and measure: an
-- import replaces the rows of the same key (no index: the one writer keeps the key unique).
CREATE TABLE peer_figures (
  municipality SMALLINT NOT NULL,
  benefit VARCHAR NOT NULL,
  period_from INTEGER NOT NULL,
  period_to INTEGER NOT NULL,
  measure VARCHAR NOT NULL,
  value DOUBLE NOT NULL,
  source VARCHAR NOT NULL,
  import_id INTEGER NOT NULL
);

-- A municipality's framework conditions (rammevilkår) per year, as fractions or ratios
-- (data/importers/framework.ts); one row per municipality, year and variable.
CREATE TABLE framework_conditions (
  municipality SMALLINT NOT NULL,
  year SMALLINT NOT NULL,
  variable VARCHAR NOT NULL,
  value DOUBLE NOT NULL,
  import_id INTEGER NOT NULL
);
`,
  },
  {
    version: 6,
    name: 'result goals and clusters',
    sql: `
-- Result goals of the beskæftigelsesplan (monitoring/goals.ts): a measure of jobindsats (kpi.ts) for
-- a municipality and benefit group, its value in the baseline period (weeks), the target and the
-- week it is to be reached by. Its status is counted from the store whenever it is read.
CREATE SEQUENCE goal_id_seq START 1;
CREATE TABLE goals (
  goal_id INTEGER PRIMARY KEY,
  municipality SMALLINT NOT NULL,
  benefit VARCHAR NOT NULL,
  measure VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  baseline_from INTEGER NOT NULL,
  baseline_to INTEGER NOT NULL,
  baseline_value DOUBLE NOT NULL,
  target_value DOUBLE NOT NULL,
  target_week INTEGER NOT NULL,
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);

-- The user-edited cluster table: which municipalities a municipality is compared with by name
-- (KL's clusters), beside the nearest neighbours on framework conditions.
CREATE TABLE clusters (
  municipality SMALLINT PRIMARY KEY,
  cluster VARCHAR NOT NULL,
  updated_by VARCHAR NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
`,
  },
{
    version: 7,
    name: 'progression measurements',
    sql: `
-- BIP's progression measurements (progression/ room; core's progression/ for the keys and shapes).
-- Questionnaire versions as data: the definition JSON is core's \`Questionnaire\` (questionnaire.ts).
-- The built-in version (bip-1) is written the first time a store uses it (progression/store.ts).
CREATE TABLE questionnaires (version VARCHAR PRIMARY KEY, definition JSON NOT NULL,
  created_by VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
-- Which version a municipality uses from a day on (the newest adoption on or before a day wins).
CREATE TABLE questionnaire_adoptions (municipality SMALLINT NOT NULL, version VARCHAR NOT NULL,
  from_day DATE NOT NULL, adopted_by VARCHAR NOT NULL, adopted_at TIMESTAMP NOT NULL);
CREATE SEQUENCE measurement_id_seq START 1;
-- One measurement: a person on a day, both parts. status 'draft' | 'final'; source 'screen' | 'link' | 'import'.
CREATE TABLE measurements (measurement_id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL,
  municipality SMALLINT NOT NULL, questionnaire VARCHAR NOT NULL, measured_on DATE NOT NULL,
  week INTEGER NOT NULL,            -- week index (core weeks.ts) of measured_on
  caseworker VARCHAR,               -- the caseworker who measured (register id), if known
  status VARCHAR NOT NULL, source VARCHAR NOT NULL, import_id INTEGER,
  recorded_by VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL);
-- One answer: respondent 'citizen' | 'caseworker'; item an Indicator key or \`channel:<SearchChannel>\`;
-- score 1-5 for an indicator, 0/1 for a channel, NULL for an item left unanswered.
CREATE TABLE measurement_answers (measurement_id INTEGER NOT NULL, respondent VARCHAR NOT NULL,
  item VARCHAR NOT NULL, score SMALLINT);
-- The action plan kept with a measurement: per indicator a goal score, the next step, a follow-up day.
CREATE TABLE action_plans (measurement_id INTEGER NOT NULL, indicator VARCHAR NOT NULL,
  goal SMALLINT, next_step VARCHAR, follow_up DATE);
-- One-time links for the citizen's part on their own phone: only the SHA-256 of the token is kept.
CREATE TABLE citizen_links (token_hash VARCHAR PRIMARY KEY, measurement_id INTEGER NOT NULL,
  language VARCHAR NOT NULL, expires_at TIMESTAMP NOT NULL, used_at TIMESTAMP,
  created_by VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
`,
  },
  {
    version: 8,
    name: 'saved budget versions',
    sql: `
-- Saved budgets (budget/ room; core's budget/budget.ts): a municipality's budget for a year is kept
-- in numbered versions, each saving adding version max + 1 and never overwriting, with who saved it,
-- when, the data version, the rate table and the saved investment cases it includes.
CREATE SEQUENCE budget_id_seq START 1;
CREATE TABLE budget_versions (
  budget_id INTEGER PRIMARY KEY,
  municipality SMALLINT NOT NULL,
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  note VARCHAR,
  cases INTEGER[] NOT NULL,
  saved_by VARCHAR NOT NULL,
  saved_at TIMESTAMP NOT NULL,
  data_version INTEGER,
  rates_version VARCHAR NOT NULL,
  UNIQUE (municipality, year, version)
);
-- The adjustments of a version, one row each: kind 'fullTimePersonsChange' (key a benefit group,
-- value a share), 'activityPricePerWeek' (key an activation type, kr), 'caseload' or
-- 'costPerCaseworker' (key '').
CREATE TABLE budget_adjustments (
  budget_id INTEGER NOT NULL,
  kind VARCHAR NOT NULL,
  key VARCHAR NOT NULL,
  value DOUBLE NOT NULL,
  PRIMARY KEY (budget_id, kind, key)
);
`,
  },
];
