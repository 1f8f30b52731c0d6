import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DocketError } from '../api/errors.ts';

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface DocumentSummary {
  id: number;
  title: string;
  kind: string | null;
  mediaType: string | null;
  status: string;
  statusReason: string | null;
  pageCount: number | null;
  createdAt: string;
  snippet: SnippetPart[] | null;
}

// Control characters cannot occur in extracted text, so they mark the matches unambiguously.
const MATCH_START = '\u0002';
const MATCH_END = '\u0003';

/** Splits FTS5's marked snippet into plain and matching pieces. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of marked.split(MATCH_START)) {
    const end = piece.indexOf(MATCH_END);
    if (end >= 0) {
      parts.push({ text: piece.slice(0, end), match: true });
      if (end + 1 < piece.length) parts.push({ text: piece.slice(end + 1), match: false });
    } else if (piece !== '') {
      parts.push({ text: piece, match: false });
    }
  }
  return parts;
}

const columns = `d.id, d.title, d.kind, d.media_type AS mediaType, d.status, d.status_reason AS statusReason,
  d.page_count AS pageCount, d.created_at AS createdAt`;

/** Turns what a user types into an FTS5 query of quoted terms, so punctuation can never be a syntax error. */
export function toFtsQuery(text: string): string | null {
  const terms = text.match(/[\p{L}\p{N}]+/gu);
  if (!terms) return null;
  return terms.map((t) => `"${t}"`).join(' ');
}

export interface DocumentFilter {
  query?: string | undefined;
  mediaType?: string | undefined;
  status?: string | undefined;
  /** ISO dates, inclusive, on the import date. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

function filterClause(f: DocumentFilter): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (f.mediaType) {
    parts.push('d.media_type = ?');
    args.push(f.mediaType);
  }
  if (f.status) {
    parts.push('d.status = ?');
    args.push(f.status);
  }
  if (f.from) {
    parts.push('d.created_at >= ?');
    args.push(f.from);
  }
  if (f.to) {
    parts.push("d.created_at < date(?, '+1 day')");
    args.push(f.to);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), args };
}

export function listDocuments(
  db: Database,
  options: DocumentFilter,
): { items: DocumentSummary[]; total: number } {
  const fts = options.query ? toFtsQuery(options.query) : null;
  if (options.query && !fts) return { items: [], total: 0 };
  const filter = filterClause(options);
  if (fts) {
    const total = (
      db
        .prepare(
          `SELECT count(*) AS n FROM document_text_fts f JOIN documents d ON d.id = f.rowid
           WHERE document_text_fts MATCH ?${filter.sql}`,
        )
        .get(fts, ...filter.args) as { n: number }
    ).n;
    const rows = db
      .prepare(
        `SELECT ${columns}, snippet(document_text_fts, 0, '${MATCH_START}', '${MATCH_END}', '…', 12) AS snippet
         FROM document_text_fts f JOIN documents d ON d.id = f.rowid
         WHERE document_text_fts MATCH ?${filter.sql} ORDER BY rank LIMIT ? OFFSET ?`,
      )
      .all(fts, ...filter.args, options.limit, options.offset) as Array<
      Omit<DocumentSummary, 'snippet'> & { snippet: string }
    >;
    return { items: rows.map((r) => ({ ...r, snippet: snippetParts(r.snippet) })), total };
  }
  const total = (
    db.prepare(`SELECT count(*) AS n FROM documents d WHERE 1${filter.sql}`).get(...filter.args) as {
      n: number;
    }
  ).n;
  const items = db
    .prepare(
      `SELECT ${columns}, NULL AS snippet FROM documents d WHERE 1${filter.sql} ORDER BY d.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...filter.args, options.limit, options.offset) as DocumentSummary[];
  return { items, total };
}

export function mediaTypeCounts(db: Database): Array<{ mediaType: string; count: number }> {
  return db
    .prepare(
      `SELECT media_type AS mediaType, count(*) AS count FROM documents WHERE media_type IS NOT NULL
       GROUP BY media_type ORDER BY count DESC`,
    )
    .all() as Array<{ mediaType: string; count: number }>;
}

function notFound(id: number): DocketError {
  return new DocketError('NOT_FOUND', `There is no document ${id}.`);
}

export function getDocument(db: Database, id: number) {
  const row = db
    .prepare(
      `SELECT ${columns}, d.metadata, d.parent_id AS parentId, d.near_duplicate_of AS nearId, d.file_id AS fileId,
         f.sha256, f.size_bytes AS sizeBytes
       FROM documents d LEFT JOIN files f ON f.id = d.file_id WHERE d.id = ?`,
    )
    .get(id) as
    | (Omit<DocumentSummary, 'snippet'> & {
        metadata: string;
        parentId: number | null;
        nearId: number | null;
        fileId: number | null;
        sha256: string | null;
        sizeBytes: number | null;
      })
    | undefined;
  if (!row) throw notFound(id);
  const { parentId, nearId, fileId, metadata, ...summary } = row;
  const titleOf = (docId: number | null) =>
    docId === null
      ? null
      : ((db.prepare('SELECT id, title FROM documents WHERE id = ?').get(docId) as
          { id: number; title: string } | undefined) ?? null);
  const sourcePaths = fileId
    ? (
        db
          .prepare('SELECT source_path AS p FROM file_sources WHERE file_id = ? ORDER BY id')
          .all(fileId) as Array<{
          p: string;
        }>
      ).map((r) => r.p)
    : [];
  return {
    ...summary,
    metadata: JSON.parse(metadata) as unknown,
    sourcePaths,
    parent: titleOf(parentId),
    nearDuplicateOf: titleOf(nearId),
    children: db
      .prepare('SELECT id, title, status FROM documents WHERE parent_id = ? ORDER BY id')
      .all(id) as Array<{ id: number; title: string; status: string }>,
    rowCount: (
      db.prepare('SELECT count(*) AS n FROM document_rows WHERE document_id = ?').get(id) as { n: number }
    ).n,
  };
}

export function documentText(db: Database, id: number): { id: number; text: string } {
  const row = db.prepare('SELECT text FROM document_text WHERE document_id = ?').get(id) as
    { text: string } | undefined;
  if (!row) {
    if (!db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id)) throw notFound(id);
    return { id, text: '' };
  }
  return { id, text: row.text };
}

export function documentPage(db: Database, id: number, pageNumber: number) {
  const row = db
    .prepare(
      `SELECT page_number AS pageNumber, width, height, rotation, text_source AS textSource, layout
       FROM pages WHERE document_id = ? AND page_number = ?`,
    )
    .get(id, pageNumber) as
    | {
        pageNumber: number;
        width: number;
        height: number;
        rotation: number;
        textSource: string | null;
        layout: string | null;
      }
    | undefined;
  if (!row) throw new DocketError('NOT_FOUND', `Document ${id} has no page ${pageNumber}.`);
  const { layout, ...page } = row;
  return { ...page, lines: layout ? (JSON.parse(layout) as { lines: [] }).lines : [] };
}

/** Where the stored original of a document is, relative to the content store. */
export function originalOf(
  db: Database,
  id: number,
): { relative: string; fileName: string; mediaType: string | null } {
  const row = db
    .prepare(
      `SELECT f.stored_path AS relative, d.title AS fileName, d.media_type AS mediaType
       FROM documents d JOIN files f ON f.id = d.file_id WHERE d.id = ?`,
    )
    .get(id) as { relative: string; fileName: string; mediaType: string | null } | undefined;
  if (!row) throw notFound(id);
  return row;
}
