/**
 * Nøgletal: jobindsats' measures of the municipality's own register data (GET /api/kpi) for a
 * benefit group, a year or weeks of one's own, and a target group: the headline measures in KL's
 * order, each with its rule one click away; status after an ended spell; the spells by duration;
 * where ended spells went. A role with `read:levels` drills down to the departments and from a
 * department to its caseworkers; a caseworker sees their own caseload. Figures on few persons come
 * withheld for roles with suppression and show as "<5".
 *
 * While the answer to a new choice is on its way, the figures of the last one stay, faded, so that
 * the page does not jump.
 */

import {
  JOBINDSATS_AGE_GROUPS,
  JOBINDSATS_SPELL_RULE,
  MEASURES,
  SPELL_DURATION_BANDS,
  STATUS_CLASSES,
  STATUS_MONTHS,
  stateName,
  type JobindsatsAgeGroup,
  type KpiMeasures,
  type MeasureUnit,
  type SpellDurationBand,
} from '@jobinvest/core';
import { useCallback, useMemo, useState } from 'react';
import { getJson, type DataSummary, type Suppressed } from '../../api.ts';
import { formatKr, formatNumber, formatPercent, formatTick, formatYyyyww } from '../../format.ts';
import { useKept, useLoad } from '../../hooks.ts';
import { useLanguage, useWords, type Language } from '../../i18n.tsx';
import { useMay } from '../../permissions.tsx';
import { Chart } from '../../ui/Chart.tsx';
import type { WeekRange } from '../../ui/danish-input.ts';
import { FieldProblemsProvider, WeekField } from '../../ui/NumberField.tsx';
import { Definition, Section } from '../../ui/page-parts.tsx';
import { DataTable, ExportButton, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import { shownFigure, tooltipFigure, withheldText } from '../../ui/withheld.ts';
import {
  fullYears,
  KPI_BENEFITS,
  kpiPath,
  periodProblem,
  refusalText,
  yearPeriod,
  type KpiAnswer,
  type KpiLevel,
  type Period,
} from './kpi-request.ts';
import { groupName } from './results-api.ts';
import { Series } from './Series.tsx';
import { Survival } from './Survival.tsx';

type Words = ReturnType<typeof useWords>;
type Figure = number | null;

/** The headline measures a table row shows, beyond those with a rule in core's MEASURES. */
type LineId = keyof typeof MEASURES | 'spellsUnsettled' | 'activatedPersons' | 'fullTimeActivated';

/** The headline measures in KL's order, by area; status after an ended spell has its own table. */
const AREAS: readonly (readonly [
  area: 'work' | 'spells' | 'relapse' | 'activation' | 'contact',
  LineId[],
])[] = [
  ['work', ['persons', 'fullTimePersons', 'shareOfLabourForce']],
  [
    'spells',
    [
      'stockAtStart',
      'spellsStarted',
      'spellsEnded',
      'stockAtEnd',
      'spellsUnsettled',
      'averageDurationEndedWeeks',
    ],
  ],
  ['relapse', ['relapse']],
  ['activation', ['activatedPersons', 'fullTimeActivated', 'activationRate', 'pricePerFullTimeActivated']],
  ['contact', ['conversationsPerPerson', 'timelyShare', 'noShowShare', 'personsPerCaseworker']],
];

/** A headline measure's name, unit, which way is better, and rule, in `language`. */
function lineDefinition(id: LineId, words: Words, language: Language) {
  switch (id) {
    case 'spellsUnsettled':
      return {
        name: words('kpiSpellsUnsettled'),
        unit: 'count' as MeasureUnit,
        better: null,
        rule: `${words('kpiSpellsUnsettledRule')} ${JOBINDSATS_SPELL_RULE[language]}`,
      };
    case 'activatedPersons':
      return {
        name: words('kpiActivatedPersons'),
        unit: 'persons' as MeasureUnit,
        better: null,
        rule: words('kpiActivatedPersonsRule'),
      };
    case 'fullTimeActivated':
      return {
        name: words('kpiFullTimeActivated'),
        unit: 'fullTime' as MeasureUnit,
        better: null,
        rule: words('kpiFullTimeActivatedRule'),
      };
    default: {
      const m = MEASURES[id];
      return {
        name: m.name[language],
        unit: m.unit as MeasureUnit,
        better: m.better,
        rule: m.rule[language],
      };
    }
  }
}

/** A measure in Danish number format with its unit: 1.234; 928,9; 12,3 %; 30,3 uger; 81.243 kr. */
function formatMeasure(value: number, unit: MeasureUnit, words: Words): string {
  switch (unit) {
    case 'persons':
    case 'count':
      return formatNumber(value, 0);
    case 'fullTime':
    case 'ratio':
      return formatNumber(value, 1);
    case 'share':
      return formatPercent(value, 1);
    case 'weeks':
      return `${formatNumber(value, 1)} ${words('kpiUnit_weeks')}`;
    case 'kroner':
      return formatKr(value);
  }
}

/** A measure as a workbook holds it: rounded as on the screen, shares in per cent. */
function exportedMeasure(value: number, unit: MeasureUnit): number {
  const round = (x: number, decimals: number) => Number(x.toFixed(decimals));
  switch (unit) {
    case 'persons':
    case 'count':
    case 'kroner':
      return round(value, 0);
    case 'share':
      return round(value * 100, 1);
    default:
      return round(value, 1);
  }
}

/** The role's suppression as the tables show it (undefined: figures as they are). */
function suppressionOf(answer: KpiAnswer): Suppressed | undefined {
  const { threshold, withheld } = answer.suppressed;
  return threshold === null ? undefined : { threshold, withheld };
}

/** A figure on the screen: "<5" when withheld, "–" when there is nothing to show. */
function shown(value: Figure, unit: MeasureUnit, words: Words, suppressed: Suppressed | undefined): string {
  if (value !== null) return formatMeasure(value, unit, words);
  return suppressed ? withheldText(suppressed) : '–';
}

export function MeasuresPage({ municipality, summary }: { municipality: number; summary: DataSummary }) {
  const words = useWords();
  if (!summary.window)
    return (
      <p className="status error" role="alert">
        {words('noMunicipality')}
      </p>
    );
  const name = summary.municipalities.find((m) => m.code === municipality)?.name ?? String(municipality);
  return <Measures municipality={municipality} name={name} window={summary.window} />;
}

function Measures({ municipality, name, window }: { municipality: number; name: string; window: WeekRange }) {
  const words = useWords();
  const language = useLanguage();
  const mayLevels = useMay('read:levels');
  const mayOwn = useMay('read:own-caseload');
  const years = fullYears(window);
  const [benefit, setBenefit] = useState('all');
  const [year, setYear] = useState<number | 'custom'>(years.at(-1) ?? 'custom');
  const [from, setFrom] = useState(String(window.first));
  const [to, setTo] = useState(String(window.last));
  const [level, setLevel] = useState<KpiLevel>('municipality');
  const [department, setDepartment] = useState<string | null>(null);
  const [ageGroup, setAgeGroup] = useState<JobindsatsAgeGroup | ''>('');
  const [durationBand, setDurationBand] = useState<SpellDurationBand | ''>('');
  // The week fields' refusals of what is typed in them: no request while one stands.
  const [refused, setRefused] = useState<Readonly<Record<string, string | null>>>({});
  const report = useCallback(
    (field: string, problem: string | null) =>
      setRefused((was) => (was[field] === problem ? was : { ...was, [field]: problem })),
    [],
  );
  const fieldProblem = Object.values(refused).some((p) => p !== null);

  const period: Period = year === 'custom' ? { from: Number(from), to: Number(to) } : yearPeriod(year);
  const problem = year === 'custom' ? periodProblem(period, window, language) : null;
  const path =
    problem || fieldProblem
      ? null
      : kpiPath({
          municipality,
          benefit,
          period,
          level,
          department: level === 'caseworker' ? department : null,
          ageGroup: ageGroup || null,
          durationBand: durationBand || null,
        });
  const loaded = useLoad(path, (signal) =>
    getJson<KpiAnswer>(path!, signal).catch((error: unknown) => {
      if (signal.aborted) throw error;
      throw new Error(refusalText(error, period, window, language));
    }),
  );
  const { value: answer, busy, error } = useKept(loaded);
  const choose = (next: KpiLevel, inDepartment: string | null = null) => {
    setLevel(next);
    setDepartment(inDepartment);
  };
  // A caseworker's own caseload is the caseworker level of their one row.
  const levels: { value: KpiLevel; word: string }[] = mayLevels
    ? [
        { value: 'municipality', word: words('kpiLevel_municipality') },
        { value: 'department', word: words('kpiLevel_department') },
        { value: 'caseworker', word: words('kpiLevel_caseworker') },
      ]
    : mayOwn
      ? [
          { value: 'municipality', word: words('kpiLevel_municipality') },
          { value: 'caseworker', word: words('kpiOwnCaseload') },
        ]
      : [];
  const stale = busy || problem !== null || fieldProblem;
  // The development month by month: of the municipality (or a caseworker's own caseload), whatever the period.
  const seriesPath = `/api/kpi/series?${new URLSearchParams({
    municipality: String(municipality).padStart(3, '0'),
    benefit,
    level: !mayLevels && mayOwn && level === 'caseworker' ? 'caseworker' : 'municipality',
    ...(ageGroup ? { ageGroup } : {}),
    ...(durationBand ? { durationBand } : {}),
  }).toString()}`;
  const seriesLines = AREAS.flatMap(([, ids]) =>
    ids.map((id) => ({
      id,
      name: lineDefinition(id, words, language).name,
      unit: lineDefinition(id, words, language).unit,
    })),
  );

  return (
    <>
      <h1>
        {words('measures')}: {name}
      </h1>
      <form
        className="filters kpi-controls"
        aria-label={words('kpiControls')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          {words('benefit')}
          <select name="benefit" value={benefit} onChange={(e) => setBenefit(e.target.value)}>
            {KPI_BENEFITS.map((code) => (
              <option key={code} value={code}>
                {groupName(code, language)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {words('kpiPeriod')}
          <select
            name="period"
            value={String(year)}
            onChange={(e) => setYear(e.target.value === 'custom' ? 'custom' : Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
            <option value="custom">{words('kpiCustomPeriod')}</option>
          </select>
        </label>
        {year === 'custom' && (
          <FieldProblemsProvider value={report}>
            <WeekField
              label={words('kpiFrom')}
              name="from"
              value={from}
              onChange={setFrom}
              range={window}
              rangeText={words('kpiWeekRange', {
                first: formatYyyyww(window.first, language),
                last: formatYyyyww(window.last, language),
              })}
            />
            <WeekField
              label={words('kpiTo')}
              name="to"
              value={to}
              onChange={setTo}
              range={window}
              rangeText={words('kpiWeekRange', {
                first: formatYyyyww(window.first, language),
                last: formatYyyyww(window.last, language),
              })}
            />
          </FieldProblemsProvider>
        )}
        {levels.length > 0 && (
          <label>
            {words('kpiLevel')}
            <select name="level" value={level} onChange={(e) => choose(e.target.value as KpiLevel)}>
              {levels.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.word}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {words('kpiAgeGroup')}
          <select
            name="ageGroup"
            value={ageGroup}
            onChange={(e) => setAgeGroup(e.target.value as JobindsatsAgeGroup | '')}
          >
            <option value="">{words('kpiAllAges')}</option>
            {JOBINDSATS_AGE_GROUPS.map((g) => (
              <option key={g} value={g}>
                {words('kpiAgeYears', { group: g })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {words('kpiDurationBand')}
          <select
            name="durationBand"
            value={durationBand}
            onChange={(e) => setDurationBand(e.target.value as SpellDurationBand | '')}
          >
            <option value="">{words('kpiAllDurations')}</option>
            {SPELL_DURATION_BANDS.map((b) => (
              <option key={b.id} value={b.id}>
                {words('kpiBandWeeks', { band: b.id })}
              </option>
            ))}
          </select>
        </label>
      </form>
      {problem && (
        <p className="status error" role="alert" data-kpi-problem>
          {problem}
        </p>
      )}
      {error && !problem && (
        <p className="status error" role="alert" data-kpi-error>
          {words('error')}: {error}
        </p>
      )}
      {/* Always there, so that the page does not move when it speaks. */}
      <p className="kpi-busy" role="status" aria-live="polite">
        {busy ? (answer ? words('kpiUpdating') : words('loading')) : ''}
      </p>
      {answer && !error && (
        <div className="results" aria-busy={busy} data-kpi-level={answer.level}>
          <div className={stale && !busy ? 'stale' : 'current'}>
            <KpiView answer={answer} municipalityName={name} mayLevels={mayLevels} onLevel={choose} />
          </div>
        </div>
      )}
      <Series
        path={seriesPath}
        lines={seriesLines}
        format={(value, unit) => formatMeasure(value, unit, words)}
        exported={exportedMeasure}
      />
      {level === 'municipality' && (
        <Survival
          municipality={municipality}
          name={name}
          benefit={benefit}
          period={problem || fieldProblem ? null : period}
          window={window}
          targetGroup={ageGroup !== '' || durationBand !== ''}
        />
      )}
    </>
  );
}

function KpiView({
  answer,
  municipalityName,
  mayLevels,
  onLevel,
}: {
  answer: KpiAnswer;
  municipalityName: string;
  mayLevels: boolean;
  onLevel: (level: KpiLevel, department?: string | null) => void;
}) {
  const words = useWords();
  const language = useLanguage();
  const suppressed = suppressionOf(answer);
  const benefitName = groupName(answer.benefit, language);
  const from = formatYyyyww(answer.from, language);
  const to = formatYyyyww(answer.to, language);
  const targetGroup = [
    answer.targetGroup.ageGroup &&
      `${words('kpiAgeGroup')}: ${words('kpiAgeYears', { group: answer.targetGroup.ageGroup })}`,
    answer.targetGroup.durationBand &&
      `${words('kpiDurationBand')}: ${words('kpiBandWeeks', { band: answer.targetGroup.durationBand })}`,
  ].filter((t): t is string => Boolean(t));
  const withheldNote =
    suppressed && suppressed.withheld > 0 ? words('withheldNote', { ...suppressed }) : null;
  const info = {
    title: `${words('measures')} ${municipalityName} ${answer.from}-${answer.to}`,
    assumptions: [
      words('kpiLead', { benefit: benefitName, municipality: municipalityName, from, to }),
      ...targetGroup,
      answer.rule[language],
      words('kpiDataLast', { week: formatYyyyww(answer.dataLast, language) }),
      ...(withheldNote ? [withheldNote] : []),
    ],
  };
  // A caseworker's own caseload: the measures of their one row, as the municipality's are shown.
  const own = !mayLevels && answer.level === 'caseworker' ? (answer.rows[0]?.measures ?? null) : null;
  const measures = answer.measures ?? own;
  return (
    <ExportInfoProvider info={info}>
      <p className="lead">
        {words('kpiLead', { benefit: benefitName, municipality: municipalityName, from, to })}
        {targetGroup.length > 0 && ` ${targetGroup.join(' · ')}.`} {answer.rule[language]}{' '}
        {words('kpiDataLast', { week: formatYyyyww(answer.dataLast, language) })}
      </p>
      {withheldNote && (
        <p className="note" data-suppressed={suppressed!.withheld}>
          {withheldNote}
        </p>
      )}
      {measures ? (
        <MunicipalityMeasures
          measures={measures}
          suppressed={suppressed}
          onDepartments={mayLevels && answer.level === 'municipality' ? () => onLevel('department') : null}
        />
      ) : answer.level === 'municipality' ? null : (
        <UnitTable answer={answer} suppressed={suppressed} mayLevels={mayLevels} onLevel={onLevel} />
      )}
    </ExportInfoProvider>
  );
}

function MunicipalityMeasures({
  measures,
  suppressed,
  onDepartments,
}: {
  measures: KpiMeasures;
  suppressed: Suppressed | undefined;
  onDepartments: (() => void) | null;
}) {
  const words = useWords();
  const language = useLanguage();
  const lines = AREAS.map(([area, ids]) => ({
    area,
    lines: ids.map((id) => ({ id, ...lineDefinition(id, words, language), value: measures[id] as Figure })),
  }));
  const statusColumns: Column[] = [
    { key: 'after', header: words('kpiAfter') },
    ...STATUS_CLASSES.map((c) => ({
      key: c,
      header: words(`kpiStatus_${c}`),
      numeric: true,
      decimals: 1,
      unit: '%',
    })),
    { key: 'spells', header: words('kpiStatusSpells'), numeric: true },
  ];
  const after = (months: number) =>
    months === 1 ? words('kpiAfterMonth') : words('kpiAfterMonths', { months });
  const statusRows: Row[] = STATUS_MONTHS.map((months) => {
    const shares = measures.statusAfter[`${months}`];
    return {
      after: after(months),
      ...Object.fromEntries(STATUS_CLASSES.map((c) => [c, shownFigure(percentOf(shares[c]), suppressed)])),
      spells: shownFigure(measures.statusAfterSpells[`${months}`], suppressed),
    };
  });
  // Every headline measure, with status after an ended spell, as one sheet.
  const sheetColumns: Column[] = [
    { key: 'area', header: words('kpiArea') },
    { key: 'measure', header: words('kpiMeasure') },
    { key: 'value', header: words('kpiValue') },
    { key: 'unit', header: words('kpiUnit') },
  ];
  const line = (area: string, measure: string, value: Figure, unit: MeasureUnit): Row => ({
    area,
    measure,
    value: value === null ? shownFigure(null, suppressed) : exportedMeasure(value, unit),
    unit: words(`kpiUnit_${unit}`),
  });
  const sheetRows: Row[] = [
    ...lines
      .slice(0, 2)
      .flatMap((a) => a.lines.map((l) => line(words(`kpiGroup_${a.area}`), l.name, l.value, l.unit))),
    ...STATUS_MONTHS.flatMap((months) =>
      STATUS_CLASSES.map((c) =>
        line(
          words('kpiStatus'),
          `${after(months)}: ${words(`kpiStatus_${c}`)}`,
          measures.statusAfter[`${months}`][c],
          'share',
        ),
      ),
    ),
    ...lines
      .slice(2)
      .flatMap((a) => a.lines.map((l) => line(words(`kpiGroup_${a.area}`), l.name, l.value, l.unit))),
  ];
  const table = (areas: typeof lines, name: string) => (
    <table className="kpi-measures" data-table={name}>
      <thead>
        <tr>
          <th scope="col">{words('kpiMeasure')}</th>
          <th scope="col" className="num">
            {words('kpiValue')}
          </th>
        </tr>
      </thead>
      {areas.map((a) => (
        <tbody key={a.area}>
          <tr className="kpi-area">
            <th scope="colgroup" colSpan={2}>
              {words(`kpiGroup_${a.area}`)}
            </th>
          </tr>
          {a.lines.map((l) => (
            <tr key={l.id}>
              <th scope="row">
                <details className="kpi-definition">
                  <summary>{l.name}</summary>
                  <p data-rule={l.id}>
                    {l.rule}
                    {l.better && ` ${words(`kpiBetter_${l.better}`)}`}
                  </p>
                </details>
              </th>
              <td
                className="num"
                data-measure={l.id}
                {...(l.value === null && suppressed ? { 'data-withheld': '' } : {})}
              >
                {shown(l.value, l.unit, words, suppressed)}
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );

  return (
    <>
      <Section
        title={words('kpiHeadline')}
        aside={
          <span className="table-tools">
            {onDepartments && (
              <button type="button" className="secondary" data-see-departments onClick={onDepartments}>
                {words('kpiSeeDepartments')}
              </button>
            )}
            <ExportButton
              name="kpi-measures"
              title={words('measures')}
              columns={sheetColumns}
              rows={sheetRows}
            />
          </span>
        }
      >
        <div className="kpi-headline">
          {table(lines.slice(0, 2), 'kpi-measures')}
          {table(lines.slice(2), 'kpi-measures-more')}
        </div>
      </Section>
      <Section
        title={words('kpiStatus')}
        aside={<Definition>{MEASURES.statusAfter.rule[language]}</Definition>}
      >
        <DataTable name="kpi-status" title={words('kpiStatus')} columns={statusColumns} rows={statusRows} />
      </Section>
      <div className="kpi-pair">
        <Durations measures={measures} suppressed={suppressed} />
        <Destinations measures={measures} suppressed={suppressed} />
      </div>
    </>
  );
}

/** A share (0-1) as per cent for a table column with unit "%". */
const percentOf = (share: Figure): Figure => (share === null ? null : share * 100);

function Durations({ measures, suppressed }: { measures: KpiMeasures; suppressed: Suppressed | undefined }) {
  const words = useWords();
  const ended = MEASURES.spellsEnded.name;
  const stock = MEASURES.stockAtEnd.name;
  const language = useLanguage();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: tooltipFigure(suppressed) },
      legend: { bottom: 0 },
      grid: { left: 50, right: 16, top: 16, bottom: 56 },
      xAxis: {
        type: 'category',
        name: words('kpiUnit_weeks'),
        nameLocation: 'middle',
        nameGap: 26,
        data: SPELL_DURATION_BANDS.map((b) => b.id),
      },
      yAxis: { type: 'value', axisLabel: { formatter: formatTick } },
      series: [
        {
          name: ended[language],
          type: 'bar',
          data: SPELL_DURATION_BANDS.map((b) => measures.endedByDuration[b.id]),
        },
        {
          name: stock[language],
          type: 'bar',
          data: SPELL_DURATION_BANDS.map((b) => measures.stockAtEndByDuration[b.id]),
        },
      ],
    }),
    [measures, suppressed, words, language],
  );
  return (
    <Section title={words('kpiDurations')} aside={<Definition>{words('kpiDurationsDefinition')}</Definition>}>
      <Chart name="kpi-durations" option={option} height={240} label={words('kpiDurations')} />
      <DataTable
        name="kpi-durations"
        title={words('kpiDurations')}
        columns={[
          { key: 'band', header: words('kpiDuration') },
          { key: 'ended', header: ended[language], numeric: true },
          { key: 'stock', header: stock[language], numeric: true },
        ]}
        rows={SPELL_DURATION_BANDS.map((b) => ({
          band: words('kpiBandWeeks', { band: b.id }),
          ended: shownFigure(measures.endedByDuration[b.id], suppressed),
          stock: shownFigure(measures.stockAtEndByDuration[b.id], suppressed),
        }))}
      />
    </Section>
  );
}

function Destinations({
  measures,
  suppressed,
}: {
  measures: KpiMeasures;
  suppressed: Suppressed | undefined;
}) {
  const words = useWords();
  const language = useLanguage();
  const ended = measures.spellsEnded;
  const rows = Object.entries(measures.destinations)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
    .map(([state, spells]) => ({
      to: state === 'unknown' ? words('kpiDestinationUnknown') : stateName(state, language),
      spells: shownFigure(spells, suppressed),
      share: shownFigure(spells === null || !ended ? null : (spells / ended) * 100, suppressed),
    }));
  return (
    <Section
      title={words('kpiDestinations')}
      aside={<Definition>{words('kpiDestinationsDefinition')}</Definition>}
    >
      {rows.length === 0 ? (
        <p className="note">{words('kpiNoRows')}</p>
      ) : (
        <DataTable
          name="kpi-destinations"
          title={words('kpiDestinations')}
          columns={[
            { key: 'to', header: words('kpiDestination') },
            { key: 'spells', header: MEASURES.spellsEnded.name[language], numeric: true },
            { key: 'share', header: words('kpiShare'), numeric: true, decimals: 1, unit: '%' },
          ]}
          rows={rows}
        />
      )}
    </Section>
  );
}

/** The departments (a click shows a department's caseworkers) or the caseworkers, with the main measures. */
function UnitTable({
  answer,
  suppressed,
  mayLevels,
  onLevel,
}: {
  answer: KpiAnswer;
  suppressed: Suppressed | undefined;
  mayLevels: boolean;
  onLevel: (level: KpiLevel, department?: string | null) => void;
}) {
  const words = useWords();
  const language = useLanguage();
  const departments = answer.level === 'department';
  const department = answer.department ?? null;
  const departmentName = (key: string) => (key === '' ? words('kpiNoDepartment') : key);
  const title = departments
    ? words('kpiDepartments')
    : department !== null
      ? words('kpiCaseworkersOf', { department: departmentName(department) })
      : words('kpiLevel_caseworker');
  const name = (id: keyof typeof MEASURES) => MEASURES[id].name[language];
  const columns: Column[] = [
    {
      key: 'unit',
      header: departments ? words('kpiDepartment') : words('kpiCaseworker'),
      // Department names are the register's own (Danish) words.
      ...(departments
        ? { lang: 'da' as const, onClick: (row: Row) => onLevel('caseworker', String(row.key)) }
        : {}),
    },
    { key: 'persons', header: name('persons'), numeric: true },
    { key: 'fullTimePersons', header: name('fullTimePersons'), numeric: true, decimals: 1 },
    { key: 'spellsEnded', header: name('spellsEnded'), numeric: true },
    {
      key: 'averageDurationEndedWeeks',
      header: `${name('averageDurationEndedWeeks')} (${words('kpiUnit_weeks')})`,
      numeric: true,
      decimals: 1,
    },
    { key: 'inWork3', header: words('kpiInWork3'), numeric: true, decimals: 1, unit: '%' },
    { key: 'activationRate', header: name('activationRate'), numeric: true, decimals: 1, unit: '%' },
  ];
  const rows: Row[] = answer.rows.map((r) => ({
    key: r.key,
    unit: departments ? departmentName(r.key) : r.key,
    persons: shownFigure(r.measures.persons, suppressed),
    fullTimePersons: shownFigure(r.measures.fullTimePersons, suppressed),
    spellsEnded: shownFigure(r.measures.spellsEnded, suppressed),
    averageDurationEndedWeeks: shownFigure(r.measures.averageDurationEndedWeeks, suppressed),
    inWork3: shownFigure(percentOf(r.measures.statusAfter['3'].work), suppressed),
    activationRate: shownFigure(percentOf(r.measures.activationRate), suppressed),
  }));
  return (
    <Section
      title={title}
      aside={
        <span className="kpi-back">
          {mayLevels && !departments && (
            <button type="button" className="link" onClick={() => onLevel('department')}>
              {words('kpiBackToDepartments')}
            </button>
          )}
          <button type="button" className="link" onClick={() => onLevel('municipality')}>
            {words('kpiBackToMunicipality')}
          </button>
          <Definition>{words('kpiLevelsDefinition')}</Definition>
        </span>
      }
    >
      {departments && rows.length > 0 && <p className="note">{words('kpiDepartmentsHint')}</p>}
      {rows.length === 0 ? (
        <p className="note">{words('kpiNoRows')}</p>
      ) : (
        <DataTable name={`kpi-${answer.level}`} title={title} columns={columns} rows={rows} />
      )}
    </Section>
  );
}
