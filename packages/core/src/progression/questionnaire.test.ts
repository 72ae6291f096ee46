import { describe, expect, it } from 'vitest';
import { BELIEF_ANSWERS, CASEWORKER_INDICATORS, CITIZEN_INDICATORS, SEARCH_CHANNELS } from './indicators.ts';
import { QUESTIONNAIRE_BIP_1, QuestionnaireError, itemsOf, validateQuestionnaire } from './questionnaire.ts';

describe('the built-in questionnaire bip-1', () => {
  it('asks the citizen 9 items and the caseworker 11, each with five anchors in Danish and English', () => {
    expect(itemsOf(QUESTIONNAIRE_BIP_1, 'citizen')).toEqual([...CITIZEN_INDICATORS]);
    expect(itemsOf(QUESTIONNAIRE_BIP_1, 'caseworker')).toEqual([...CASEWORKER_INDICATORS]);
    expect(QUESTIONNAIRE_BIP_1.citizen).toHaveLength(9);
    expect(QUESTIONNAIRE_BIP_1.caseworker).toHaveLength(11);
    for (const item of [...QUESTIONNAIRE_BIP_1.citizen, ...QUESTIONNAIRE_BIP_1.caseworker]) {
      expect(item.anchors).toHaveLength(5);
      for (const a of item.anchors) expect(a.da.length * a.en.length).toBeGreaterThan(0);
    }
  });

  it("gives the caseworker's belief BIP's question and its five answers as anchors", () => {
    const belief = QUESTIONNAIRE_BIP_1.caseworker.find((i) => i.indicator === 'caseworkerBelief')!;
    expect(belief.question.da).toBe('Tror du, at borgeren kommer i job inden for det næste år?');
    expect(belief.anchors.map((a) => a.da)).toEqual([...BELIEF_ANSWERS]);
  });

  it('labels every search channel and says the wording is its own', () => {
    expect(Object.keys(QUESTIONNAIRE_BIP_1.channels.labels).sort()).toEqual([...SEARCH_CHANNELS].sort());
    expect(QUESTIONNAIRE_BIP_1.source.en).toContain('not public');
  });

  it('passes its own validation unchanged', () => {
    expect(validateQuestionnaire(JSON.parse(JSON.stringify(QUESTIONNAIRE_BIP_1)))).toEqual(
      QUESTIONNAIRE_BIP_1,
    );
  });
});

describe('validateQuestionnaire', () => {
  const copy = () => JSON.parse(JSON.stringify(QUESTIONNAIRE_BIP_1)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON file to break on purpose;

  it('names every problem with its path, what was expected and what was found', () => {
    const q = copy();
    q.version = 'bip 2!';
    q.citizen[1].indicator = 'mood';
    q.citizen[2].anchors.pop();
    q.caseworker[0].question.en = '';
    delete q.channels.labels.tempAgency;
    try {
      validateQuestionnaire(q);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QuestionnaireError);
      const problems = (error as QuestionnaireError).problems;
      expect(problems).toEqual([
        expect.stringMatching(/^version: expected an id .* found "bip 2!"$/),
        expect.stringMatching(/^citizen\[1\]\.indicator: expected one of jobSearch, .* found "mood"$/),
        expect.stringMatching(/^citizen\[2\]\.anchors: expected a list of exactly 5 anchors/),
        'caseworker[0].question.en: expected a text of 1 to 500 characters, found ""',
        'channels.labels.tempAgency: expected an object with texts "da" and "en", found nothing',
      ]);
    }
  });

  it('refuses an indicator asked twice in one part, and a file that is not an object', () => {
    const q = copy();
    q.caseworker[1].indicator = 'jobSearch';
    expect(() => validateQuestionnaire(q)).toThrow(
      /caseworker\[1\]\.indicator: expected an indicator not asked before/,
    );
    const noContact = copy();
    noContact.caseworker = noContact.caseworker.filter(
      (i: { indicator: string }) => i.indicator !== 'contact',
    );
    expect(() => validateQuestionnaire(noContact)).toThrow(
      /caseworker: expected an item for "contact", which the citizen answers/,
    );
    expect(() => validateQuestionnaire([1])).toThrow('the file: expected a JSON object, found [1]');
  });
});
