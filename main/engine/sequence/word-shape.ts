// What a word looks like, independent of which word it is: its shape (Xxxx, dd/dd/dddd), and flags for
// numbers, amounts, dates, times, currencies, URLs, e-mail addresses, mentions and hashtags.

/** Character classes: X upper, x lower, d digit, other characters kept; runs longer than 4 capped at 4. */
export function wordShape(word: string): string {
  let out = '';
  let previous = '';
  let run = 0;
  for (const ch of word) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}|\p{Lo}/u.test(ch) ? 'x' : /\p{Nd}/u.test(ch) ? 'd' : ch;
    run = c === previous ? run + 1 : 1;
    previous = c;
    if (run <= 4) out += c;
  }
  return out;
}

/** The shape with every run collapsed to one character: Xx, d/d/d, X.X. */
export function shortShape(word: string): string {
  return wordShape(word).replace(/(.)\1+/gu, '$1');
}

const CURRENCY = new Set([
  '$',
  '€',
  '£',
  '¥',
  '₹',
  'rm',
  'usd',
  'eur',
  'gbp',
  'myr',
  'sgd',
  'chf',
  'jpy',
  'aud',
  'cad',
]);
const MONTHS =
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?$/i;

/** Pattern flags of a word (feature names without the namespace). */
export function wordFlags(word: string): string[] {
  const flags: string[] = [];
  const lower = word.toLowerCase();
  if (/^\p{Lu}+$/u.test(word)) flags.push('allcaps');
  else if (/^\p{Lu}\p{Ll}+$/u.test(word)) flags.push('title');
  else if (/^\p{Ll}+$/u.test(word)) flags.push('lower');
  else if (/\p{Lu}/u.test(word.slice(1)) && /\p{Ll}/u.test(word)) flags.push('mixedcase');
  if (/\d/.test(word)) flags.push('hasdigit');
  if (/^\d+$/.test(word)) flags.push(`int${Math.min(word.length, 6)}`);
  if (/^[-+]?\$?(rm)?\d{1,3}([,.\s]?\d{3})*[.,]\d{2}$/i.test(word)) flags.push('amount');
  else if (/^[-+]?\d+([.,]\d+)?$/.test(word)) flags.push('number');
  if (/^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/.test(word) || /^\d{8}$/.test(word)) flags.push('date');
  if (MONTHS.test(word)) flags.push('month');
  if (/^\d{1,2}:\d{2}(:\d{2})?([ap]m)?$/i.test(word)) flags.push('time');
  if (CURRENCY.has(lower)) flags.push('currency');
  if (/^[\p{P}\p{S}]+$/u.test(word)) flags.push('punct');
  if (/^(https?:|www\.)/i.test(word)) flags.push('url');
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(word)) flags.push('email');
  else if (/^@\w+/.test(word)) flags.push('mention');
  if (/^#\w+/.test(word)) flags.push('hashtag');
  if (/[-/&.]/.test(word) && word.length > 1 && !flags.includes('punct')) flags.push('inner-punct');
  return flags;
}

/** Word length bucket: 1, 2, 3, 4-5, 6-8, 9+. */
export function lengthBucket(word: string): string {
  const n = [...word].length;
  return n <= 3 ? String(n) : n <= 5 ? '4-5' : n <= 8 ? '6-8' : '9+';
}
