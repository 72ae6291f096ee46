/**
 * The language a request's sentences for people (assumptions, reasons) are written in: Danish when
 * the first tag of its Accept-Language is Danish (`da`, `da-DK`), else English, the API's default.
 * The first tag rather than the q-values: browsers put the user's own language first.
 */

import type { Language } from '@jobinvest/core';

export function requestLanguage(request: Request): Language {
  const first = request.headers.get('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
  return first?.split('-')[0]?.toLowerCase() === 'da' ? 'da' : 'en';
}
