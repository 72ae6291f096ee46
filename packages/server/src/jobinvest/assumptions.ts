/** What every projection of the duration model assumes, said in both languages. */

import { STAIRCASE_RESET, type Sentence } from '@jobinvest/core';

export const PROJECTION_ASSUMPTIONS: readonly Sentence[] = [
  {
    da: 'Varighedsmodel: stykkevis eksponentiel model med konkurrerende risici for hver ydelsesgruppe, estimeret samlet på data fra alle kommuner i databasen, med kommunale faktorer krympet mod 1 (empirisk Bayes).',
    en: 'Duration model: piecewise-exponential competing risks per benefit group, pooled over the municipalities in the store, with municipality multipliers shrunk towards 1 (empirical Bayes).',
  },
  {
    da: 'Arbejdsmarkedet fra de sidste 52 uger i data fortsætter (periodeeffekten fra det seneste år); sæsonmønstrene gentager sig.',
    en: 'The labour market of the last 52 weeks of data continues (period effect of the last year); seasons repeat.',
  },
  {
    da: 'En persons aldersgruppe, køn, herkomst og tidligere forsørgelse holdes fast på værdierne i startugen; alle forlader beregningen ved indgangen til det år, de fylder 67 (data kender kun fødselsåret), så ydelsen fra nytår til 67-årsdagen, i gennemsnit et halvt år, ikke er med.',
    en: "A person's age group, sex, origin and prior support are held at their values in the start week; everyone leaves at the start of the year they turn 67 (the data hold the year of birth only), so the support from New Year to the 67th birthday, half a year on average, is not counted.",
  },
  {
    da: 'Tilgang: nye personer pr. uge som i de 52 uger før startugen.',
    en: 'Inflow: new persons per week as in the 52 weeks before the start week.',
  },
  {
    da: 'En gruppe, som ydelsesreglerne lukker for nye forløb, får hverken tilgang eller overgange ind fra den uge, den lukker; før da som estimeret, også når data slutter før lukningen.',
    en: 'A group the benefit rules close to new cases takes neither inflow nor moves in from the week it closes; before that, as estimated, also where the data end before the closure.',
  },
  {
    da: `De forventede værdier tæller hver persons uger på refusionstrappen præcist, pr. gruppe af tidligere forsørgelse frem for pr. person; trappen starter forfra efter ${STAIRCASE_RESET.da}, som de forventede værdier tilnærmer med en chance på 1/52 for hver uge med selvforsørgelse, og mikrosimulationen tæller præcist.`,
    en: `Expected values count each person's weeks on the refusion staircase exactly, per band of prior support rather than per person; the staircase restarts after ${STAIRCASE_RESET.en}, which the expected values approximate by a chance of 1/52 for each week of self-support, and the microsimulation counts exactly.`,
  },
];
