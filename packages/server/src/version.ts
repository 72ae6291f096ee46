import pkg from '../package.json' with { type: 'json' };

/** The product's version, from the server package. */
export const VERSION: string = pkg.version;
