// What the models read of a record, and the language a ticket is written in.
import { franc } from 'franc-min';
import type { RecordType } from './types.ts';

/** Models read at most this much of a record: the start of a long thread says what it is about. */
const MAX_MODEL_CHARS = 4000;

export interface RecordTextParts {
  recordType: RecordType;
  subject: string | null;
  body: string | null;
  company?: string | null;
  name?: string | null;
}

/**
 * Tickets and notes: subject and body. Contacts and accounts: the company and the notes (names and
 * addresses say nothing about interest or risk, and would only let a model memorise people).
 */
export function modelText(r: RecordTextParts): string {
  const parts =
    r.recordType === 'contact' || r.recordType === 'account'
      ? [r.subject, r.company, r.body]
      : [r.subject, r.body];
  return parts
    .filter((p): p is string => !!p && p.trim() !== '')
    .join('\n')
    .slice(0, MAX_MODEL_CHARS);
}

// franc names languages with ISO 639-3 codes; the window shows the usual two-letter ones.
const TWO_LETTER: Record<string, string> = {
  eng: 'en',
  deu: 'de',
  fra: 'fr',
  nld: 'nl',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  pol: 'pl',
  swe: 'sv',
  dan: 'da',
  nob: 'no',
  fin: 'fi',
  ces: 'cs',
  ron: 'ro',
  hun: 'hu',
  tur: 'tr',
  rus: 'ru',
  ukr: 'uk',
  ell: 'el',
  arb: 'ar',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
};

const LANGUAGES = Object.keys(TWO_LETTER);

/** The language of a text (two-letter code), or null when it is too short to tell. */
export function detectRecordLanguage(text: string): string | null {
  // Only languages a business writes in: on short texts franc otherwise drifts to rare neighbours (Scots).
  // 300 characters name a language as well as the whole text, at a fraction of the time.
  const code = franc(text.slice(0, 300), { minLength: 20, only: LANGUAGES });
  if (code === 'und') return null;
  return TWO_LETTER[code] ?? code;
}
