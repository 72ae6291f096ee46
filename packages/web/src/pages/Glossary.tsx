/** Ordliste: the terms the app uses, each explained once (DESIGN.md's conventions). */

import { useWords } from '../i18n.tsx';

const TERMS: [string, string][] = [
  [
    'Ydelse (benefit)',
    'En offentlig forsørgelsesydelse, fx kontanthjælp, a-dagpenge, sygedagpenge; i DREAM en kode pr. uge.',
  ],
  [
    'Forløb (spell)',
    'En sammenhængende periode på samme ydelse; et nyt forløb begynder, når ydelsen skifter.',
  ],
  [
    'Fuldtidsperson',
    'Antal personer på en ydelse summeret over periodens uger og divideret med antallet af uger.',
  ],
  [
    'Refusion',
    'Statens andel af kommunens udgift til en ydelse. Efter refusionsreformen (2016) falder den med varigheden: 80 % i uge 1-4, 40 % i uge 5-26, 30 % i uge 27-52, 20 % derefter.',
  ],
  [
    'Refusionstrappen',
    'Trinene ovenfor. En persons uger tælles på tværs af ydelser, og tællingen starter forfra efter 52 ugers selvforsørgelse inden for 3 år.',
  ],
  ['Medfinansiering', 'Kommunens andel af a-dagpenge, på samme trin som refusionstrappen.'],
  ['Kommunens nettoudgift', 'Bruttoudgiften minus statens refusion, plus medfinansiering.'],
  ['Indsats (intervention)', 'Det, kommunen investerer i: fx virksomhedspraktik, mentor, opkvalificering.'],
  [
    'Hazard ratio',
    'Hvor meget indsatsen ganger den ugentlige chance for at komme i job; 1 = ingen effekt, 1,3 = 30 % større chance hver uge.',
  ],
  [
    'Fastholdelse (lock-in)',
    'Mens deltagerne er i indsatsen, søger de ofte mindre job: en hazard ratio under 1 i de første uger.',
  ],
  ['Halveringstid', 'Efter hvor mange uger effekten er halveret; uden halveringstid er effekten varig.'],
  [
    'Nutidsværdi (NPV)',
    'Summen af de årlige nettogevinster, diskonteret til startåret med diskonteringsrenten.',
  ],
  ['Tilbagebetaling (payback)', 'Den uge, hvor den akkumulerede nettogevinst bliver og forbliver positiv.'],
  ['Break-even-effekt', 'Den mindste hazard ratio, hvor nutidsværdien over horisonten er mindst 0.'],
  [
    'Sandsynlighed for tilbagebetaling',
    'Andelen af mikrosimulationer (med usikkerhed på modellens parametre og deltagerne), hvor indsatsen betaler sig tilbage inden for horisonten.',
  ],
  ['Mikrosimulation', 'Personerne simuleres uge for uge en ad gangen; gentagelser giver intervaller.'],
  ['80 %- og 95 %-interval', 'Området, som de midterste 80 % eller 95 % af simulationerne ligger i.'],
  ['Borger, sagsbehandler, klynge', 'Citizen, caseworker, and a group of comparable municipalities.'],
];

export function GlossaryPage() {
  const words = useWords();
  return (
    <>
      <h1>{words('glossary')}</h1>
      <dl className="glossary">
        {TERMS.map(([term, text]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
