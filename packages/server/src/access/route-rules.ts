/**
 * The rule of every route: who may call it. `public`: anyone (health, the API description, the
 * login itself); otherwise the permission of core's PERMISSION_MATRIX the caller's role must have.
 * A request to an /api route that has no rule here is answered 404 without reaching a handler, and
 * the access test calls every route of the OpenAPI description as every role against this table,
 * so a new route without a rule cannot go unnoticed.
 */

import { may, type Permission, type Role } from '@jobinvest/core';

/**
 * `public`, a permission, or a list of permissions of which the role needs one (the progression
 * room's person-level reads: `read:persons` for everyone, `read:own-caseload` for a caseworker's own
 * citizens; the handler then keeps to what the one held allows).
 */
export type RouteRule = 'public' | Permission | readonly Permission[];

const PERSON_LEVEL: readonly Permission[] = ['read:persons', 'read:own-caseload'];

/** Whether `role` satisfies `rule` (not `public`). */
export function mayUse(role: Role, rule: Exclude<RouteRule, 'public'>): boolean {
  return typeof rule === 'string' ? may(role, rule) : rule.some((p) => may(role, p));
}

/** A rule as people read it: `read:persons or read:own-caseload`. */
export function ruleText(rule: RouteRule): string {
  return typeof rule === 'string' ? rule : rule.join(' or ');
}

/** `METHOD /path` (OpenAPI's `{param}` for a path parameter) → its rule. */
export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  // The session: logging in and out, who is logged in, the demo users of a demo store.
  'POST /api/session': 'public',
  'GET /api/session': 'public',
  'DELETE /api/session': 'public',
  'GET /api/session/demo': 'public',
  'GET /api/session/oidc': 'public',
  'GET /api/session/oidc/callback': 'public',
  // Rules and money: the catalogue and rates are published; the calculators compute on what is sent.
  'GET /api/benefits': 'read:aggregates',
  'GET /api/rates': 'read:aggregates',
  'POST /api/refusion': 'read:cases',
  'POST /api/fleksjob': 'read:cases',
  // The register store, aggregated (small numbers withheld for roles without read:unsuppressed).
  'GET /api/data/summary': 'read:aggregates',
  'GET /api/overview': 'read:aggregates',
  'GET /api/imports': 'read:aggregates',
  'POST /api/imports': 'write:imports',
  'GET /api/codes': 'read:aggregates',
  'POST /api/codes': 'write:imports',
  // Jobinvestering.
  'GET /api/forecast': 'read:cases',
  'GET /api/backtest': 'read:cases',
  'GET /api/model/diagnostics': 'read:cases',
  'POST /api/invest': 'read:cases',
  'POST /api/invest/target-group': 'read:cases',
  'GET /api/cases': 'read:cases',
  'POST /api/cases': 'write:cases',
  'GET /api/cases/{id}': 'read:cases',
  // The budget: municipality-level figures as the forecast's; saving a version as saving a case.
  'GET /api/budget': 'read:cases',
  'GET /api/budget/xlsx': 'export',
  'GET /api/budget/report': 'export',
  'GET /api/budget/versions': 'read:cases',
  'POST /api/budget/versions': 'write:cases',
  'GET /api/cases/{id}/plan-vs-actual': 'read:cases',
  // Resultatstyring: the measures (departments and caseworkers: read:levels, or a caseworker's own caseload).
  'GET /api/kpi': 'read:aggregates',
  'GET /api/kpi/survival': 'read:aggregates',
  'GET /api/kpi/series': 'read:aggregates',
  'GET /api/goals': 'read:aggregates',
  'POST /api/goals': 'write:goals',
  'GET /api/scorecard': 'read:aggregates',
  // The scorecard as the committee's PDF: a report, so an export (as the case report and the workbooks).
  'GET /api/scorecard/report': 'export',
  // The budget: municipality-level figures, read as the forecast's (small numbers withheld).
  'GET /api/budget/followup': 'read:cases',
  'GET /api/peers': 'read:aggregates',
  'GET /api/benchmark': 'read:aggregates',
  'GET /api/clusters': 'read:aggregates',
  // The cluster table is part of setting goals and comparing: those who set goals edit it.
  'PUT /api/clusters': 'write:goals',
  // Progression (BIP): person-level reads need person-level data or an own caseload (the handler
  // keeps a caseworker to their citizens); writes a caseworker's own citizens, or anyone's for admin.
  'GET /api/progression/questionnaires': 'read:aggregates',
  'GET /api/progression/citizens': PERSON_LEVEL,
  'GET /api/progression/citizens/{person}': PERSON_LEVEL,
  'POST /api/progression/citizens/{person}/measurements': 'write:measurements',
  'PUT /api/progression/measurements/{id}': 'write:measurements',
  'PUT /api/progression/measurements/{id}/plan': 'write:measurements',
  'POST /api/progression/measurements/{id}/link': 'write:measurements',
  'GET /api/progression/groups': 'read:aggregates',
  'GET /api/progression/quality': 'read:aggregates',
  // The citizen's one-time link: no account; the token is the credential (progression/links.ts).
  'GET /api/citizen-link/{token}': 'public',
  'POST /api/citizen-link/{token}': 'public',
  // Progression: the indicators linked to outcomes (small cells withheld), and a step up in kroner.
  'GET /api/progression/outcomes': 'read:aggregates',
  // A caseworker prices a target group (benefit, weeks, ages) for the citizen page, or their own
  // citizens by pseudonym; admitCase refuses them anyone else's.
  'POST /api/progression/value': ['read:cases', 'read:own-caseload'],
  // Exports of what the caller may read.
  'POST /api/export/xlsx': 'export',
  'POST /api/invest/report': 'export',
  // The business case per citizen: a calculator as the investment case's (no register data), its PDF an export.
  'POST /api/budget/businesscase': 'read:cases',
  'POST /api/budget/businesscase/report': 'export',
  // Administration.
  'GET /api/users': 'write:users',
  'POST /api/users': 'write:users',
  'POST /api/users/{username}/disable': 'write:users',
  'GET /api/audit': 'read:audit',
  'GET /api/audit/verify': 'read:audit',
};

const compiled = Object.entries(ROUTE_RULES).map(([key, rule]) => {
  const [method, path] = key.split(' ') as [string, string];
  const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return { method, pattern, rule, key };
});

/** The rule of `method path`, or null when the route has none. HEAD is GET's. */
export function ruleOf(method: string, path: string): { key: string; rule: RouteRule } | null {
  const m = method === 'HEAD' ? 'GET' : method;
  const found = compiled.find((r) => r.method === m && r.pattern.test(path));
  return found ? { key: found.key, rule: found.rule } : null;
}
