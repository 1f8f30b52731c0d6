// Just enough ZIP to list entry names and read one small entry (docProps/core.xml of a DOCX, the
// part names that tell DOCX from XLSX). Reads the central directory; no ZIP64, no encryption.
// Returns undefined rather than throwing: callers use it for optional details.
import { inflateRawSync } from 'node:zlib';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function centralDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return undefined;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    entries.push({
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Entry names of a ZIP archive, or undefined when it is not a readable ZIP. */
export function listZipEntries(bytes: Uint8Array): string[] | undefined {
  try {
    return centralDirectory(bytes)?.map((entry) => entry.name);
  } catch {
    return undefined;
  }
}

/** One entry's bytes (stored or deflated), or undefined when absent, unreadable or over maxBytes. */
export function readZipEntry(
  bytes: Uint8Array,
  name: string,
  maxBytes = 4 * 1024 * 1024,
): Uint8Array | undefined {
  try {
    const entry = centralDirectory(bytes)?.find((candidate) => candidate.name === name);
    if (!entry || entry.uncompressedSize > maxBytes) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const local = entry.localHeaderOffset;
    if (view.getUint32(local, true) !== LOCAL_SIGNATURE) return undefined;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return data;
    if (entry.method === 8) return new Uint8Array(inflateRawSync(data, { maxOutputLength: maxBytes }));
    return undefined;
  } catch {
    return undefined;
  }
}
