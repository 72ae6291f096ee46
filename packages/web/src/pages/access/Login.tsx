/**
 * Log ind: a username and password (POST /api/session), the municipality's identity provider when
 * one is set up, and on a store of synthetic demo data one user per role with its password.
 */

import { useState, type FormEvent } from 'react';
import { getJson, postJson, type LoginOffer, type Session } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useWords } from '../../i18n.tsx';

/** An error the identity provider's callback put in the address (`#/login?error=…`). */
function callbackError(): string | null {
  const query = window.location.hash.split('?')[1];
  return query ? new URLSearchParams(query).get('error') : null;
}

export function LoginPage({ onLoggedIn }: { onLoggedIn: (session: Session) => void }) {
  const words = useWords();
  const offer = useLoad('login-offer', (signal) => getJson<LoginOffer>('/api/session/demo', signal));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(callbackError);
  const [busy, setBusy] = useState(false);

  const logIn = (name: string, secret: string) => {
    setBusy(true);
    postJson<Session>('/api/session', { username: name, password: secret }).then(
      (session) => {
        setError(null);
        if (window.location.hash.startsWith('#/login')) window.location.hash = '#/';
        onLoggedIn(session);
      },
      (failed: unknown) => {
        setBusy(false);
        setError(failed instanceof Error ? failed.message : String(failed));
      },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    logIn(username.trim(), password);
  };

  return (
    <div className="login">
      <h1>{words('login')}</h1>
      <p>{words('loginLead')}</p>
      <form onSubmit={submit} className="login-form" aria-label={words('login')}>
        <label>
          {words('username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {words('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          {words('login')}
        </button>
        {error && (
          <p className="status error" role="alert">
            {words('loginFailed')}: {error}
          </p>
        )}
      </form>
      {offer.state === 'done' && offer.value.oidc && (
        <p>
          <a className="button" href="/api/session/oidc">
            {words('loginOidc')}
          </a>
        </p>
      )}
      {offer.state === 'done' && offer.value.noUsers && (
        <div className="card">
          <p>{words('noUsersYet')}</p>
          <pre>jobinvest users add --username admin --role admin --password-stdin</pre>
        </div>
      )}
      {offer.state === 'done' && offer.value.demo && offer.value.demoUsers.length > 0 && (
        <section className="card demo-users" aria-labelledby="demo-users">
          <h2 id="demo-users">{words('demoUsers')}</h2>
          <p>{words('demoNote')}</p>
          <table>
            <thead>
              <tr>
                <th>{words('role')}</th>
                <th>{words('username')}</th>
                <th>{words('password')}</th>
                <th>
                  <span className="visually-hidden">{words('login')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {offer.value.demoUsers.map((u) => (
                <tr key={u.username} data-demo-user={u.role}>
                  <td>{words(`role_${u.role}`)}</td>
                  <td>
                    <code>{u.username}</code>
                  </td>
                  <td>
                    <code>{u.password}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      disabled={busy}
                      onClick={() => logIn(u.username, u.password)}
                    >
                      {words('logInAs', { username: u.username })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
