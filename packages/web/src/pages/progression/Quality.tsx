/**
 * Målekvalitet: how well the measurements measure (GET /api/progression/quality): agreement between
 * citizen and caseworker on the shared indicators (weighted kappa with its interval, intraclass
 * correlation), Cronbach's alpha per respondent, floor and ceiling shares, missing answers. The
 * answer is shown as the server sends it (AnswerView), section by section.
 */

import { getJson } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useWords } from '../../i18n.tsx';
import { Status } from '../../ui/page-parts.tsx';
import { ExportInfoProvider } from '../../ui/Table.tsx';
import { AnswerSections, type Json } from './AnswerView.tsx';
import { code3, PROGRESSION } from './progression-api.ts';

export function QualityPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const path = `${PROGRESSION}/quality?municipality=${code3(municipality)}`;
  const loaded = useLoad(path, (signal) => getJson<Json>(path, signal));
  return (
    <>
      <h1>{words('progQuality')}</h1>
      <p className="lead">{words('progQualityLead')}</p>
      <ExportInfoProvider info={{ title: words('progQuality'), assumptions: [words('progQualityLead')] }}>
        <Status loaded={loaded} what={words('progComputing')}>
          {(answer) => <AnswerSections answer={answer} name="progression-quality" />}
        </Status>
      </ExportInfoProvider>
    </>
  );
}
