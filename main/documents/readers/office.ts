// Readers for documents that are text without layout: DOCX (mammoth), HTML (html-to-text) and plain
// text. Each produces synthetic pages (plain-pages.ts) with textSource 'text-layer'.
import mammoth from 'mammoth';
import { convert } from 'html-to-text';
import type { Reader } from '../reader.ts';
import { ReadError } from '../read-error.ts';
import { decodeText } from '../text-encoding.ts';
import { readZipEntry } from '../zip-lite.ts';
import { htmlToText } from './html-text.ts';
import { normalizeText, plainResult } from './plain-pages.ts';

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// ---------------------------------------------------------------------------------------------
// DOCX

/** Unescapes the five XML entities and numeric references. */
function xmlText(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** Title, author and dates from docProps/core.xml, when present. */
function coreProperties(bytes: Uint8Array): Record<string, string> {
  const xml = readZipEntry(bytes, 'docProps/core.xml', 1024 * 1024);
  if (!xml) return {};
  const text = new TextDecoder('utf-8').decode(xml);
  const properties: Record<string, string> = {};
  const fields: Array<[string, string]> = [
    ['title', 'dc:title'],
    ['subject', 'dc:subject'],
    ['author', 'dc:creator'],
    ['lastModifiedBy', 'cp:lastModifiedBy'],
    ['created', 'dcterms:created'],
    ['modified', 'dcterms:modified'],
  ];
  for (const [key, tag] of fields) {
    const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(text);
    const value = match ? xmlText(match[1]!) : '';
    if (value) properties[key] = value;
  }
  return properties;
}

/** DOCX via mammoth's raw text (paragraphs separated by blank lines); a broken ZIP is 'corrupt'. */
export const readDocx: Reader = async (input) => {
  let raw: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    raw = await mammoth.extractRawText({ buffer: toBuffer(input.bytes) });
  } catch (error) {
    throw new ReadError('corrupt', `Could not read the Word document: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const properties = coreProperties(input.bytes);
  const text = normalizeText(raw.value).replace(/\n{3,}/g, '\n\n');
  const warnings = raw.messages.map((message) => message.message);
  return plainResult(input, {
    mediaType: DOCX_MEDIA_TYPE,
    title: properties.title,
    metadata: { ...properties, ...(warnings.length > 0 ? { warnings } : {}) },
    text,
  });
};

// ---------------------------------------------------------------------------------------------
// HTML

/** The charset a page declares in its first 2 KB (<meta charset> or http-equiv Content-Type). */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}

function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (!match) return undefined;
  const title = convert(match[1]!, { wordwrap: false }).replace(/\s+/g, ' ').trim();
  return title || undefined;
}

/** HTML: title from <title>, encoding from a BOM, valid UTF-8, <meta charset> or detection. */
export const readHtml: Reader = async (input) => {
  const { text: html, encoding } = decodeText(input.bytes, { declared: declaredCharset(input.bytes) });
  const title = htmlTitle(html);
  return plainResult(input, {
    mediaType: 'text/html',
    title,
    metadata: { encoding, ...(title ? { title } : {}) },
    text: htmlToText(html),
  });
};

// ---------------------------------------------------------------------------------------------
// Plain text

/** Plain text in any encoding text-encoding.ts detects; line breaks normalised to '\n'. */
export const readText: Reader = async (input) => {
  const { text, encoding } = decodeText(input.bytes);
  const normalized = normalizeText(text);
  return plainResult(input, {
    mediaType: 'text/plain',
    metadata: { encoding, lineCount: normalized === '' ? 0 : normalized.split('\n').length },
    text: normalized,
  });
};
