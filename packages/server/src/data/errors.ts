/**
 * A request the data cannot answer as asked: an unknown municipality, a week outside the data, an
 * empty target group. The message says which field and what was expected; HTTP answers it with 422.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
}
