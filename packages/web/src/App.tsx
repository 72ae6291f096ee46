/**
 * The app's frame: the municipality picker, the pages (routes in the address's #fragment, so a page
 * can be bookmarked and the server serves one file), the language switch, and the benefit catalogue
 * every page names groups from.
 */

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { getJson, type Benefit, type DataSummary } from './api.ts';
import { CatalogueProvider } from './catalogue.tsx';
import { formatYyyyww } from './format.ts';
import { useLoad } from './hooks.ts';
import { LanguageProvider, useLanguage, useWords, type Language, type Word } from './i18n.tsx';
import { OverviewPage } from './pages/data/Overview.tsx';
import { ImportPage } from './pages/data/Import.tsx';
import { GlossaryPage } from './pages/help/Glossary.tsx';
import { FleksjobPage } from './pages/jobinvest/Fleksjob.tsx';
import { ForecastPage } from './pages/jobinvest/Forecast.tsx';
import { InvestPage } from './pages/jobinvest/Invest.tsx';
import { ModelCheckPage } from './pages/jobinvest/ModelCheck.tsx';

/** The pages; `free` ones need no municipality (they work on an empty store). */
const PAGES: {
  path: string;
  word: Word;
  free?: true;
  render: (municipality: number, onImported: () => void) => ReactNode;
}[] = [
  { path: 'overblik', word: 'overview', render: (m) => <OverviewPage municipality={m} /> },
  { path: 'prognose', word: 'forecast', render: (m) => <ForecastPage municipality={m} /> },
  { path: 'investering', word: 'invest', render: (m) => <InvestPage municipality={m} /> },
  { path: 'fleksjob', word: 'fleksjob', render: () => <FleksjobPage /> },
  { path: 'modelkontrol', word: 'modelCheck', render: (m) => <ModelCheckPage municipality={m} /> },
  { path: 'ordliste', word: 'glossary', free: true, render: () => <GlossaryPage /> },
  {
    path: 'data',
    word: 'importData',
    free: true,
    render: (_, onImported) => <ImportPage onImported={onImported} />,
  },
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

function Frame({ onLanguage }: { onLanguage: () => void }) {
  const words = useWords();
  const language = useLanguage();
  const path = useHashPath();
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
  const municipalities = summary.state === 'done' ? summary.value.municipalities : [];
  const chosen = municipalities.find((m) => m.code === municipality)?.code ?? municipalities[0]?.code ?? null;
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0]!;
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
          {PAGES.map((p) => (
            <a key={p.path} href={`#/${p.path}`} aria-current={p === page ? 'page' : undefined}>
              {words(p.word)}
            </a>
          ))}
        </nav>
        <div className="controls">
          <label>
            {words('municipality')}{' '}
            <select
              value={chosen ?? ''}
              onChange={(e) => {
                setMunicipality(Number(e.target.value));
                localStorage.setItem('jobinvest.municipality', e.target.value);
              }}
            >
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
        </div>
      </header>
      <main>
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
          <div key={page.path}>{page.render(chosen ?? 0, () => setImports((n) => n + 1))}</div>
        ) : (
          chosen !== null && <div key={`${page.path}-${chosen}`}>{page.render(chosen, () => undefined)}</div>
        )}
      </main>
    </CatalogueProvider>
  );
}

export function App() {
  const [language, setLanguage] = useState<Language>(() =>
    localStorage.getItem('jobinvest.language') === 'en' ? 'en' : 'da',
  );
  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem('jobinvest.language', language);
  }, [language]);
  return (
    <LanguageProvider language={language}>
      <Frame onLanguage={() => setLanguage(language === 'da' ? 'en' : 'da')} />
    </LanguageProvider>
  );
}
