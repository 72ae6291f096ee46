/**
 * Målekvalitet: how well the measurements measure (GET /api/progression/quality, core's
 * `QualityAnswer` of progression/quality.ts): agreement between citizen and caseworker on each
 * shared indicator (quadratic weighted kappa and ICC(2,1), each with its 95 % interval, and the mean
 * difference), Cronbach's alpha of each respondent's items, and how the scale is used (floor and
 * ceiling shares, missing answers). A figure the data cannot give comes as null with its reason;
 * figures on fewer persons than the threshold come withheld (quality null) for roles with
 * suppression, and the page says so.
 */

import type {
  IndicatorAgreement,
  MeasurementQuality,
  QualityAnswer,
  RespondentQuality,
} from '@jobinvest/core';
import { getJson } from '../../api.ts';
import { formatNumber, formatPercent } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useWords } from '../../i18n.tsx';
import { Definition, Section, Status, Tile } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider, type Row } from '../../ui/Table.tsx';
import { code3, PROGRESSION, useIndicatorName } from './progression-api.ts';

const two = (v: number) => formatNumber(v, 2);
const withInterval = (e: { value: number; lower: number | null; upper: number | null } | null) =>
  e === null
    ? null
    : e.lower === null || e.upper === null
      ? two(e.value)
      : `${two(e.value)} (${two(e.lower)} – ${two(e.upper)})`;

export function QualityPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const path = `${PROGRESSION}/quality?municipality=${code3(municipality)}`;
  const loaded = useLoad(path, (signal) => getJson<QualityAnswer>(path, signal));
  return (
    <>
      <h1>{words('progQuality')}</h1>
      <p className="lead">{words('progQualityLead')}</p>
      <ExportInfoProvider info={{ title: words('progQuality'), assumptions: [words('progQualityLead')] }}>
        <Status loaded={loaded} what={words('progComputing')}>
          {(answer) =>
            answer.quality ? (
              <Quality quality={answer.quality} persons={answer.persons} />
            ) : (
              <p className="note" data-quality-none>
                {answer.suppression.applied
                  ? words('progQualityWithheld', { threshold: answer.suppression.threshold })
                  : words('progQualityNone')}
              </p>
            )
          }
        </Status>
      </ExportInfoProvider>
    </>
  );
}

function Quality({ quality, persons }: { quality: MeasurementQuality; persons: number | null }) {
  const words = useWords();
  const indicatorName = useIndicatorName();
  const missingText = (a: IndicatorAgreement) =>
    a.missing === 'too-few-pairs'
      ? words('progTooFewPairs')
      : a.missing === 'no-variation'
        ? words('progNoVariation')
        : null;
  const who = (r: RespondentQuality) =>
    words(r.respondent === 'citizen' ? 'progCitizenShort' : 'progCaseworkerShort');
  return (
    <div className="prog-outcomes">
      <div className="tiles">
        <Tile label={words('progPersons')} value={persons === null ? '–' : formatNumber(persons)} />
        <Tile label={words('progMeasurements')} value={formatNumber(quality.measurements)} />
        {quality.respondents.map((r) => (
          <Tile
            key={r.respondent}
            label={words('progAlphaOf', { who: who(r) })}
            value={r.alpha ? two(r.alpha.raw) : '–'}
          />
        ))}
      </div>
      <Section
        title={words('progAgreement')}
        aside={<Definition>{words('progAgreementDefinition')}</Definition>}
      >
        <DataTable
          name="progression-agreement"
          title={words('progAgreement')}
          columns={[
            { key: 'indicator', header: words('progIndicator') },
            { key: 'pairs', header: words('progPairs'), numeric: true },
            { key: 'kappa', header: words('progKappa'), numeric: true },
            { key: 'icc', header: 'ICC(2,1)', numeric: true },
            { key: 'difference', header: words('progMeanDifference'), numeric: true },
            { key: 'note', header: words('progNote') },
          ]}
          rows={quality.agreement.map((a): Row => ({
            indicator: indicatorName(a.indicator),
            pairs: a.pairs,
            kappa: withInterval(a.kappa),
            icc: withInterval(a.icc),
            difference: a.meanDifference === null ? null : two(a.meanDifference),
            note: missingText(a),
          }))}
        />
      </Section>
      <Section
        title={words('progConsistency')}
        aside={<Definition>{words('progConsistencyDefinition')}</Definition>}
      >
        <DataTable
          name="progression-alpha"
          title={words('progConsistency')}
          columns={[
            { key: 'respondent', header: words('progRespondent') },
            { key: 'complete', header: words('progComplete'), numeric: true },
            { key: 'raw', header: words('progAlphaRaw'), numeric: true },
            { key: 'standardized', header: words('progAlphaStandardized'), numeric: true },
          ]}
          rows={quality.respondents.map((r): Row => ({
            respondent: who(r),
            complete: r.complete,
            raw: r.alpha
              ? withInterval({ value: r.alpha.raw, lower: r.alpha.lower, upper: r.alpha.upper })
              : null,
            standardized: r.alpha ? two(r.alpha.standardized) : null,
          }))}
        />
      </Section>
      <Section
        title={words('progScaleUse')}
        aside={<Definition>{words('progScaleUseDefinition')}</Definition>}
      >
        <DataTable
          name="progression-scale-use"
          title={words('progScaleUse')}
          columns={[
            { key: 'respondent', header: words('progRespondent') },
            { key: 'indicator', header: words('progIndicator') },
            { key: 'answered', header: words('progAnswered'), numeric: true },
            { key: 'floor', header: words('progFloor'), numeric: true },
            { key: 'ceiling', header: words('progCeiling'), numeric: true },
            { key: 'missing', header: words('progMissingShare'), numeric: true },
          ]}
          rows={quality.respondents.flatMap((r) =>
            r.items.map((i): Row => ({
              respondent: who(r),
              indicator: indicatorName(i.indicator),
              answered: i.answered,
              floor: i.floor === null ? null : formatPercent(i.floor),
              ceiling: i.ceiling === null ? null : formatPercent(i.ceiling),
              missing: formatPercent(i.missing),
            })),
          )}
        />
      </Section>
    </div>
  );
}
