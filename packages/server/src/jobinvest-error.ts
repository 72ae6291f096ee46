/** A Jobinvestering request the data cannot answer as asked; the message says which field and what was expected. */
export class JobinvestError extends Error {
  override readonly name = 'JobinvestError';
}
