/**
 * KOMBIT's Ydelsesrefusion names its benefits in the column `Ydelse` with its own words, not the
 * catalogue's codes (RULES.md §4). This is the one table between the two: the name the file writes
 * for each benefit the municipality pays with state refusion or co-finances, and the benefit group
 * of the budget follow-up it belongs to. The generator writes the demo's file with these names and
 * the realised query (server `budget/realised.ts`) reads the store's lines through them.
 *
 * The budget's benefit groups are jobindsats' groups (`JOBINDSATS_GROUPS`: `kontanthjaelp` holds
 * the five kontanthjælp codes, `fleksjob` both fleksjob codes, …), because that is as fine as the
 * file names a benefit: KOMBIT writes "Kontanthjælp", not which rate of it. A budget made per
 * catalogue code is folded into these groups with `followUpGroupOf`.
 *
 * Status: the names are **assumed**. RULES.md §4 lists the file's columns as seen in municipal code,
 * not KOMBIT's list of `Ydelse` values, which was not available; the names below are the benefits'
 * names in law (aktivloven, sygedagpengeloven, LAB) as a municipal file is likely to write them.
 * A real file's names that are not here are reported by the follow-up as unmapped (with their
 * amounts), never dropped silently, so a municipality sees at once which name to add.
 *
 * Only the refusionsreform's benefits are here (LBK 221/2021 §§ 3-5: the staircase): the fixed
 * regimes (fleksjob before 2013, førtidspension before 1 July 2014) are settled outside
 * Ydelsesrefusion, and benefits without a scheme are not in the file at all.
 */

import { benefitOf, isBenefitCode, type BenefitCode, type SourceStatus } from '../benefits.ts';
import { JOBINDSATS_GROUPS } from '../monitoring/jobindsats-groups.ts';

export interface KombitYdelse {
  /** The text of the file's `Ydelse` column. */
  readonly name: string;
  /** The benefit group of the budget follow-up (a jobindsats group code). */
  readonly group: string;
  /** The catalogue codes written with this name (the generator's direction). */
  readonly benefits: readonly BenefitCode[];
  /** How the municipality bears it: state refusion of what it pays, or co-financing of what others pay. */
  readonly financing: 'refusion' | 'cofinancing';
  readonly source: string;
  readonly status: SourceStatus;
}

const ASSUMED =
  "the benefit's name in law as a municipal Ydelsesrefusion file is assumed to write it (KOMBIT's list of Ydelse values not seen)";

/** The names, one per group; further names a file may use for a group follow in `OTHER_NAMES`. */
export const KOMBIT_YDELSER: readonly KombitYdelse[] = (
  [
    ['A-dagpenge', 'adagpenge', ['adagpenge'], 'cofinancing'],
    [
      'Kontanthjælp',
      'kontanthjaelp',
      [
        'kontanthjaelp_forhoejet',
        'kontanthjaelp_grundsats',
        'kontanthjaelp_mindstesats',
        'kontanthjaelp_jobparat',
        'kontanthjaelp_aktivitetsparat',
      ],
      'refusion',
    ],
    ['Uddannelseshjælp', 'uddannelseshjaelp', ['uddannelseshjaelp'], 'refusion'],
    [
      'Selvforsørgelses- og hjemrejseydelse',
      'selvforsoergelsesydelse',
      ['selvforsoergelsesydelse'],
      'refusion',
    ],
    ['Sygedagpenge', 'sygedagpenge', ['sygedagpenge'], 'refusion'],
    ['Ressourceforløbsydelse under jobafklaringsforløb', 'jobafklaring', ['jobafklaring'], 'refusion'],
    ['Ressourceforløbsydelse', 'ressourceforloeb', ['ressourceforloeb'], 'refusion'],
    ['Revalideringsydelse', 'revalidering', ['revalidering'], 'refusion'],
    ['Ledighedsydelse', 'ledighedsydelse', ['ledighedsydelse'], 'refusion'],
    ['Fleksløntilskud', 'fleksjob', ['fleksjob'], 'refusion'],
    ['Førtidspension', 'foertidspension', ['foertidspension'], 'cofinancing'],
  ] as const
).map(([name, group, benefits, financing]) => ({
  name,
  group,
  benefits,
  financing,
  source: ASSUMED,
  status: 'assumed' as const,
}));

/** Other names a file may give a group (assumed as the table's): the older and the longer forms. */
const OTHER_NAMES: Readonly<Record<string, readonly string[]>> = {
  adagpenge: ['Arbejdsløshedsdagpenge', 'Dagpenge', 'Midlertidig arbejdsmarkedsydelse'],
  selvforsoergelsesydelse: ['Overgangsydelse', 'Selvforsørgelsesydelse', 'Hjemrejseydelse'],
  jobafklaring: ['Jobafklaringsforløb'],
  revalidering: ['Revalidering'],
  fleksjob: ['Fleksjob'],
};

/** A name as compared: lower case, spaces collapsed. */
export function kombitKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Every name the follow-up reads (the table's and the other names), by its key, with its group and financing. */
export const KOMBIT_NAMES: readonly { key: string; group: string; financing: KombitYdelse['financing'] }[] =
  KOMBIT_YDELSER.flatMap((y) =>
    [y.name, ...(OTHER_NAMES[y.group] ?? [])].map((name) => ({
      key: kombitKey(name),
      group: y.group,
      financing: y.financing,
    })),
  );

/** The table's entry for a name of the file (case and spacing ignored), or `null` for a name it lacks. */
export function kombitYdelseOfName(name: string): KombitYdelse | null {
  const found = KOMBIT_NAMES.find((n) => n.key === kombitKey(name));
  return found ? KOMBIT_YDELSER.find((y) => y.group === found.group)! : null;
}

/** The name the file writes for a week on a catalogue code, or `null` when such a week is not in the file. */
export function kombitYdelseOf(code: BenefitCode): KombitYdelse | null {
  return KOMBIT_YDELSER.find((y) => y.benefits.includes(code)) ?? null;
}

/**
 * The follow-up's group of a budget line's benefit: a catalogue code becomes the jobindsats group
 * holding it (`kontanthjaelp_grundsats` → `kontanthjaelp`); a group's code stays as it is.
 */
export function followUpGroupOf(benefit: string): string {
  const group = JOBINDSATS_GROUPS.find(
    (g) => g.code !== 'all' && g.benefits.includes(benefit as BenefitCode),
  );
  return group?.code ?? benefit;
}

/** The group's name for people (jobindsats' name of it, or a catalogue code's Danish name), or the code where it is neither. */
export function followUpGroupName(group: string): string {
  const found = JOBINDSATS_GROUPS.find((g) => g.code === group);
  if (found) return found.name;
  if (isBenefitCode(group)) return benefitOf(group).nameDa;
  const benefit = KOMBIT_YDELSER.find((y) => y.group === group)?.benefits[0];
  return benefit ? benefitOf(benefit).nameDa : group;
}
