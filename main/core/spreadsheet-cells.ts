// CSV cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
// are neutralised with a leading apostrophe: every export that a person may open in Excel uses this.
const FORMULA_START = /^[=+\-@\t\r]/u;

/** A text cell made safe to open in a spreadsheet: formulas are shown as text, never run. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
