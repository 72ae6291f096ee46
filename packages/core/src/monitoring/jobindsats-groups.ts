/**
 * Other municipalities' figures, as jobindsats.dk publishes them (RULES.md §5): aggregates per
 * municipality, benefit group and period, never persons. What the figures are called here, so that
 * the importer, the generator and the pages that compare a municipality with its peers say the same.
 *
 * jobindsats reports coarser groups than the catalogue's (benefits.ts): "Kontanthjælp" holds the
 * five kontanthjælp codes, "Fleksjob" both fleksjob codes, "Førtidspension" both førtidspension
 * codes. A peer figure's benefit is therefore a **jobindsats group**, named by the catalogue's
 * `jobindsatsGroup` and coded by the catalogue codes it holds: the code itself for a group of one
 * code, the codes' common stem for a group of several (`kontanthjaelp`, `fleksjob`,
 * `foertidspension`), and `all` for all of them together. A group holds the catalogue codes of
 * public income support and the wage-subsidised fleksjob, as jobindsats' "offentligt forsørgede"
 * does; "Øvrige" (parental leave, state pension, …), SU, job and leaving the population are not
 * jobindsats groups and have no peer figures.
 */

import { currentGroup } from '../benefit-rules.ts';
import { BENEFIT_CODES, BENEFITS, type BenefitCode } from '../benefits.ts';

/** A jobindsats benefit group: its code, its name on jobindsats and the catalogue codes it holds. */
export interface JobindsatsGroup {
  readonly code: string;
  readonly name: string;
  readonly benefits: readonly BenefitCode[];
}

/** The code of a group of catalogue codes: the parts (split at `_`) every code begins with. */
function stemOf(codes: readonly string[]): string {
  const parts = codes.map((c) => c.split('_'));
  const stem: string[] = [];
  for (let k = 0; parts.every((p) => p[k] !== undefined && p[k] === parts[0]![k]); k++)
    stem.push(parts[0]![k]!);
  return stem.join('_');
}

const grouped = new Map<string, BenefitCode[]>();
for (const b of BENEFITS) {
  if (!(b.publicSupport || b.wageSubsidised) || b.code === 'anden_forsoergelse') continue;
  grouped.set(b.jobindsatsGroup, [...(grouped.get(b.jobindsatsGroup) ?? []), b.code]);
}

/** The groups jobindsats reports, in the catalogue's order, then `all`. */
export const JOBINDSATS_GROUPS: readonly JobindsatsGroup[] = [
  ...[...grouped].map(([name, benefits]) => ({ code: stemOf(benefits), name, benefits })),
  { code: 'all', name: 'Offentligt forsørgede i alt', benefits: [...grouped.values()].flat() },
];

/**
 * Other names jobindsats gives its groups, in its tables, downloads and API (as seen in 2024-2025:
 * the databank's menu, Y30R21's `Ydelsesgrupper`); a name ending in " mv." is read without it.
 */
const OTHER_NAMES: Readonly<Record<string, readonly string[]>> = {
  selvforsoergelsesydelse: [
    'Selvforsørgelses- og hjemrejseydelse',
    'Selvforsørgelses- og hjemrejseydelse samt overgangsydelse',
  ],
  revalidering: ['Forrevalidering og revalidering', 'Revalidering og forrevalidering'],
  efterloen: ['Efterløn', 'Tilbagetrækningsydelser'],
  all: ['I alt', 'Ydelsesgrupper i alt', 'Alle ydelser under ét', 'Offentligt forsørgede'],
};

const nameKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ mv\.?$/, '');

const GROUP_OF_NAME = new Map<string, string>();
for (const g of JOBINDSATS_GROUPS) {
  const names = [g.name, ...(OTHER_NAMES[g.code] ?? [])];
  // A group of one catalogue code is also known by the code's Danish name ("Revalidering / forrevalidering").
  if (g.benefits.length === 1) names.push(BENEFITS.find((b) => b.code === g.benefits[0])!.nameDa);
  for (const name of names) GROUP_OF_NAME.set(nameKey(name), g.code);
}

/** The names a jobindsats group is read by, for messages: each group's jobindsats name. */
export const JOBINDSATS_GROUP_NAMES: readonly string[] = JOBINDSATS_GROUPS.map((g) => g.name);

/**
 * The code of the jobindsats group a name stands for ("Kontanthjælp", "A-dagpenge mv.", "Sygedagpenge
 * mv.", "I alt"), case and spacing aside; undefined for a name that is not one.
 */
export function jobindsatsGroupOf(name: string): string | undefined {
  return GROUP_OF_NAME.get(nameKey(name));
}

/** The figures stored for a municipality, group and period (`peer_figures.measure`). */
export const PEER_MEASURES = [
  'fullTimePersons',
  'persons',
  /** Full-time persons as a fraction (0-1) of the labour force aged 16-66. */
  'shareOfLabourForce',
  'averageDurationWeeks',
  /** Fraction (0-1) of ended spells in employment 3 months after. */
  'shareInWorkAfter3Months',
  /** Fraction (0-1). */
  'activationRate',
  /** Y30R21: the full-time persons expected from the municipality's composition. */
  'expectedFullTimePersons',
  'labourForce',
  'population16to66',
] as const;
export type PeerMeasure = (typeof PEER_MEASURES)[number];

/** Measures that are fractions from 0 to 1 (jobindsats writes them in percent). */
export const FRACTION_MEASURES: ReadonlySet<PeerMeasure> = new Set([
  'shareOfLabourForce',
  'shareInWorkAfter3Months',
  'activationRate',
]);

/** The states that are no public benefit: work or self-support, education (SU), out of the population. */
export const NOT_PUBLIC_SUPPORT = ['job', 'su', 'out'] as const;

/**
 * jobindsats' groups of several of today's groups, and `all`: their measures count the union of their
 * groups' weeks. Where such a group has the name of one of its groups (`fleksjob` holds fleksjob and
 * fleksjob_foer2013), the name means the jobindsats group.
 */
export function multiCodeGroups(): JobindsatsGroup[] {
  return JOBINDSATS_GROUPS.filter((g) => g.code === 'all' || g.benefits.length > 1);
}

/** The groups of the store's spells that a measure of `group` (a group, or a jobindsats group of several) counts. */
export function groupBenefits(group: string): readonly string[] {
  return multiCodeGroups().find((g) => g.code === group)?.benefits ?? [group];
}

/**
 * The groups resultatstyring's measures are asked for: all public support as jobindsats counts it,
 * jobindsats' groups of several of ours (kontanthjælp, fleksjob, førtidspension), and every group
 * in force but the states that are no benefit.
 */
export const MEASURE_BENEFITS: readonly string[] = [
  ...new Set([
    'all',
    ...multiCodeGroups().map((g) => g.code),
    ...BENEFIT_CODES.filter(
      (code) => currentGroup(code) === code && !(NOT_PUBLIC_SUPPORT as readonly string[]).includes(code),
    ),
  ]),
];
