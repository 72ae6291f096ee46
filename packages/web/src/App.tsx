/**
 * The app's frame: the municipality picker, the pages (routes in the address's #fragment, so a page
 * can be bookmarked and the server serves one file), the language switch, and the benefit catalogue
 * every page names groups from.
 */

import { PermissionsProvider } from './permissions.tsx';
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  deleteJson,
  getJson,
  onLoggedOut,
  type Benefit,
  type DataSummary,
  type LoginOffer,
  type Session,
} from './api.ts';
import { CatalogueProvider } from './catalogue.tsx';
import { formatYyyyww } from './format.ts';
import { useLoad } from './hooks.ts';
import { LanguageProvider, useLanguage, useWords, type Language, type Word } from './i18n.tsx';
import { AuditPage } from './pages/access/Audit.tsx';
import { BudgetPage } from './pages/budget/Budget.tsx';
import { LoginPage } from './pages/access/Login.tsx';
import { UsersPage } from './pages/access/Users.tsx';
import { OverviewPage } from './pages/data/Overview.tsx';
import { ImportPage } from './pages/data/Import.tsx';
import { GlossaryPage } from './pages/help/Glossary.tsx';
import { FleksjobPage } from './pages/jobinvest/Fleksjob.tsx';
import { ForecastPage } from './pages/jobinvest/Forecast.tsx';
import { InvestPage } from './pages/jobinvest/Invest.tsx';
import { ModelCheckPage } from './pages/jobinvest/ModelCheck.tsx';
import { ComparisonPage } from './pages/monitoring/Comparison.tsx';
import { GoalsPage } from './pages/monitoring/Goals.tsx';
import { MeasuresPage } from './pages/monitoring/Measures.tsx';
import { ResultsPage } from './pages/monitoring/Results.tsx';
import { BusinessCasePage } from './pages/budget/BusinessCase.tsx';
import { FollowUpPage } from './pages/budget/FollowUp.tsx';
import { CitizenPage } from './pages/progression/Citizen.tsx';
import { CitizenLinkApp } from './pages/progression/CitizenLink.tsx';
import { CitizensPage } from './pages/progression/Citizens.tsx';
import { GroupsPage } from './pages/progression/Groups.tsx';
import { OutcomesPage } from './pages/progression/Outcomes.tsx';
import { QualityPage } from './pages/progression/Quality.tsx';

/**
 * What a page may ask of the frame: another municipality chosen, the data imported anew; and the
 * rest of the address below a page's own (`progression/<pseudonym>/maaling` → `<pseudonym>/maaling`).
 */
interface FrameActions {
  readonly choose: (municipality: number) => void;
  readonly imported: () => void;
  readonly subPath: string;
}

/**
 * The pages; `free` ones need no municipality (they work on an empty store). A page shows in the
 * menu only to a role with its `permission` (core's matrix, as GET /api/session lists it; a list:
 * any of them), the same permission the server asks of the routes the page calls. A page with
 * `below` also answers the addresses under its own (a citizen of `progression`); `section` names
 * the menu's section it opens.
 */
const PAGES: ({
  path: string;
  word: Word;
  permission: string | readonly string[] | null;
  below?: true;
  section?: Word;
} & (
  | { free: true; render: (frame: FrameActions) => ReactNode }
  | {
      free?: undefined;
      render: (municipality: number, summary: DataSummary, frame: FrameActions) => ReactNode;
    }
))[] = [
  {
    path: 'overblik',
    word: 'overview',
    permission: 'read:aggregates',
    render: (m) => <OverviewPage municipality={m} />,
  },
  {
    path: 'prognose',
    word: 'forecast',
    permission: 'read:cases',
    render: (m) => <ForecastPage municipality={m} />,
  },
  {
    path: 'investering',
    word: 'invest',
    permission: 'read:cases',
    render: (m, summary, frame) => (
      <InvestPage municipality={m} summary={summary} onMunicipality={frame.choose} />
    ),
  },
  { path: 'fleksjob', word: 'fleksjob', permission: 'read:cases', render: () => <FleksjobPage /> },
  {
    path: 'modelkontrol',
    word: 'modelCheck',
    permission: 'read:cases',
    render: (m, summary) => <ModelCheckPage municipality={m} summary={summary} />,
  },
  {
    path: 'noegletal',
    word: 'measures',
    permission: 'read:aggregates',
    render: (m, summary) => <MeasuresPage municipality={m} summary={summary} />,
  },
  {
    path: 'resultater',
    word: 'results',
    permission: 'read:aggregates',
    render: (m, summary) => <ResultsPage municipality={m} summary={summary} />,
  },
  {
    path: 'maal',
    word: 'goals',
    permission: 'read:aggregates',
    render: (m, summary) => <GoalsPage municipality={m} summary={summary} />,
  },
  {
    path: 'sammenligning',
    word: 'comparison',
    permission: 'read:aggregates',
    render: (m, summary) => <ComparisonPage municipality={m} summary={summary} />,
  },
  {
    path: 'progression',
    word: 'progCitizens',
    section: 'progression',
    permission: ['read:persons', 'read:own-caseload'],
    below: true,
    render: (m, _summary, frame) =>
      frame.subPath === '' ? (
        <CitizensPage municipality={m} />
      ) : (
        <CitizenPage
          municipality={m}
          person={decodeURIComponent(frame.subPath.split('/')[0]!)}
          recording={frame.subPath.split('/')[1] === 'maaling'}
        />
      ),
  },
  {
    path: 'progression/grupper',
    word: 'progGroups',
    section: 'progression',
    permission: 'read:aggregates',
    render: (m) => <GroupsPage municipality={m} />,
  },
  {
    path: 'progression/sammenhaenge',
    word: 'progOutcomes',
    section: 'progression',
    permission: 'read:aggregates',
    render: (m) => <OutcomesPage municipality={m} />,
  },
  {
    path: 'progression/maalekvalitet',
    word: 'progQuality',
    section: 'progression',
    permission: 'read:aggregates',
    render: (m) => <QualityPage municipality={m} />,
  },
  {
    path: 'budget',
    word: 'budBudget',
    section: 'budPillar',
    permission: 'read:cases',
    render: (m) => <BudgetPage municipality={m} />,
  },
  {
    path: 'budget/opfoelgning',
    word: 'fuNav',
    section: 'budPillar',
    permission: 'read:cases',
    render: (m) => <FollowUpPage municipality={m} />,
  },
  {
    path: 'budget/businesscase',
    word: 'bcTitle',
    section: 'budPillar',
    permission: 'read:cases',
    free: true,
    render: () => <BusinessCasePage />,
  },
  { path: 'ordliste', word: 'glossary', permission: null, free: true, render: () => <GlossaryPage /> },
  {
    path: 'data',
    word: 'importData',
    permission: 'write:imports',
    free: true,
    render: (frame) => <ImportPage onImported={frame.imported} />,
  },
  { path: 'brugere', word: 'users', permission: 'write:users', free: true, render: () => <UsersPage /> },
  { path: 'audit', word: 'audit', permission: 'read:audit', free: true, render: () => <AuditPage /> },
];

function useHashPath(): string {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('?')[0] || 'overblik';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const changed = () => setPath(read());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return path;
}

function Frame({
  session,
  onLanguage,
  onLogout,
}: {
  session: Session;
  onLanguage: () => void;
  onLogout: () => void;
}) {
  const words = useWords();
  const language = useLanguage();
  const path = useHashPath();
  const pages = PAGES.filter(
    (p) =>
      p.permission === null ||
      (typeof p.permission === 'string' ? [p.permission] : p.permission).some((x) =>
        session.permissions.includes(x),
      ),
  );
  // Loaded again after an import, which may bring new municipalities and weeks.
  const [imports, setImports] = useState(0);
  const summary = useLoad(`summary-${imports}`, (signal) =>
    getJson<DataSummary>('/api/data/summary', signal),
  );
  const benefits = useLoad('benefits', (signal) => getJson<Benefit[]>('/api/benefits', signal));
  const [municipality, setMunicipality] = useState<number | null>(() => {
    const stored = Number(localStorage.getItem('jobinvest.municipality'));
    return Number.isInteger(stored) && stored > 0 ? stored : null;
  });
  // The page whose address this is, or under whose address it is (the longest such).
  const asked =
    PAGES.find((p) => p.path === path) ??
    PAGES.filter((p) => p.below && path.startsWith(`${p.path}/`)).sort(
      (a, b) => b.path.length - a.path.length,
    )[0];
  const frame: FrameActions = {
    subPath: asked && path.startsWith(`${asked.path}/`) ? path.slice(asked.path.length + 1) : '',
    choose: (code) => {
      setMunicipality(code);
      localStorage.setItem('jobinvest.municipality', String(code));
    },
    imported: () => setImports((n) => n + 1),
  };
  const municipalities = summary.state === 'done' ? summary.value.municipalities : [];
  const chosen = municipalities.find((m) => m.code === municipality)?.code ?? municipalities[0]?.code ?? null;
  const page = (asked && pages.includes(asked) ? asked : null) ?? pages[0]!;
  const refused = asked !== undefined && !pages.includes(asked);
  const catalogue = useMemo(
    () => new Map(benefits.state === 'done' ? benefits.value.map((b) => [b.code, b]) : []),
    [benefits],
  );

  return (
    <CatalogueProvider catalogue={catalogue}>
      <header className="top">
        <div className="brand">
          jobinvest <span>{words('appTitle')}</span>
        </div>
        <nav aria-label={words('pages')}>
          {pages.map((p) => (
            <Fragment key={p.path}>
              {p.section && p === pages.find((q) => q.section === p.section) && (
                <span className="nav-section" aria-hidden="true">
                  {words(p.section)}:
                </span>
              )}
              <a href={`#/${p.path}`} aria-current={p === page ? 'page' : undefined}>
                {words(p.word)}
              </a>
            </Fragment>
          ))}
        </nav>
        <div className="controls">
          <label>
            {words('municipality')}{' '}
            <select value={chosen ?? ''} onChange={(e) => frame.choose(Number(e.target.value))}>
              {municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name ?? m.code} ({String(m.code).padStart(3, '0')})
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="link" onClick={onLanguage}>
            {words('language')}
          </button>
          <span className="who" data-session-role={session.role}>
            {words('loggedInAs', { username: session.username, role: words(`role_${session.role}`) })}
          </span>
          <button type="button" className="link" onClick={onLogout}>
            {words('logout')}
          </button>
        </div>
      </header>
      <DemoBanner reload={imports} />
      <main>
        {refused && (
          <p className="status error" role="alert">
            {words('notAllowed')}
          </p>
        )}
        {summary.state === 'done' && summary.value.window && (
          <p className="window">
            {words('dataWindow')}: {formatYyyyww(summary.value.window.first, language)} –{' '}
            {formatYyyyww(summary.value.window.last, language)}
            {summary.value.lastImports[0] &&
              ` · ${words('lastImport')}: ${summary.value.lastImports[0].finished.replace('T', ' ')}`}
          </p>
        )}
        {summary.state === 'loading' && <p className="status">{words('loading')}</p>}
        {summary.state === 'error' && (
          <p className="status error" role="alert">
            {words('error')}: {summary.message}
          </p>
        )}
        {summary.state === 'done' && chosen === null && !page.free && (
          <p className="status error" role="alert">
            {words('noMunicipality')}
          </p>
        )}
        {page.free ? (
          <div key={page.path}>{page.render(frame)}</div>
        ) : (
          chosen !== null &&
          summary.state === 'done' && (
            <div key={`${page.path}-${chosen}`}>{page.render(chosen, summary.value, frame)}</div>
          )
        )}
      </main>
    </CatalogueProvider>
  );
}

/**
 * On a store of synthetic demo data (`npm start`: `jobinvest serve --demo` generated it), a line
 * above every page says so (GET /api/session/demo, the login page's own question, open to all).
 * Asked again after an import: a real file makes the store a real one.
 */
function DemoBanner({ reload }: { reload: number }) {
  const words = useWords();
  const offer = useLoad(`demo-${reload}`, (signal) => getJson<LoginOffer>('/api/session/demo', signal));
  if (offer.state !== 'done' || !offer.value.demo) return null;
  return (
    <p className="demo-banner" role="note" data-demo-banner>
      <strong>{words('demoBanner')}</strong> {words('demoBannerMore')}
    </p>
  );
}

type Who = { state: 'checking' } | { state: 'anonymous' } | { state: 'in'; session: Session };

/** Who is logged in: asked once, set by the login page, ended by logout or a 401 from any request. */
function useSession(): [Who, (who: Who) => void] {
  const [who, setWho] = useState<Who>({ state: 'checking' });
  useEffect(() => {
    onLoggedOut(() => setWho({ state: 'anonymous' }));
    getJson<Session>('/api/session').then(
      (session) => setWho({ state: 'in', session }),
      () => setWho({ state: 'anonymous' }),
    );
  }, []);
  return [who, setWho];
}

/** The citizen's token of a one-time link (#/borger/<token>): that page stands alone, with no login. */
function citizenToken(): string | null {
  const match = /^#\/borger\/([^/?]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

export function App() {
  const [token, setToken] = useState(citizenToken);
  useEffect(() => {
    const changed = () => setToken(citizenToken());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return token === null ? <StaffApp /> : <CitizenLinkApp key={token} token={token} />;
}

function StaffApp() {
  const [language, setLanguage] = useState<Language>(() =>
    localStorage.getItem('jobinvest.language') === 'en' ? 'en' : 'da',
  );
  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem('jobinvest.language', language);
  }, [language]);
  const [who, setWho] = useSession();
  const switchLanguage = () => setLanguage(language === 'da' ? 'en' : 'da');
  const logout = () =>
    deleteJson('/api/session').finally(() => {
      window.location.hash = '#/login';
      setWho({ state: 'anonymous' });
    });
  return (
    <LanguageProvider language={language}>
      {who.state === 'in' ? (
        // A new user gets a fresh frame (their municipalities, their pages).
        <PermissionsProvider permissions={who.session.permissions}>
          <Frame
            key={who.session.username}
            session={who.session}
            onLanguage={switchLanguage}
            onLogout={logout}
          />
        </PermissionsProvider>
      ) : (
        <LoginFrame checking={who.state === 'checking'} onLanguage={switchLanguage}>
          <LoginPage onLoggedIn={(session) => setWho({ state: 'in', session })} />
        </LoginFrame>
      )}
    </LanguageProvider>
  );
}

function LoginFrame({
  checking,
  onLanguage,
  children,
}: {
  checking: boolean;
  onLanguage: () => void;
  children: ReactNode;
}) {
  const words = useWords();
  return (
    <>
      <header className="top">
        <div className="brand">
          jobinvest <span>{words('appTitle')}</span>
        </div>
        <div className="controls">
          <button type="button" className="link" onClick={onLanguage}>
            {words('language')}
          </button>
        </div>
      </header>
      <DemoBanner reload={0} />
      <main>{checking ? <p className="status">{words('loading')}</p> : children}</main>
    </>
  );
}
