/**
 * CPR numbers (Danish personal identification numbers): DDMMYY followed by four digits. The raw
 * number must never be stored, logged or echoed, so inputs that look like one are recognised here.
 */

function isRealDate(day: number, month: number, yy: number): boolean {
  // The century is in the 7th digit's rules; a date valid in either 19YY or 20YY is accepted.
  return [1900 + yy, 2000 + yy].some((year) => {
    const d = new Date(Date.UTC(year, month - 1, day));
    return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  });
}

/** True for 10 digits (a hyphen after the sixth allowed) whose first six are a real date DDMMYY. */
export function looksLikeCpr(text: string): boolean {
  const match = /^(\d{2})(\d{2})(\d{2})-?\d{4}$/.exec(text.trim());
  if (!match) return false;
  return isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}
