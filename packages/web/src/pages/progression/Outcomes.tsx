/**
 * Sammenhænge: what the indicators say about jobs and job search (GET /api/progression/outcomes, the
 * outcome analysis): hazard ratios per scale point with intervals, discrimination with and without
 * the indicators, interventions → indicators, the caseworker's belief against the share later in
 * work, a change of caseworker, the caseworker's job orientation, validity over time. The answer is
 * shown as the server sends it (AnswerView), section by section, while its shape settles.
 */

import { getJson } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useWords } from '../../i18n.tsx';
import { Status } from '../../ui/page-parts.tsx';
import { ExportInfoProvider } from '../../ui/Table.tsx';
import { AnswerSections, type Json } from './AnswerView.tsx';
import { code3, PROGRESSION } from './progression-api.ts';

export function OutcomesPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const path = `${PROGRESSION}/outcomes?municipality=${code3(municipality)}`;
  const loaded = useLoad(path, (signal) => getJson<Json>(path, signal));
  return (
    <>
      <h1>{words('progOutcomes')}</h1>
      <p className="lead">{words('progOutcomesLead')}</p>
      <ExportInfoProvider info={{ title: words('progOutcomes'), assumptions: [words('progOutcomesLead')] }}>
        <Status loaded={loaded} what={words('progComputing')}>
          {(answer) => <AnswerSections answer={answer} name="progression-outcomes" />}
        </Status>
      </ExportInfoProvider>
    </>
  );
}
