/** Colours with readable contrast on white, one per series in order (screen and report alike). */
export const PALETTE = [
  '#1f5fa8',
  '#c2410c',
  '#15803d',
  '#7e22ce',
  '#b91c1c',
  '#0e7490',
  '#a16207',
  '#be185d',
  '#4d7c0f',
  '#475569',
  '#1e3a8a',
  '#9a3412',
];
