/**
 * The default DREAM code map: DREAM's weekly benefit codes (ydelseskoder) onto the catalogue's
 * benefit groups. STAR's official code list was not available when this map was written
 * (RULES.md §4), so every entry is `assumed` until someone checks it against the list; users edit
 * the map (`jobinvest codes`, `--codes FILE`) rather than the code. An empty DREAM cell means no
 * benefit that week (job / self-support) and is not in the map. A code missing from the map is
 * reported with its count on import, never dropped silently. A code of a group that has ended
 * (benefit-rules.ts: the groups merged into the kontanthjælp of 1 July 2025) met in a week after its
 * end is read as the group's successor, and the import says how many weeks it read so.
 */

import type { BenefitCode } from './benefits.ts';

export type CodeStatus = 'verified' | 'assumed';

export interface DreamCode {
  /** DREAM's code as it appears in the `y_YYWW` cells. */
  readonly code: string;
  readonly benefit: BenefitCode;
  /** What the code means, in DREAM's own (Danish) terms as far as known. */
  readonly label: string;
  readonly status: CodeStatus;
}

const code = (c: string, benefit: BenefitCode, label: string): DreamCode => ({
  code: c,
  benefit,
  label,
  status: 'assumed',
});

export const DEFAULT_DREAM_CODES: readonly DreamCode[] = [
  code('111', 'adagpenge', 'A-dagpenge, ledig'),
  code('112', 'adagpenge', 'A-dagpenge, delvis ledig'),
  code('113', 'adagpenge', 'A-dagpenge, aktivering'),
  code('114', 'adagpenge', 'A-dagpenge, uddannelse'),
  code('115', 'adagpenge', 'Midlertidig arbejdsmarkedsydelse'),
  code('130', 'kontanthjaelp_jobparat', 'Kontanthjælp, jobparat'),
  code('131', 'kontanthjaelp_aktivitetsparat', 'Kontanthjælp, aktivitetsparat'),
  code('132', 'uddannelseshjaelp', 'Uddannelseshjælp'),
  code('133', 'selvforsoergelsesydelse', 'Selvforsørgelses- og hjemrejseydelse / overgangsydelse'),
  code('134', 'kontanthjaelp_aktivitetsparat', 'Kontanthjælp, aktivering'),
  // The kontanthjælp of 1 July 2025 (lov nr. 1655 af 30/12/2024): STAR's codes for its rates were
  // not available either; these are assumed, like the rest, until checked against the code list.
  code('135', 'kontanthjaelp_forhoejet', 'Kontanthjælp, forhøjet sats (fra 1. juli 2025)'),
  code('136', 'kontanthjaelp_grundsats', 'Kontanthjælp, grundsats og hjemmeboendesats (fra 1. juli 2025)'),
  code('137', 'kontanthjaelp_mindstesats', 'Kontanthjælp, mindstesats (fra 1. juli 2025)'),
  code('601', 'revalidering', 'Revalidering'),
  code('602', 'revalidering', 'Forrevalidering'),
  code('611', 'foertidspension_foer2014', 'Førtidspension, tilkendt før 1. juli 2014'),
  code('612', 'foertidspension', 'Førtidspension, tilkendt fra 1. juli 2014'),
  code('621', 'efterloen', 'Efterløn'),
  code('651', 'su', 'SU, videregående uddannelse'),
  code('652', 'su', 'SU, ungdomsuddannelse'),
  code('661', 'fleksjob', 'Fleksjob (fleksløntilskud)'),
  code('662', 'fleksjob_foer2013', 'Fleksjob, visiteret før 2013'),
  code('663', 'ledighedsydelse', 'Ledighedsydelse'),
  code('671', 'ressourceforloeb', 'Ressourceforløb'),
  code('672', 'jobafklaring', 'Jobafklaringsforløb'),
  code('881', 'anden_forsoergelse', 'Barselsdagpenge'),
  code('890', 'sygedagpenge', 'Sygedagpenge'),
  code('711', 'anden_forsoergelse', 'Folkepension'),
  code('701', 'anden_forsoergelse', 'Orlov'),
  code('997', 'out', 'Udvandret'),
  code('998', 'out', 'Død'),
];
