/**
 * A hand-made Ydelsesrefusion file for the follow-up's tests, in the weekly file's own form
 * (Windows-1252, `;`, decimal comma, CRLF), and the amounts its lines add up to, counted by hand:
 *
 * København (101), 2026, a week in the month of its Thursday:
 * - kontanthjaelp 2026-01: W01 (Monday 29-12-2025, Thursday 1 January) 3,000 at 80 % and W05
 *   3,000 at 40 %: gross 6,000, refusion 2,400 + 1,200 = 3,600, net 2,400; one person (P1).
 * - kontanthjaelp 2026-02: W06 3,000 at 30 % ("KONTANTHJÆLP") and a correction of −500 at 30 %:
 *   gross 2,500, refusion 750, net 1,750; P1.
 * - adagpenge 2026-01: W05 5,000, co-financed 60 %: 3,000 = net; P2. 2026-02: W09 5,000 at 80 %:
 *   4,000; P2.
 * - sygedagpenge 2026-04: W14 (Monday 30 March, Thursday 2 April) reported 4,100, calculated 4,000,
 *   40 %: gross 4,000, refusion 1,600, net 2,400; P5.
 * - unmapped: "Boligstøtte" 1,000 (P3).
 * Not counted for København 2026: P1's 2025-W52 (2025), P4's line financed by Egedal.
 */

import { writeTemp } from '../cli/test-helpers.ts';
import type { Config } from '../config.ts';
import { importFile } from '../data/index.ts';

export const P = ['0101801111', '0201801112', '0301801113', '0401801114', '0501801115'] as const;

const HEADER =
  'Uge;CPR nummer;Ydelse;Finansiering Kommunenavn;Indberetning udbetalingsbeløb;Beregnet udbetalingsbeløb;' +
  'Refusionssats;Refusionsbeløb;Medfinansieringssats;Medfinansieringsbeløb';

export const HAND_MADE_LINES = [
  `22-12-2025;${P[0]};Kontanthjælp;Københavns Kommune;3000,00;3000,00;80,00;2400,00;0,00;0,00`,
  `29-12-2025;${P[0]};Kontanthjælp;Københavns Kommune;3000,00;3000,00;80,00;2400,00;0,00;0,00`,
  `26-01-2026;${P[0]};Kontanthjælp;Københavns Kommune;3000,00;3000,00;40,00;1200,00;0,00;0,00`,
  `02-02-2026;${P[0]};KONTANTHJÆLP;Københavns Kommune;3000,00;3000,00;30,00;900,00;0,00;0,00`,
  `02-02-2026;${P[0]};Kontanthjælp;Københavns Kommune;-500,00;-500,00;30,00;-150,00;0,00;0,00`,
  `26-01-2026;${P[1]};A-dagpenge;København;5000,00;5000,00;0,00;0,00;60,00;3000,00`,
  `23-02-2026;${P[1]};A-dagpenge;København;5000,00;5000,00;0,00;0,00;80,00;4000,00`,
  `26-01-2026;${P[2]};Boligstøtte;København;1000,00;1000,00;0,00;0,00;0,00;0,00`,
  `26-01-2026;${P[3]};Kontanthjælp;Egedal;9999,00;9999,00;80,00;7999,20;0,00;0,00`,
  `30-03-2026;${P[4]};Sygedagpenge;København;4100,00;4000,00;40,00;1600,00;0,00;0,00`,
];

/** Bytes of Latin-1 text (where Windows-1252 agrees with it). */
const windows1252 = (text: string) => Buffer.from(text, 'latin1');

/** Import the hand-made file into the store of `config`, writing it into `dir`. */
export async function importHandMadeRefusion(config: Config, dir: string): Promise<void> {
  const file = writeTemp(
    dir,
    'ydelsesrefusion.csv',
    windows1252([HEADER, ...HAND_MADE_LINES].join('\r\n') + '\r\n'),
  );
  await importFile(config, 'ydelsesrefusion', file);
}
