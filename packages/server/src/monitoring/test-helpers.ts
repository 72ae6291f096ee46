/**
 * A store of hand-counted histories for the room's tests: six persons of municipality 101 on
 * sygedagpenge, imported through the importers as a municipality's files would be, observed 2020-W01
 * to 2022-W52 (kpi.test.ts counts each measure of them by hand).
 */

import { toYyyyww, weekIndexOf } from '@jobinvest/core';
import { writeTemp } from '../cli/test-helpers.ts';
import { type Config } from '../config.ts';
import { importFile } from '../data/index.ts';

/** The persons' CPR numbers, P1 … P6 of kpi.test.ts. */
export const P = ['0101801111', '0201801112', '0301551113', '0401801114', '0501801115', '0601801116'];
const weeks = (year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => toYyyyww(weekIndexOf(year, from + i)));
const span = (fromYear: number, fromWeek: number, toYear: number, toWeek: number) => {
  const out: number[] = [];
  for (let w = weekIndexOf(fromYear, fromWeek); w <= weekIndexOf(toYear, toWeek); w++) out.push(toYyyyww(w));
  return out;
};

/** Import the histories into the store of `config`, writing the files into `dir`. */
export async function importHandCounted(config: Config, dir: string): Promise<void> {
  const lines = (person: string, list: number[]) => list.map((w) => `${person},${w},sygedagpenge`);
  const personWeeks = [
    'person,week,benefit',
    ...lines(P[0]!, [...weeks(2021, 1, 4), ...weeks(2021, 9, 12), ...weeks(2021, 25, 27)]),
    ...lines(P[1]!, [...weeks(2021, 10, 13), ...weeks(2021, 20, 30)]),
    ...lines(P[2]!, span(2020, 1, 2021, 10)),
    ...lines(P[3]!, weeks(2022, 40, 52)),
    ...lines(P[4]!, weeks(2022, 45, 48)),
    ...lines(P[5]!, span(2020, 40, 2022, 20)),
  ].join('\n');
  const files: [Parameters<typeof importFile>[1], string, string][] = [
    [
      'municipalities',
      'municipalities.csv',
      'code,name,year,population_16_66,labour_force_16_66\n101,København,2020,1300,1000\n101,København,2021,1300,1000\n101,København,2022,1300,1000',
    ],
    [
      'persons',
      'persons.csv',
      `person,birth_year,sex,origin,municipality\n${P.map((p, i) => `${p},${i === 2 ? 1955 : 1980},k,${i === 5 ? 'vestlig' : 'dansk'},101`).join('\n')}`,
    ],
    ['person-weeks', 'person-weeks.csv', personWeeks],
    [
      'interventions',
      'interventions.csv',
      `person,type,start_week,end_week,cost\n${P[5]},virksomhedspraktik,202110,202119,10000\n${P[1]},mentor,202120,202129,5000`,
    ],
    [
      'caseworkers',
      'caseworkers.csv',
      `person,caseworker,department,from_week,to_week\n${P[5]},cw1,Syg,202040,\n${P[1]},cw2,Syg,202110,202130`,
    ],
    [
      'contacts',
      'contacts.csv',
      `person,date,kind,caseworker\n${P[1]},2021-03-15,samtale,cw2\n${P[0]},2021-01-12,udeblivelse,\n${P[5]},2021-06-01,samtale,cw1`,
    ],
  ];
  for (const [kind, name, content] of files) await importFile(config, kind, writeTemp(dir, name, content));
}
