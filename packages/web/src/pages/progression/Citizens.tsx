/**
 * Borgere: the citizens whose progression the caller follows (GET /api/progression/citizens: a
 * caseworker's own caseload, or for a person-level role everyone in the measured groups), sorted by
 * the next follow-up as the server sends them, with a filter; a pseudonym opens the citizen's page.
 */

import type { CitizenRow } from '@jobinvest/core';
import { useId, useState } from 'react';
import { getJson } from '../../api.ts';
import { useStateName } from '../../catalogue.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useWords } from '../../i18n.tsx';
import { Section, Status } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import { citizensPath, formatChange, shortPseudonym } from './progression-api.ts';

/** The year a citizen is born in, as an age in `year`. */
const ageIn = (birthYear: number | null, year: number) => (birthYear === null ? null : year - birthYear);

export function CitizensPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const stateName = useStateName();
  const id = useId();
  const [filter, setFilter] = useState('');
  const [draftsOnly, setDraftsOnly] = useState(false);
  const citizens = useLoad(`progression-citizens-${municipality}`, (signal) =>
    getJson<{ citizens: CitizenRow[] }>(citizensPath(municipality), signal),
  );
  const year = new Date().getFullYear();
  const open = (row: Row) => {
    window.location.hash = `#/progression/${encodeURIComponent(String(row.id))}`;
  };
  const columns: Column[] = [
    { key: 'person', header: words('progPerson'), onClick: open },
    { key: 'age', header: words('progAge'), numeric: true },
    { key: 'benefit', header: words('progBenefit') },
    { key: 'measurements', header: words('progMeasurements'), numeric: true },
    { key: 'lastMeasured', header: words('progLastMeasured') },
    { key: 'latestMean', header: words('progLatestMean'), numeric: true, decimals: 1 },
    { key: 'change', header: words('progChange'), numeric: true },
    { key: 'nextFollowUp', header: words('progNextFollowUp') },
    { key: 'draft', header: words('progDraft') },
  ];
  const matches = (c: CitizenRow, text: string) =>
    text === '' ||
    [c.person, c.benefit ? stateName(c.benefit) : '', c.caseworker ?? ''].some((v) =>
      v.toLowerCase().includes(text),
    );
  return (
    <>
      <h1>{words('progCitizens')}</h1>
      <p className="lead">{words('progCitizensLead')}</p>
      <ExportInfoProvider info={{ title: words('progCitizens'), assumptions: [words('progCitizensLead')] }}>
        <Section title={words('progCitizensTable')}>
          <div className="filters">
            <label htmlFor={`${id}-filter`}>{words('progFilter')}</label>
            <input
              id={`${id}-filter`}
              type="search"
              name="filter"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <label className="inline-check">
              <input
                type="checkbox"
                name="drafts-only"
                checked={draftsOnly}
                onChange={(e) => setDraftsOnly(e.target.checked)}
              />
              {words('progDraftsOnly')}
            </label>
          </div>
          <Status loaded={citizens}>
            {({ citizens: list }) => {
              const text = filter.trim().toLowerCase();
              const shown = list.filter((c) => matches(c, text) && (!draftsOnly || c.hasDraft));
              if (list.length === 0)
                return (
                  <p className="note" data-citizens-none>
                    {words('progCitizensNone')}
                  </p>
                );
              return (
                <>
                  <p className="note" role="status" data-citizens-count={shown.length}>
                    {words('progCitizensCount', { shown: shown.length, all: list.length })}
                  </p>
                  <DataTable
                    name="progression-citizens"
                    title={words('progCitizens')}
                    columns={columns}
                    rows={shown.map((c): Row => ({
                      id: c.person,
                      person: shortPseudonym(c.person),
                      age: ageIn(c.birthYear, year),
                      benefit: c.benefit ? stateName(c.benefit) : null,
                      measurements: c.measurements,
                      lastMeasured: c.lastMeasured,
                      latestMean: c.latestMean,
                      change: c.change === null ? null : formatChange(c.change, (v) => formatNumber(v, 1)),
                      nextFollowUp: c.nextFollowUp,
                      draft: c.hasDraft ? words('progDraftMark') : null,
                    }))}
                  />
                </>
              );
            }}
          </Status>
        </Section>
      </ExportInfoProvider>
    </>
  );
}
