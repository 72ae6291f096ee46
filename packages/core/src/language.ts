/**
 * The languages results speak to people in: Danish for the web app and the council's report,
 * English for the CLI and for API clients that do not ask for Danish (the default everywhere).
 *
 * Every sentence is written once per language, the two side by side where the sentence is made, so
 * that a change to one is seen beside the other; a function that writes sentences takes a
 * `language` and picks with `sayIn`. Danish sentences format numbers as format.ts does.
 */

export type Language = 'da' | 'en';

/** A sentence for people, in both languages. */
export interface Sentence {
  readonly da: string;
  readonly en: string;
}

/** Picks sentences in `language`: `const say = sayIn(language); say({ da: '…', en: '…' })`. */
export function sayIn(language: Language): (sentence: Sentence) => string {
  return (sentence) => sentence[language];
}

/** The text with its first letter in upper case, for a name that starts a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
