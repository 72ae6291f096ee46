/**
 * Who may do what: the six roles and the one permission matrix the server enforces on every route
 * and the web app uses to show only what a role may use. Pure data, so that the matrix can be read,
 * printed and tested on its own (GDPR art. 25 and 32: show who may see what).
 *
 * Reading comes in four kinds, from least to most identifying: published aggregates (counts with
 * small numbers suppressed), aggregates without suppression, person-level pseudonymised data, and a
 * caseworker's own caseload (person-level, but only the citizens assigned to them).
 */

export const ROLES = ['admin', 'analyst', 'economist', 'manager', 'caseworker', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Aggregates with small numbers withheld (diskretionering). */
  'read:aggregates',
  /** Aggregates with small numbers as they are. */
  'read:unsuppressed',
  /** Person-level pseudonymised data of any citizen in the user's municipalities. */
  'read:persons',
  /** Person-level data of the citizens assigned to the user as caseworker. */
  'read:own-caseload',
  /** Department and caseworker levels of the aggregates. */
  'read:levels',
  /** Investment cases, forecasts and the models behind them. */
  'read:cases',
  /** The audit trail. */
  'read:audit',
  'write:cases',
  'write:goals',
  /** Progression measurements: for a caseworker only of their own caseload. */
  'write:measurements',
  'write:imports',
  'write:users',
  'write:settings',
  /** Workbooks and PDF reports of what the user may read. */
  'export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The matrix: what each role may. One table; everything else reads it. */
export const PERMISSION_MATRIX: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [
    'read:aggregates',
    'read:unsuppressed',
    'read:persons',
    'read:levels',
    'read:cases',
    'read:audit',
    'write:cases',
    'write:goals',
    'write:measurements',
    'write:imports',
    'write:users',
    'write:settings',
    'export',
  ],
  analyst: [
    'read:aggregates',
    'read:unsuppressed',
    'read:persons',
    'read:levels',
    'read:cases',
    'write:cases',
    'write:goals',
    'write:imports',
    'export',
  ],
  economist: ['read:aggregates', 'read:cases', 'write:cases', 'export'],
  manager: ['read:aggregates', 'read:levels', 'read:cases', 'write:cases', 'write:goals', 'export'],
  caseworker: ['read:aggregates', 'read:own-caseload', 'write:measurements'],
  viewer: ['read:aggregates'],
};

/** What the roles are for, in Danish and English (the users page and the matrix's printout). */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, { da: string; en: string }>> = {
  admin: {
    da: 'Administrator: brugere, indlæsning, indstillinger og audit-log; ser alt i sine kommuner',
    en: 'Administrator: users, imports, settings and the audit trail; sees everything in their municipalities',
  },
  analyst: {
    da: 'Analytiker: indlæser data og ser persondata (pseudonymiseret) og tal uden diskretionering',
    en: 'Analyst: imports data and sees person-level (pseudonymised) data and figures without suppression',
  },
  economist: {
    da: 'Økonom: investeringscases, prognoser og budget på diskretionerede tal',
    en: 'Economist: investment cases, forecasts and budget on suppressed figures',
  },
  manager: {
    da: 'Leder: resultatmål og afdelings- og sagsbehandlerniveau, diskretioneret',
    en: 'Manager: result goals and department and caseworker levels, suppressed',
  },
  caseworker: {
    da: 'Sagsbehandler: egne borgere og deres progressionsmålinger; ellers diskretionerede tal',
    en: 'Caseworker: own citizens and their progression measurements; otherwise suppressed figures',
  },
  viewer: {
    da: 'Læser (udvalget): kun diskretionerede tal',
    en: 'Viewer (the committee): suppressed figures only',
  },
};

/** The shortest password a local user may have (the server refuses shorter ones, the app says so first). */
export const MIN_PASSWORD_LENGTH = 12;

export function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

export function may(role: Role, permission: Permission): boolean {
  return PERMISSION_MATRIX[role].includes(permission);
}

/** Whether figures resting on few persons are withheld from this role. */
export function suppressesFor(role: Role): boolean {
  return !may(role, 'read:unsuppressed');
}

/** Who is asking: a logged-in user, or the local command line through a running server. */
export interface Principal {
  readonly username: string;
  readonly role: Role;
  /** Municipality codes the user belongs to; null for a national user, who sees every one. */
  readonly municipalities: readonly number[] | null;
  /** The caseworker id in the register data whose caseload is the user's own, if any. */
  readonly caseworker: string | null;
}

/** Whether `principal` may see municipality `code`. */
export function seesMunicipality(principal: Principal, code: number): boolean {
  return principal.municipalities === null || principal.municipalities.includes(code);
}
