/** The resultatstyring room: jobindsats' measures on the store's data (as they arrive). */
export { jobindsatsSpellsIn, weeksHoldWholeMonthSql, type PersonSpell } from './spells.ts';
