export * from './benefits.ts';
export * from './finance.ts';
export * from './flexjob.ts';
export * from './format.ts';
export * from './rates.ts';
export * from './refusion.ts';
export * from './weeks.ts';
export * from './dream-codes.ts';
