// Decoding text whose encoding is not declared: BOMs, UTF-16 without BOM, UTF-8, Windows-1252.
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  detectBom,
  guessUtf16,
  isUtf8Prefix,
  looksLikeText,
} from '../../main/documents/text-encoding.ts';

const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const cat = (...parts: Array<ArrayLike<number>>) => new Uint8Array(parts.flatMap((part) => Array.from(part)));

// "Café Müller 5 €" in Windows-1252: é = E9, ü = FC, € = 80.
const cafe1252 = new Uint8Array([
  0x43, 0x61, 0x66, 0xe9, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x35, 0x20, 0x80,
]);

describe('decodeText', () => {
  it('uses a UTF-8 BOM and drops it', () => {
    const result = decodeText(cat([0xef, 0xbb, 0xbf], new TextEncoder().encode('Café')));
    expect(result).toEqual({ text: 'Café', encoding: 'utf-8' });
  });

  it('uses UTF-16LE and UTF-16BE BOMs', () => {
    expect(decodeText(cat([0xff, 0xfe], utf16le('Grüße €')))).toEqual({
      text: 'Grüße €',
      encoding: 'utf-16le',
    });
    expect(decodeText(cat([0xfe, 0xff], utf16be('Grüße €')))).toEqual({
      text: 'Grüße €',
      encoding: 'utf-16be',
    });
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(decodeText(utf16le('Invoice 42, total 10 €'))).toEqual({
      text: 'Invoice 42, total 10 €',
      encoding: 'utf-16le',
    });
    expect(decodeText(utf16be('Invoice 42'))).toEqual({ text: 'Invoice 42', encoding: 'utf-16be' });
  });

  it('takes valid UTF-8 as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Ærø – 東京 €'))).toEqual({
      text: 'Ærø – 東京 €',
      encoding: 'utf-8',
    });
  });

  it('falls back to detection for Windows-1252 (é, ü and € decode correctly)', () => {
    expect(decodeText(cafe1252)).toEqual({ text: 'Café Müller 5 €', encoding: 'windows-1252' });
  });

  it('follows a declared legacy charset for non-UTF-8 bytes, but not over valid UTF-8', () => {
    // "Привет" in windows-1251
    const cp1251 = new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
    expect(decodeText(cp1251, { declared: 'windows-1251' })).toEqual({
      text: 'Привет',
      encoding: 'windows-1251',
    });
    expect(decodeText(new TextEncoder().encode('Café'), { declared: 'iso-8859-1' }).text).toBe('Café');
    expect(decodeText(cafe1252, { declared: 'no-such-charset' }).text).toBe('Café Müller 5 €');
  });

  it('returns an empty string for no bytes', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('helpers', () => {
  it('detectBom', () => {
    expect(detectBom(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(detectBom(new Uint8Array([0xff, 0xfe, 0x41, 0]))?.encoding).toBe('utf-16le');
    expect(detectBom(new Uint8Array([0x41]))).toBeUndefined();
  });

  it('guessUtf16 needs zeros on one side only', () => {
    expect(guessUtf16(utf16le('hello world'))).toBe('utf-16le');
    expect(guessUtf16(new TextEncoder().encode('hello world'))).toBeUndefined();
  });

  it('isUtf8Prefix accepts a sequence cut at the end but not invalid bytes', () => {
    const euro = new TextEncoder().encode('a€'); // 61 E2 82 AC
    expect(isUtf8Prefix(euro.subarray(0, 3))).toBe(true);
    expect(isUtf8Prefix(cafe1252)).toBe(false);
  });

  it('looksLikeText tells text from binary', () => {
    expect(looksLikeText(new TextEncoder().encode('plain text\r\n\twith tabs'))).toBe(true);
    expect(looksLikeText(cafe1252)).toBe(true);
    expect(looksLikeText(cat([0xff, 0xfe], utf16le('x')))).toBe(true);
    expect(
      looksLikeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
    ).toBe(false);
    // Zero high bytes with random low bytes (16-bit binary data) is not UTF-16 text.
    const halfZero = Uint8Array.from({ length: 4096 }, (_, i) => (i % 2 === 1 ? 0 : (i * 37) % 256));
    expect(looksLikeText(halfZero)).toBe(false);
    let seed = 7;
    const random = Uint8Array.from(
      { length: 4096 },
      () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff,
    );
    expect(looksLikeText(random)).toBe(false);
  });
});
