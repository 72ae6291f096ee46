/**
 * The importer (stager) of each import kind. Every kind is described, with its columns and its
 * replacement rule, in the module comment of its stager.
 */

import type { DreamCode } from '@jobinvest/core';
import { caseworkersStager } from './caseworkers.ts';
import { contactsStager } from './contacts.ts';
import { dreamStager } from './dream.ts';
import { frameworkStager } from './framework.ts';
import type { ImportKind, Stager } from './import-run.ts';
import { interventionsStager } from './interventions.ts';
import { jobindsatsStager } from './jobindsats.ts';
import { measurementsStager } from './measurements.ts';
import { municipalitiesStager } from './municipalities.ts';
import { personWeeksStager } from './person-weeks.ts';
import { personsStager } from './persons.ts';
import { spellsStager } from './spells.ts';
import { ydelsesrefusionStager } from './ydelsesrefusion.ts';

/** The stager for `kind`; `codes` is the DREAM code map in force (used by `dream` only). */
export function stagerFor(kind: ImportKind, options: { readonly codes: readonly DreamCode[] }): Stager {
  switch (kind) {
    case 'dream':
      return dreamStager(options.codes);
    case 'person-weeks':
      return personWeeksStager();
    case 'spells':
      return spellsStager();
    case 'ydelsesrefusion':
      return ydelsesrefusionStager();
    case 'persons':
      return personsStager();
    case 'municipalities':
      return municipalitiesStager();
    case 'interventions':
      return interventionsStager();
    case 'caseworkers':
      return caseworkersStager();
    case 'contacts':
      return contactsStager();
    case 'jobindsats':
      return jobindsatsStager();
    case 'framework':
      return frameworkStager();
    case 'measurements':
      return measurementsStager();
  }
}
