/**
 * Users and the audit trail on the command line: `users add | list | disable | roles`, `audit` and
 * `audit verify`. Against a store a running server holds they go through that server (as the local
 * admin: the server file is owner-only), so nobody has to stop it to add a user.
 */

import { PERMISSION_MATRIX, PERMISSIONS, ROLE_DESCRIPTIONS, ROLES } from '@jobinvest/core';
import { InvalidArgumentError, type Command } from 'commander';
import { json, UsageError } from '../cli/options.ts';
import { renderTable } from '../cli/table.ts';
import { commandConfig, type CliIo } from '../context.ts';
import { jsonFrom, runningServer, storeOf } from '../data/index.ts';
import { audit, auditEntries, verifyAudit, type AuditEntry, type AuditVerification } from '../data/index.ts';
import { localPrincipal } from './guard.ts';
import { addUser, disableUser, users, type NewUser, type User } from './users.ts';

function parseMunicipality(text: string, previous: number[] = []): number[] {
  if (!/^\d{3}$/.test(text.trim()))
    throw new InvalidArgumentError(`expected a three-digit municipality code such as 101, found "${text}"`);
  return [...previous, Number(text.trim())];
}

function parseDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
    throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, found "${text}"`);
  return text;
}

const place = (u: Pick<User, 'municipalities'>) =>
  u.municipalities === null
    ? 'all (national)'
    : u.municipalities.map((m) => String(m).padStart(3, '0')).join(', ');

export function registerAccessCommands(program: Command, io: CliIo): void {
  const config = (db?: string) => commandConfig(program, io, db === undefined ? {} : { db });
  const by = localPrincipal();
  const record = (store: Awaited<ReturnType<typeof storeOf>>, action: string, resource: string) =>
    audit(store, { username: by.username, role: by.role, action, resource, persons: [] });

  const usersCommand = program.command('users').description('The users who may log in, and their roles');
  usersCommand
    .command('add')
    .description(
      `Add a user. Roles: ${ROLES.join(', ')}. Without --municipality the user is national (sees every\n` +
        'municipality). The first user of a store must be an admin. Without --password-stdin the user\n' +
        'logs in through the identity provider (access.oidc) only.',
    )
    .requiredOption('--username <name>', 'the name to log in with')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--municipality <code>', 'a municipality the user sees (repeat for more)', parseMunicipality)
    .option('--caseworker <id>', "for a caseworker: their id in the register data's caseworker assignments")
    .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(
      async (options: {
        username: string;
        role: string;
        municipality?: number[];
        caseworker?: string;
        passwordStdin?: boolean;
        db?: string;
        json?: boolean;
      }) => {
        let password: string | undefined;
        if (options.passwordStdin) {
          if (!io.readStdin) throw new UsageError('--password-stdin: no standard input to read');
          password = (await io.readStdin()).replace(/\r?\n$/, '');
          if (password === '') throw new UsageError('--password-stdin: standard input was empty');
        }
        const user: NewUser = {
          username: options.username,
          role: options.role,
          municipalities: options.municipality ?? [],
          caseworker: options.caseworker ?? null,
          ...(password === undefined ? {} : { password }),
        };
        const cfg = await config(options.db);
        const server = runningServer(cfg.db);
        let added: User;
        if (server)
          added = await jsonFrom<User>(server, '/api/users', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(user),
          });
        else {
          const store = await storeOf(cfg);
          added = await addUser(store, user, 'users add');
          await record(store, 'users.add', `${added.username} (${added.role})`);
        }
        if (options.json) return io.out(json(added));
        io.out(
          `Added ${added.username}: ${added.role}, municipalities ${place(added)}${added.caseworker ? `, caseworker ${added.caseworker}` : ''}${added.local ? '' : ', logs in through the identity provider'}.\n`,
        );
      },
    );

  usersCommand
    .command('list')
    .description('The users, their roles and municipalities')
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const cfg = await config(options.db);
      const server = runningServer(cfg.db);
      const all = server ? await jsonFrom<User[]>(server, '/api/users') : await users(await storeOf(cfg));
      if (options.json) return io.out(json(all));
      if (all.length === 0)
        return io.out('No users yet: add the first admin with jobinvest users add --role admin.\n');
      io.out(
        renderTable<User>(
          [
            { header: 'user', value: (u) => u.username },
            { header: 'role', value: (u) => u.role },
            { header: 'municipalities', value: place },
            { header: 'caseworker', value: (u) => u.caseworker ?? '' },
            { header: 'login', value: (u) => (u.local ? 'password' : 'identity provider') },
            { header: 'state', value: (u) => (u.disabled ? 'disabled' : u.demo ? 'demo' : 'active') },
          ],
          all,
        ),
      );
    });

  usersCommand
    .command('roles')
    .description('The roles and what each may: the permission matrix the server enforces')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const roles = ROLES.map((role) => ({
        role,
        description: ROLE_DESCRIPTIONS[role].en,
        permissions: [...PERMISSION_MATRIX[role]],
      }));
      if (options.json) return io.out(json(roles));
      io.out(
        renderTable<(typeof roles)[number]>(
          [
            { header: 'role', value: (r) => r.role },
            ...PERMISSIONS.map((p) => ({
              header: p,
              value: (r: (typeof roles)[number]) => (r.permissions.includes(p) ? 'yes' : ''),
            })),
          ],
          roles,
        ),
      );
      for (const r of roles) io.out(`${r.role}: ${r.description}\n`);
    });

  usersCommand
    .command('disable')
    .description('Disable a user: no more logins, and their sessions end')
    .argument('<username>')
    .option('--db <path>', 'DuckDB file of the store')
    .action(async (username: string, options: { db?: string }) => {
      const cfg = await config(options.db);
      const server = runningServer(cfg.db);
      if (server)
        await jsonFrom<User>(server, `/api/users/${encodeURIComponent(username)}/disable`, {
          method: 'POST',
        });
      else {
        const store = await storeOf(cfg);
        const user = await disableUser(store, username);
        await record(store, 'users.disable', user.username);
      }
      io.out(`Disabled ${username}.\n`);
    });

  const auditCommand = program
    .command('audit')
    .description('The audit trail: logins, reads of person-level data, exports, imports, saves, users')
    .option('--since <date>', 'entries from this day (YYYY-MM-DD, UTC)', parseDate)
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(async (options: { since?: string; db?: string; json?: boolean }) => {
      const cfg = await config(options.db);
      const server = runningServer(cfg.db);
      const query = new URLSearchParams({
        limit: '100000',
        ...(options.since ? { since: options.since } : {}),
      });
      const entries = server
        ? await jsonFrom<AuditEntry[]>(server, `/api/audit?${query}`)
        : await auditEntries(await storeOf(cfg), {
            ...(options.since ? { since: options.since } : {}),
            limit: 100_000,
          });
      if (options.json) return io.out(json(entries));
      if (entries.length === 0) return io.out('No audit entries.\n');
      io.out(
        renderTable<AuditEntry>(
          [
            { header: '#', value: (e) => String(e.seq), align: 'right' },
            { header: 'at (UTC)', value: (e) => e.at.replace('T', ' ').slice(0, 19) },
            { header: 'user', value: (e) => e.username },
            { header: 'role', value: (e) => e.role ?? '' },
            { header: 'action', value: (e) => e.action },
            { header: 'resource', value: (e) => e.resource },
            { header: 'persons', value: (e) => String(e.persons.length), align: 'right' },
          ],
          entries,
        ),
      );
    });

  auditCommand
    .command('verify')
    .description('Check the chain of the audit trail: finds edited and deleted entries')
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const cfg = await config(options.db ?? auditCommand.opts<{ db?: string }>().db);
      const server = runningServer(cfg.db);
      const result = server
        ? await jsonFrom<AuditVerification>(server, '/api/audit/verify')
        : await verifyAudit(await storeOf(cfg));
      if (options.json || auditCommand.opts<{ json?: boolean }>().json) io.out(json(result));
      else if (result.ok)
        io.out(`The audit trail holds: ${result.entries} entries, none changed or deleted.\n`);
      else
        io.out(
          `The audit trail is broken (${result.entries} entries):\n${result.problems.map((p) => `- ${p}\n`).join('')}`,
        );
      if (!result.ok) throw new AuditBroken();
    });
}

/** `audit verify` found a break: exit code 1 after the report (already printed). */
export class AuditBroken extends Error {
  constructor() {
    super('');
  }
}
