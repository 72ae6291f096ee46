/** The saved cases: save, report, open, duplicate, choose for comparison, follow up against actual. */

import { useMay } from '../../permissions.tsx';
import { CASE_REPLICATIONS } from '@jobinvest/core';
import { useState } from 'react';
import { getJson, postJson, type CaseDocument, type SavedCase, type SavedCaseSummary } from '../../api.ts';
import { downloadPost } from '../../download.ts';
import { formatYyyyww } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { Section, Status } from '../../ui/page-parts.tsx';
import { CaseComparison } from './CaseComparison.tsx';
import { PlanAgainstActual, usePlanAgainstActual } from './PlanAgainstActual.tsx';

export function SavedCases({
  doc,
  ready,
  lastWeek,
  municipality,
  names,
  onOpen,
}: {
  doc: CaseDocument;
  /**
   * The case is the one on screen: no field's text refused, the target group counted and the
   * participants within it. Until then it is not saved nor reported (it would be another case).
   */
  ready: boolean;
  /** The last week of data (YYYYWW): a case starting then or later cannot be followed up yet. */
  lastWeek: number | null;
  /** The municipality chosen in the frame: its cases are listed unless every case is asked for. */
  municipality: number;
  /** The municipalities' names, by code. */
  names: ReadonlyMap<number, string>;
  onOpen: (d: CaseDocument) => void;
}) {
  const words = useWords();
  const language = useLanguage();
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const list = useLoad(`cases-${version}`, (signal) => getJson<SavedCaseSummary[]>('/api/cases', signal));
  const [chosen, setChosen] = useState<number[]>([]);
  const [everyMunicipality, setEveryMunicipality] = useState(false);
  const nameOf = (code: number) => names.get(code) ?? String(code).padStart(3, '0');
  const mayExport = useMay('export');
  const { plan, planAgainstActual } = usePlanAgainstActual();
  const report = async () => {
    setMessage(words('computing'));
    try {
      // With the screen's replications (and seed), so that the report's figures are the screen's.
      await downloadPost(
        '/api/invest/report',
        { ...doc, replications: doc.replications ?? CASE_REPLICATIONS },
        `${doc.name}.pdf`,
      );
      setMessage(null);
    } catch (error) {
      setMessage(`${words('error')}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const open = async (id: number, copy: boolean) => {
    const saved = await getJson<SavedCase>(`/api/cases/${id}`);
    const document = { ...saved.document };
    // A person list the role may not read comes as its length only: there is no case to compute.
    const withheld = (document.target as { personsWithheld?: number } | undefined)?.personsWithheld;
    if (withheld !== undefined) {
      setMessage(words('personsWithheldCase', { n: withheld }));
      return;
    }
    delete document.replications;
    onOpen(copy ? { ...document, name: words('copyOf', { name: document.name }) } : document);
  };
  return (
    <Section title={words('saved')}>
      <div className="row">
        <button
          type="button"
          disabled={!ready}
          onClick={async () => {
            try {
              const saved = await postJson<SavedCase>('/api/cases', doc);
              setMessage(words('savedAs', { name: saved.name, version: saved.version }));
              setVersion(version + 1);
            } catch (error) {
              setMessage(error instanceof Error ? error.message : String(error));
            }
          }}
        >
          {words('save')}
        </button>
        {mayExport && (
          <button
            type="button"
            className="secondary"
            data-report
            disabled={!ready}
            onClick={() => void report()}
          >
            {words('report')}
          </button>
        )}
        {message && (
          <span role="status" className="note">
            {message}
          </span>
        )}
      </div>
      <Status loaded={list}>
        {(all) => {
          const here = all.filter((c) => c.municipality === municipality);
          const cases = everyMunicipality ? all : here;
          const elsewhere = all.length - here.length;
          return (
            <>
              {elsewhere > 0 && (
                <label className="inline-check">
                  <input
                    type="checkbox"
                    name="everyMunicipality"
                    checked={everyMunicipality}
                    onChange={(e) => setEveryMunicipality(e.target.checked)}
                  />
                  {words('savedEveryMunicipality', { count: elsewhere })}
                </label>
              )}
              {cases.length === 0 ? (
                <p>{words('savedNoneHere', { municipality: nameOf(municipality) })}</p>
              ) : (
                <table className="saved" data-table="saved-cases">
                  <thead>
                    <tr>
                      <th>
                        <span className="visually-hidden">{words('compare')}</span>
                      </th>
                      <th>{words('caseName')}</th>
                      <th>{words('municipality')}</th>
                      <th>{words('version')}</th>
                      <th>{words('savedAt')}</th>
                      <th>{words('savedBy')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {cases.map((c) => (
                      <tr key={c.caseId}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`${words('compare')}: ${c.name}`}
                            checked={chosen.includes(c.caseId)}
                            onChange={(e) =>
                              setChosen(
                                e.target.checked
                                  ? [...chosen, c.caseId]
                                  : chosen.filter((x) => x !== c.caseId),
                              )
                            }
                          />
                        </td>
                        <td>{c.name}</td>
                        <td data-municipality={c.municipality}>{nameOf(c.municipality)}</td>
                        <td className="num">{c.version}</td>
                        <td>{c.savedAt.replace('T', ' ')}</td>
                        {/* Cases saved before users logged in were saved as 'anonymous'. */}
                        <td>{c.savedBy === 'anonymous' ? words('savedBeforeLogin') : c.savedBy}</td>
                        <td>
                          <button type="button" className="link" onClick={() => void open(c.caseId, false)}>
                            {words('open')}
                          </button>{' '}
                          <button type="button" className="link" onClick={() => void open(c.caseId, true)}>
                            {words('duplicate')}
                          </button>{' '}
                          {lastWeek !== null && Number(c.startWeek) >= lastWeek ? (
                            <span className="note" data-plan-waits>
                              {words('planActual')}: {words('planWaits')} {formatYyyyww(lastWeek, language)}
                            </span>
                          ) : (
                            <button type="button" className="link" onClick={() => void planAgainstActual(c)}>
                              {words('planActual')}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </Status>
      <CaseComparison chosen={chosen} />
      {plan && <PlanAgainstActual plan={plan} />}
    </Section>
  );
}
