/**
 * Brugere: the store's users, adding a local user (POST /api/users) and disabling one. Every change
 * lands in the audit trail.
 */

import { MIN_PASSWORD_LENGTH, ROLE_DESCRIPTIONS } from '@jobinvest/core';
import { useState, type FormEvent } from 'react';
import { getJson, postJson, type Role, type User } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { Section, Status } from '../../ui/page-parts.tsx';

const ROLES: Role[] = ['admin', 'analyst', 'economist', 'manager', 'caseworker', 'viewer'];

export function UsersPage() {
  const words = useWords();
  const language = useLanguage();
  const [changes, setChanges] = useState(0);
  const list = useLoad(`users-${changes}`, (signal) => getJson<User[]>('/api/users', signal));
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [places, setPlaces] = useState('');
  const [caseworker, setCaseworker] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const done = (text: string) => {
    setMessage({ ok: true, text });
    setChanges((n) => n + 1);
  };
  const failed = (error: unknown) =>
    setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });

  const add = (event: FormEvent) => {
    event.preventDefault();
    const codes = places.split(/[\s,;]+/).filter(Boolean);
    const wrong = codes.find((code) => !/^\d{3}$/.test(code));
    if (wrong !== undefined) return failed(new Error(words('municipalitiesInvalid', { found: wrong })));
    if ([...password].length < MIN_PASSWORD_LENGTH)
      return failed(
        new Error(words('passwordTooShort', { n: MIN_PASSWORD_LENGTH, found: [...password].length })),
      );
    postJson<User>('/api/users', {
      username: username.trim(),
      role,
      municipalities: codes.map(Number),
      caseworker: caseworker.trim() || null,
      password,
    }).then((user) => {
      setPassword('');
      done(words('userAdded', { username: user.username }));
    }, failed);
  };
  const disable = (name: string) =>
    postJson<User>(`/api/users/${encodeURIComponent(name)}/disable`, {}).then(
      (user) => done(`${user.username}: ${words('disabled')}`),
      failed,
    );

  return (
    <>
      <h1>{words('users')}</h1>
      <p>{words('usersLead')}</p>
      <Status loaded={list}>
        {(users) => (
          <Section title={words('users')}>
            <div className="table-wrap">
              <table data-table="users">
                <thead>
                  <tr>
                    <th>{words('username')}</th>
                    <th>{words('role')}</th>
                    <th>{words('municipality')}</th>
                    <th>{words('caseworkerId')}</th>
                    <th>{words('userKind')}</th>
                    <th>
                      <span className="visually-hidden">{words('disable')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((u) => (
                    <tr key={u.username} className={u.disabled ? 'muted' : undefined}>
                      <td>
                        <code>{u.username}</code>
                      </td>
                      <td>{words(`role_${u.role}`)}</td>
                      <td>
                        {u.municipalities === null || u.municipalities.length === 0
                          ? words('allMunicipalities')
                          : u.municipalities.map((m) => String(m).padStart(3, '0')).join(', ')}
                      </td>
                      <td>{u.caseworker ?? ''}</td>
                      <td>{u.local ? words('userLocal') : words('userOidc')}</td>
                      <td>
                        {u.disabled ? (
                          words('disabled')
                        ) : (
                          <button type="button" className="link" onClick={() => void disable(u.username)}>
                            {words('disable')} <span className="visually-hidden">{u.username}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        )}
      </Status>
      <Section title={words('addUser')}>
        <form className="filters user-form" onSubmit={add}>
          <label>
            {words('username')}
            <input
              name="new-username"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label>
            {words('role')}
            <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {words(`role_${r}`)}
                </option>
              ))}
            </select>
            <span className="hint" data-role-description={role}>
              {ROLE_DESCRIPTIONS[role][language]}
            </span>
          </label>
          <label>
            {words('municipalitiesField')}
            <input name="municipalities" value={places} onChange={(e) => setPlaces(e.target.value)} />
          </label>
          <label>
            {words('caseworkerField')}
            <input name="caseworker" value={caseworker} onChange={(e) => setCaseworker(e.target.value)} />
          </label>
          <label>
            {words('password')}
            <input
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="submit">{words('addUser')}</button>
        </form>
        {message && (
          <p className={message.ok ? 'status ok' : 'status error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </Section>
    </>
  );
}
