/** The resultatstyring room: jobindsats' measures on the store's data. */
export { jobindsatsSpellsIn, type PersonSpell } from './spells.ts';
