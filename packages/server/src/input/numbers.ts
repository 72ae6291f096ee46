/**
 * Numbers as people type them in Danish files: "1.234,50" (thousands dot, decimal comma) as well as
 * "1234.50" and "1234,5". Danish first: a dot followed by exactly three digits and no comma is a
 * thousands separator ("21.092" is 21092), unless the integer part is 0 ("0.035"). Spaces, also
 * non-breaking ones, are ignored.
 */
export function parseNumber(text: string): number | null {
  const s = text.replace(/[\s\u00a0]/g, '');
  if (s === '') return null;
  let normal: string;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    normal = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    normal = /^[+-]?\d{1,3}(,\d{3}){2,}$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (/^[+-]?[1-9]\d{0,2}(\.\d{3})+$/.test(s)) {
    normal = s.replace(/\./g, '');
  } else {
    normal = s;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normal)) return null;
  const x = Number(normal);
  return Number.isFinite(x) ? x : null;
}
