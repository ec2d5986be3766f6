// Display formatting. Money arrives as integer minor units and is turned into a decimal string
// digit by digit (never through floating point) before Intl formats it.
const locale = undefined; // the browser's

const integer = new Intl.NumberFormat(locale);

export function count(value) {
  return value === null || value === undefined ? '—' : integer.format(value);
}

function fractionDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
  } catch {
    return 2;
  }
}

export function money(minor, currency) {
  if (minor === null || minor === undefined || !currency) return '—';
  const digits = fractionDigits(currency);
  const text = String(minor);
  const negative = text.startsWith('-');
  const magnitude = (negative ? text.slice(1) : text).padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = digits > 0 ? '.' + magnitude.slice(magnitude.length - digits) : '';
  const decimal = (negative ? '-' : '') + whole + fraction;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(decimal);
}

/** A rate given as a decimal string ("0.0412") as a percentage ("4.12 %"). */
export function rate(value) {
  if (value === null || value === undefined || value === '') return '—';
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  }).format(value);
}

/** "3 s ago", "2 min ago", "1 h ago". */
export function ago(milliseconds) {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}
