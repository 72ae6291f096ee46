/**
 * A request the data cannot answer as asked: an unknown municipality, a week outside the data, an
 * empty target group. The message says which field and what was expected; HTTP answers it with 422,
 * with `details` (the field and the bound it broke, e.g. `{ field: 'participants', max: 51 }`) when
 * given.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly details?: readonly Readonly<Record<string, unknown>>[];
  /** What kind of refusal it is, for a page to say in its own words (`no-peer-figures`); the body's `code`. */
  readonly code?: string;

  constructor(
    message: string,
    options: { details?: readonly Readonly<Record<string, unknown>>[]; code?: string } = {},
  ) {
    super(message);
    if (options.details) this.details = options.details;
    if (options.code) this.code = options.code;
  }
}
