/** The access room: users, sessions, the route guard, the audit trail and suppression helpers. */
export { audit, auditEntries, verifyAudit, type AuditEntry, type AuditVerification } from '../data/index.ts';
export { DEMO_PASSWORDS, isDemoStore, syncDemoUsers } from './demo-users.ts';
export { AccessError } from '../http/principal.ts';
export { accessGuard, allowedHost, localPrincipal, type Access } from './guard.ts';
export { registerAccessRoutes } from './routes.ts';
export { ROUTE_RULES, ruleOf, type RouteRule } from './route-rules.ts';
export { SESSION_COOKIE, Sessions } from './sessions.ts';
export { addUser, disableUser, users, type NewUser, type User } from './users.ts';
export { AuditBroken, registerAccessCommands } from './commands.ts';
