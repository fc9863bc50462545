/** Digits after the decimal point of a currency's major unit: 2 for EUR, 0 for JPY, 3 for KWD. */
function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units as a plain decimal in major units (1234 EUR → "12.34"), exact at any size, never rounded. */
export function toMajor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits ? `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}` : `${sign}${text}`;
}

/** For messages: "EUR 12.34". */
export const formatMoney = (minor: number, currency: string): string => `${currency} ${toMajor(minor, currency)}`;
