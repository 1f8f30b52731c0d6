// Decoding text files whose encoding nobody told us: byte order marks, then UTF-16 without a BOM
// (recognised by its zero bytes), then valid UTF-8, then a declared charset, then chardet's guess.
// Every decoder is Node's WHATWG TextDecoder (full ICU in Node 24), so no iconv is needed; the
// reported encoding is the decoder's canonical name ('utf-8', 'utf-16le', 'windows-1252', ...).
// Note that by the WHATWG Encoding Standard 'iso-8859-1' and 'ascii' decode as windows-1252.
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';

export interface DecodedText {
  text: string;
  /** Canonical WHATWG name of the encoding used, e.g. 'utf-8', 'utf-16le', 'windows-1252'. */
  encoding: string;
}

export interface DecodeOptions {
  /** A charset declared by the container (an HTML <meta>, a MIME header); a hint, not the truth. */
  declared?: string | undefined;
}

export type Bom = { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number };

/** Enough bytes to judge an encoding; chardet and the UTF-16 test look at this much. */
const SAMPLE_BYTES = 64 * 1024;
/** The fallback when nothing else fits: the usual encoding of Western Windows exports. */
const FALLBACK_ENCODING = 'windows-1252';

export function detectBom(bytes: Uint8Array): Bom | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 without a BOM: text in Latin scripts has a zero high byte in every other position.
 * Returns the byte order when at least 30% of the code units have a zero high byte and (almost)
 * none a zero low byte.
 */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  const units = n / 2;
  if (units < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd / units >= 0.3 && zeroEven / units <= 0.05) return 'utf-16le';
  if (zeroEven / units >= 0.3 && zeroOdd / units <= 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Whether the bytes are valid UTF-8, allowing a multi-byte sequence cut off at the end (as happens
 * when a sample is taken from the start of a file).
 */
export function isUtf8Prefix(bytes: Uint8Array): boolean {
  if (isUtf8(bytes)) return true;
  // Drop an incomplete trailing sequence: up to 3 bytes after the last lead byte.
  for (let cut = 1; cut <= 3 && cut <= bytes.length; cut++) {
    const b = bytes[bytes.length - cut]!;
    if (b < 0x80) return false; // ASCII at the end: the invalidity is elsewhere
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > cut && isUtf8(bytes.subarray(0, bytes.length - cut));
    }
  }
  return false;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** The canonical WHATWG name for a label, or undefined when TextDecoder does not know it. */
function canonicalEncoding(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return undefined;
  }
}

function decodeWith(bytes: Uint8Array, label: string): DecodedText {
  const decoder = new TextDecoder(label);
  return { text: decoder.decode(bytes), encoding: decoder.encoding };
}

/** chardet's candidates that TextDecoder can decode, best first (UTF-8/16/32 are decided earlier). */
function chardetGuess(bytes: Uint8Array): string | undefined {
  const sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  for (const match of chardet.analyse(sample)) {
    if (/^(utf|ascii)/i.test(match.name)) continue;
    if (canonicalEncoding(match.name)) return match.name;
  }
  return undefined;
}

/** Decodes a whole file's bytes to a string, detecting the encoding; never throws. */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (bytes.length === 0) return { text: '', encoding: 'utf-8' };

  const bom = detectBom(bytes);
  if (bom) return decodeWith(bytes, bom.encoding); // TextDecoder drops the BOM itself

  const utf16 = guessUtf16(bytes);
  if (utf16) return decodeWith(bytes, utf16);

  const declared = canonicalEncoding(options.declared);
  const declaredLegacy = declared !== undefined && !declared.startsWith('utf-') ? declared : undefined;
  if (isUtf8Prefix(bytes)) {
    // 7-bit text reads the same in any ASCII-compatible charset, except the 7-bit ones (ISO-2022-*)
    // that the declaration may name; non-ASCII valid UTF-8 is UTF-8 whatever the label says.
    if (declaredLegacy && isAscii(bytes)) return decodeWith(bytes, declaredLegacy);
    return decodeWith(bytes, 'utf-8');
  }
  if (declaredLegacy) return decodeWith(bytes, declaredLegacy);
  return decodeWith(bytes, chardetGuess(bytes) ?? FALLBACK_ENCODING);
}

/** Control characters other than \t \n \v \f \r and ESC (ISO-2022 escapes); NUL counts. */
function isControl(code: number): boolean {
  return (code < 0x20 && (code < 0x09 || code > 0x0d) && code !== 0x1b) || code === 0x7f;
}

/**
 * Whether a sample from the start of a file looks like text: at most 1% control characters, and
 * no NUL bytes unless the sample is UTF-16 (by BOM or by its zero bytes, judged on the decoded
 * characters). UTF-8 and single/multi-byte legacy charsets pass alike. Random binary data has
 * ~11% control bytes, so 1% is a safe line.
 */
export function looksLikeText(sample: Uint8Array): boolean {
  if (sample.length === 0) return false;
  const bom = detectBom(sample)?.encoding;
  const utf16 = bom === 'utf-16le' || bom === 'utf-16be' ? bom : bom ? undefined : guessUtf16(sample);
  if (utf16) {
    const decoded = new TextDecoder(utf16).decode(sample.subarray(0, sample.length & ~1));
    let bad = 0;
    for (let i = 0; i < decoded.length; i++) {
      const code = decoded.charCodeAt(i);
      if (isControl(code) || code === 0xfffd) bad++;
    }
    return bad / Math.max(1, decoded.length) <= 0.01;
  }
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) return false;
    if (isControl(b)) controls++;
  }
  return controls / sample.length <= 0.01;
}
