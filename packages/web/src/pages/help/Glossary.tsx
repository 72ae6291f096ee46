/** Ordliste: the terms the app uses, each explained once (DESIGN.md's conventions), in both languages. */

import { STAIRCASE_RESET } from '@jobinvest/core';
import { useLanguage, useWords, type Language } from '../../i18n.tsx';

/** Each term and its explanation in Danish and in English; the English names the Danish term of art. */
const TERMS: Record<Language, readonly [term: string, text: string]>[] = [
  {
    da: [
      'Ydelse (benefit)',
      'En offentlig forsørgelsesydelse, fx kontanthjælp, a-dagpenge, sygedagpenge; i DREAM en kode pr. uge.',
    ],
    en: [
      'Benefit (ydelse)',
      'A public income-support benefit, e.g. social assistance, unemployment insurance benefit, sickness benefit; in DREAM one code a week.',
    ],
  },
  {
    da: [
      'Forløb (spell)',
      'En sammenhængende periode på samme ydelse; et nyt forløb begynder, når ydelsen skifter.',
    ],
    en: [
      'Spell (forløb)',
      'An unbroken period on the same benefit; a new spell begins when the benefit changes.',
    ],
  },
  {
    da: [
      'Fuldtidsperson',
      'Antal personer på en ydelse summeret over periodens uger og divideret med antallet af uger.',
    ],
    en: [
      'Full-time person (fuldtidsperson)',
      'The number of persons on a benefit summed over the weeks of the period and divided by the number of weeks.',
    ],
  },
  {
    da: [
      'Refusion',
      'Statens andel af kommunens udgift til en ydelse. Efter refusionsreformen (2016) falder den med varigheden: 80 % i uge 1-4, 40 % i uge 5-26, 30 % i uge 27-52, 20 % derefter.',
    ],
    en: [
      'Refusion (state reimbursement)',
      "The state's share of the municipality's expenditure on a benefit. Since the refusion reform (2016) it falls with the duration: 80 % in weeks 1-4, 40 % in weeks 5-26, 30 % in weeks 27-52, 20 % thereafter.",
    ],
  },
  {
    da: [
      'Refusionstrappen',
      `Trinene ovenfor. En persons uger tælles på tværs af ydelser, og tællingen starter forfra efter ${STAIRCASE_RESET.da}; ugerne behøver ikke ligge i træk.`,
    ],
    en: [
      'The refusion staircase (refusionstrappen)',
      `The steps above. A person's weeks are counted across benefits, and the count starts again after ${STAIRCASE_RESET.en}; the weeks need not be in a row.`,
    ],
  },
  {
    da: ['Medfinansiering', 'Kommunens andel af a-dagpenge, på samme trin som refusionstrappen.'],
    en: [
      'Co-financing (medfinansiering)',
      "The municipality's share of the unemployment insurance benefit (a-dagpenge), on the same steps as the refusion staircase.",
    ],
  },
  {
    da: ['Kommunens nettoudgift', 'Bruttoudgiften minus statens refusion, plus medfinansiering.'],
    en: [
      'Municipal net expenditure (kommunens nettoudgift)',
      "The gross expenditure minus the state's refusion, plus co-financing.",
    ],
  },
  {
    da: [
      'Indsats (intervention)',
      'Det, kommunen investerer i: fx virksomhedspraktik, mentor, opkvalificering.',
    ],
    en: [
      'Intervention (indsats)',
      'What the municipality invests in: e.g. work placement in a company, a mentor, upskilling.',
    ],
  },
  {
    da: [
      'Hazard ratio',
      'Hvor meget indsatsen ganger den ugentlige chance for at komme i job; 1 = ingen effekt, 1,3 = 30 % større chance hver uge.',
    ],
    en: [
      'Hazard ratio',
      'How much the intervention multiplies the weekly chance of getting into work; 1 = no effect, 1,3 = a 30 % greater chance every week.',
    ],
  },
  {
    da: [
      'Indlåsning (lock-in)',
      'Mens deltagerne er i indsatsen, søger de ofte mindre job: en hazard ratio under 1 i de første uger.',
    ],
    en: [
      'Lock-in (indlåsning)',
      'While in the intervention, participants often look less for work: a hazard ratio below 1 in the first weeks.',
    ],
  },
  {
    da: [
      'Halveringstid',
      'Efter hvor mange uger effekten er halveret; uden halveringstid er effekten varig.',
    ],
    en: [
      'Half-life (halveringstid)',
      'After how many weeks the effect is halved; without a half-life the effect lasts.',
    ],
  },
  {
    da: [
      'Nutidsværdi (NPV)',
      'Summen af de årlige nettogevinster, diskonteret til startåret med diskonteringsrenten.',
    ],
    en: [
      'Net present value (NPV, nutidsværdi)',
      'The sum of the yearly net savings, discounted to the start year at the discount rate.',
    ],
  },
  {
    da: [
      'Tilbagebetaling (payback)',
      'Den uge, hvor den akkumulerede nettogevinst bliver og forbliver positiv.',
    ],
    en: [
      'Payback (tilbagebetaling)',
      'The week in which the cumulative net saving becomes positive and stays so.',
    ],
  },
  {
    da: ['Break-even-effekt', 'Den mindste hazard ratio, hvor nutidsværdien over horisonten er mindst 0.'],
    en: [
      'Break-even effect',
      'The smallest hazard ratio at which the net present value over the horizon is at least 0.',
    ],
  },
  {
    da: [
      'Sandsynlighed for tilbagebetaling',
      'Andelen af mikrosimulationer (med usikkerhed på modellens parametre og deltagerne), hvor indsatsen betaler sig tilbage inden for horisonten.',
    ],
    en: [
      'Probability of paying back',
      "The share of microsimulations (with uncertainty in the model's parameters and the participants) in which the intervention pays back within the horizon.",
    ],
  },
  {
    da: ['Mikrosimulation', 'Personerne simuleres uge for uge en ad gangen; gentagelser giver intervaller.'],
    en: [
      'Microsimulation (mikrosimulation)',
      'The persons are simulated week by week, one at a time; repetitions give intervals.',
    ],
  },
  {
    da: ['80 %- og 95 %-interval', 'Området, som de midterste 80 % eller 95 % af simulationerne ligger i.'],
    en: ['80 % and 95 % interval', 'The range in which the middle 80 % or 95 % of the simulations lie.'],
  },
  {
    da: [
      'Borger, sagsbehandler, klynge',
      'Den person, jobcentret hjælper; den medarbejder i jobcentret, der har borgerens sag; en gruppe af sammenlignelige kommuner.',
    ],
    en: [
      'Citizen (borger), caseworker (sagsbehandler), cluster (klynge)',
      "The person the job centre helps; the job-centre employee who has the citizen's case; a group of comparable municipalities.",
    ],
  },
];

export function GlossaryPage() {
  const words = useWords();
  const language = useLanguage();
  return (
    <>
      <h1>{words('glossary')}</h1>
      <dl className="glossary">
        {TERMS.map((entry) => {
          const [term, text] = entry[language];
          return (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{text}</dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}
