import { describe, expect, it } from 'vitest';
import { defaultCase } from './default-case.ts';
import { refusalOf } from './case-refusal.ts';

const doc = { ...defaultCase(825, 202552, 'da'), startWeek: '202620', participants: 100 };

describe("the server's refusal of a case, said on its field", () => {
  it('says the start weeks the server takes, read from its message, in Danish', () => {
    const refusal = refusalOf(
      {
        message: 'startWeek: expected at most 52 weeks after the last week of data (202552), found 202620',
      },
      doc,
      'da',
    );
    expect(refusal).toEqual({
      field: 'startWeek',
      startRange: { last: 202652 },
      message: 'Serveren tager kun starter fra … til uge 2026-52',
    });
    expect(
      refusalOf(
        { message: 'startWeek: expected a week after the data start 201601, found 201601' },
        doc,
        'en',
      ),
    ).toEqual({
      field: 'startWeek',
      startRange: { first: 201602 },
      message: 'The server takes only starts from week 2016-02 to …',
    });
  });

  it("reads the limits from the answer's details when it has them", () => {
    expect(
      refusalOf(
        {
          message: 'startWeek: expected a week up to the end of the year after the data, found 202901',
          details: [{ field: 'startWeek', min: 201602, max: 202752, found: 202901 }],
        },
        doc,
        'da',
      ).startRange,
    ).toEqual({ first: 201602, last: 202752 });
  });

  it('keeps the server text of a start refusal it cannot read, behind a Danish sentence', () => {
    expect(refusalOf({ message: 'startWeek: something new' }, doc, 'da')).toEqual({
      field: 'startWeek',
      message: 'Serveren afviste starten 202620: something new',
    });
  });

  it("says the target group's size for too many participants", () => {
    expect(
      refusalOf(
        {
          message:
            'participants: the target group has 517 persons in 202552; a case can have at most 517 participants, found 5000',
          details: [{ field: 'participants', max: 517, found: 5000 }],
        },
        { ...doc, participants: 5000 },
        'da',
      ),
    ).toEqual({
      field: 'participants',
      message: 'Højst 517: målgruppen har 517 personer i uge 2025-52; fandt 5000',
    });
  });

  it('says why a number of extra points cannot be reached', () => {
    const points = { ...doc, effect: { extraPointsInWork: { points: 90, afterMonths: 1 }, to: ['job'] } };
    expect(
      refusalOf(
        {
          message:
            'effect.extraPointsInWork: no hazard ratio up to 20 gives 90 points more in work after 1 months for this target group',
        },
        points,
        'da',
      ),
    ).toEqual({
      field: 'extraPoints',
      message:
        'Ingen hazard ratio op til 20 giver 90 procentpoint flere i job efter 1 måneder for denne målgruppe: vælg færre procentpoint eller flere måneder',
    });
  });

  it('names the group that took over an ended one, by its name', () => {
    const names: Record<string, string> = {
      uddannelseshjaelp: 'Uddannelseshjælp',
      kontanthjaelp_grundsats: 'Kontanthjælp, grundsats',
    };
    expect(
      refusalOf(
        {
          message:
            'target.benefit: uddannelseshjaelp ended in 202526, and its persons, history included, are on kontanthjaelp_grundsats: expected a group in force, found uddannelseshjaelp',
          details: [
            { field: 'target.benefit', expected: 'kontanthjaelp_grundsats', found: 'uddannelseshjaelp' },
          ],
        },
        { ...doc, target: { benefit: 'uddannelseshjaelp' } },
        'da',
        (code) => names[code] ?? code,
      ),
    ).toEqual({
      field: 'benefit',
      message:
        'Uddannelseshjælp findes ikke længere: personerne er nu på Kontanthjælp, grundsats. Vælg den gruppe',
    });
  });

  it('passes on what it does not know, saying it is the server that refused', () => {
    expect(refusalOf({ message: 'internal error; the server log has the details' }, doc, 'da')).toEqual({
      field: null,
      message: 'Serveren afviste beregningen: internal error; the server log has the details',
    });
  });
});
