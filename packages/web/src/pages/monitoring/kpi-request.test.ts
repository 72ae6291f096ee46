import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api.ts';
import { fullYears, KPI_BENEFITS, kpiPath, periodProblem, refusalText, yearPeriod } from './kpi-request.ts';

const window = { first: 201601, last: 202649 };

describe('the periods of the Nøgletal page', () => {
  it('offers the ISO years whose every week is in the data, 53-week years whole', () => {
    expect(fullYears(window)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(fullYears({ first: 201602, last: 202053 })).toEqual([2017, 2018, 2019, 2020]);
    expect(fullYears({ first: 202001, last: 202052 })).toEqual([]);
    expect(yearPeriod(2020)).toEqual({ from: 202001, to: 202053 });
  });

  it('says why a period cannot be asked for, in the language chosen', () => {
    expect(periodProblem({ from: 202501, to: 202552 }, window, 'da')).toBeNull();
    expect(periodProblem({ from: 202510, to: 202505 }, window, 'da')).toBe(
      'Fra-ugen uge 2025-10 ligger efter til-ugen uge 2025-05: byt om på dem.',
    );
    expect(periodProblem({ from: 202601, to: 202652 }, window, 'en')).toBe(
      'The period week 2026-01 – week 2026-52 is not inside the data, which run from week 2016-01 to week 2026-49: choose a period inside.',
    );
    // 2016-W01 to 2026-W49 is 570 weeks: more than the 530 one answer covers.
    expect(periodProblem({ from: 201601, to: 202649 }, window, 'da')).toBe(
      'Perioden er 570 uger: højst 530 uger ad gangen.',
    );
  });

  it("says the server's refusal of a period outside the data in Danish, with the server's window", () => {
    const refusal = new ApiError(
      'from/to: expected weeks inside the data, 201601 to 202530, found 202501 to 202552',
      422,
    );
    expect(refusalText(refusal, { from: 202501, to: 202552 }, window, 'da')).toBe(
      'Perioden uge 2025-01 – uge 2025-52 ligger ikke inden for data, der går fra uge 2016-01 til uge 2025-30: vælg en periode inden for.',
    );
    expect(
      refusalText(
        new ApiError('municipality 147 has no persons', 422),
        { from: 202501, to: 202552 },
        window,
        'da',
      ),
    ).toBe('Serveren kunne ikke beregne nøgletallene for det valgte (municipality 147 has no persons).');
    expect(
      refusalText(new ApiError('Serveren svarede 500.', 500), { from: 202501, to: 202552 }, window, 'da'),
    ).toBe('Serveren svarede 500.');
  });
});

describe('the request of the Nøgletal page', () => {
  it('asks for all public support and the groups in force, not the groups merged away', () => {
    expect(KPI_BENEFITS[0]).toBe('all');
    expect(KPI_BENEFITS).toContain('sygedagpenge');
    expect(KPI_BENEFITS).toContain('fleksjob');
    expect(KPI_BENEFITS).not.toContain('uddannelseshjaelp');
    expect(KPI_BENEFITS).not.toContain('job');
  });

  it('sends a department only below the municipality, and the target group when chosen', () => {
    const choice = {
      municipality: 101,
      benefit: 'all',
      period: { from: 202501, to: 202552 },
      level: 'caseworker' as const,
      department: 'Jobcenter Ydelse',
      ageGroup: '30-34' as const,
      durationBand: null,
    };
    expect(kpiPath(choice)).toBe(
      '/api/kpi?municipality=101&benefit=all&from=202501&to=202552&level=caseworker&department=Jobcenter+Ydelse&ageGroup=30-34',
    );
    expect(kpiPath({ ...choice, level: 'municipality', ageGroup: null, durationBand: '5-13' })).toBe(
      '/api/kpi?municipality=101&benefit=all&from=202501&to=202552&level=municipality&durationBand=5-13',
    );
  });
});
