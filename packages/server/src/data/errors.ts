/**
 * A request the data cannot answer as asked: an unknown municipality, a week outside the data, an
 * empty target group. The message says which field and what was expected; HTTP answers it with 422,
 * with `details` (the field and the bound it broke, e.g. `{ field: 'participants', max: 51 }`) when
 * given.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly details?: readonly Readonly<Record<string, unknown>>[];

  constructor(message: string, options: { details?: readonly Readonly<Record<string, unknown>>[] } = {}) {
    super(message);
    if (options.details) this.details = options.details;
  }
}
