// CSV cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
// are neutralised with a leading apostrophe: every export that a person may open in Excel uses this.
const FORMULA_START = /^[=+\-@\t\r]/u;
/**
 * A phone number written with a country code ("+44 20 7946 0958", "+4930123456") or a negative number
 * ("-5", "-12.50") starts like a formula but can name no function, cell or link and computes nothing: left
 * as written, so the CRM it goes back to does not store an apostrophe. ("+1-555-0100" would compute: it is
 * neutralised.)
 */
const PLAIN_NUMBER = /^(?:\+[\d ]+|-\d+(?:[.,]\d+)?)$/u;

/** A text cell made safe to open in a spreadsheet: formulas are shown as text, never run. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
