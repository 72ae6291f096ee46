/**
 * Audit-log: who did what, when, and whose data they read (pseudonyms), newest first, filtered by
 * date, user and action; and the check of the hash chain (GET /api/audit/verify).
 */

import { useState, type FormEvent } from 'react';
import { getJson, type AuditEntry } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { formatInstant } from '../../format.ts';
import { useWords } from '../../i18n.tsx';
import { Section, Status } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider } from '../../ui/Table.tsx';

/** The actions the server records (for the filter's suggestions). */
const AUDIT_ACTIONS = [
  'login',
  'login.failed',
  'logout',
  'read.persons',
  'export.xlsx',
  'export.pdf',
  'import',
  'codes.load',
  'case.save',
  'users.add',
  'users.disable',
];

interface Verification {
  ok: boolean;
  entries: number;
  problems: string[];
}

export function AuditPage() {
  const words = useWords();
  const [since, setSince] = useState('');
  const [username, setUsername] = useState('');
  const [action, setAction] = useState('');
  const [query, setQuery] = useState('');
  const [check, setCheck] = useState(0);
  const entries = useLoad(`audit-${query}`, (signal) =>
    getJson<AuditEntry[]>(`/api/audit${query ? `?${query}` : ''}`, signal),
  );
  const verified = useLoad(check === 0 ? null : `verify-${check}`, (signal) =>
    getJson<Verification>('/api/audit/verify', signal),
  );
  const filter = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (since) params.set('since', since);
    if (username.trim()) params.set('username', username.trim());
    if (action.trim()) params.set('action', action.trim());
    setQuery(params.toString());
  };

  return (
    <ExportInfoProvider info={{ title: words('audit'), assumptions: [words('auditLead')] }}>
      <h1>{words('audit')}</h1>
      <p>{words('auditLead')}</p>
      <form className="filters" onSubmit={filter}>
        <label>
          {words('auditSince')}
          <input type="date" name="since" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <label>
          {words('username')}
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {words('auditAction')}
          <input
            name="action"
            list="audit-actions"
            value={action}
            onChange={(e) => setAction(e.target.value)}
          />
          <datalist id="audit-actions">
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <button type="submit">{words('auditFilter')}</button>
        <button type="button" onClick={() => setCheck((n) => n + 1)}>
          {words('auditVerify')}
        </button>
      </form>
      {check > 0 && (
        <Status loaded={verified}>
          {(v) =>
            v.ok ? (
              <p className="status ok" role="status" data-audit-verified="ok">
                {words('auditIntact', { entries: v.entries })}
              </p>
            ) : (
              <div className="status error" role="alert" data-audit-verified="broken">
                {words('auditBroken')}
                <ul>
                  {v.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </div>
            )
          }
        </Status>
      )}
      <Status loaded={entries}>
        {(list) => (
          <Section title={words('auditEntries', { count: list.length })}>
            <DataTable
              name="audit"
              title={words('audit')}
              columns={[
                { key: 'seq', header: '#', numeric: true },
                { key: 'at', header: words('auditAt') },
                { key: 'username', header: words('username') },
                { key: 'role', header: words('role') },
                { key: 'action', header: words('auditAction') },
                { key: 'resource', header: words('auditResource') },
                { key: 'persons', header: words('auditPersons') },
              ]}
              rows={list.map((e) => ({
                seq: e.seq,
                at: formatInstant(e.at),
                username: e.username,
                role: e.role === null ? '' : words(`role_${e.role}`),
                action: e.action,
                resource: e.resource,
                persons: e.persons.join(', '),
              }))}
            />
          </Section>
        )}
      </Status>
    </ExportInfoProvider>
  );
}
