/**
 * A municipality as statistics extracts name it: "Egedal", "Egedal Kommune", "Københavns Kommune",
 * "101 København" or the code alone, "101", read against the 98 municipalities' codes and names
 * (core's `MUNICIPALITIES`). Areas above a municipality ("Hele landet", a region, a RAR area or a
 * landsdel) are aggregates, not errors: the importers skip their rows and count them.
 */

import { MUNICIPALITIES } from '@jobinvest/core';
import { FieldError } from './staging.ts';

const key = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

const CODE_OF_NAME = new Map(MUNICIPALITIES.map((m) => [key(m.name), m.code]));
const NAME_OF_CODE = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));

const AGGREGATE = /^(hele landet|landet i alt|i alt|region |rar |landsdel )/;

export const MUNICIPALITY_FORMAT =
  'one of the 98 municipalities by name or code, such as "Egedal", "Egedal Kommune", "101 København" or "101" ("Hele landet" and regions are skipped)';

/** The code of a name without "Kommune"; a genitive ("Københavns", "Bornholms") is read without its s. */
function codeOfName(name: string): number | undefined {
  const bare = key(name)
    .replace(/^jobcenter /, '')
    .replace(/ (regions)?kommune$/, '');
  return CODE_OF_NAME.get(bare) ?? (bare.endsWith('s') ? CODE_OF_NAME.get(bare.slice(0, -1)) : undefined);
}

/**
 * The municipality code of an area's name (see the module comment); null for an aggregate area.
 * Throws `FieldError` for anything else, and for a code and name that are not one municipality.
 */
export function parseMunicipality(text: string): number | null {
  const name = key(text);
  if (AGGREGATE.test(name)) return null;
  const coded = /^(\d{1,4})(?:\s+(.+))?$/.exec(name);
  if (coded) {
    const code = Number(coded[1]);
    if (!NAME_OF_CODE.has(code)) throw new FieldError(MUNICIPALITY_FORMAT);
    if (coded[2] !== undefined && codeOfName(coded[2]) !== code)
      throw new FieldError(`the code and the name of one municipality (${code} is ${NAME_OF_CODE.get(code)})`);
    return code;
  }
  const code = codeOfName(name);
  if (code === undefined) throw new FieldError(MUNICIPALITY_FORMAT);
  return code;
}

/** The municipality code of a name as `parseMunicipality` reads it; `null` for an aggregate or a name that is no municipality. */
export function municipalityCodeOfName(text: string): number | null {
  try {
    return parseMunicipality(text);
  } catch (error) {
    if (error instanceof FieldError) return null;
    throw error;
  }
}
