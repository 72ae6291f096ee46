/** The synthetic population generator's pure part: model, random streams, persons and their weeks. */

export * from './initial-shares.ts';
export * from './model.ts';
export * from './municipalities.ts';
export * from './pnr.ts';
export * from './peer-extract.ts';
export * from './population.ts';
export * from './random.ts';
export * from './ydelsesrefusion.ts';
