import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface DocumentSummary {
  id: number;
  title: string;
  kind: string | null;
  status: string;
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

const columns = `d.id, d.title, d.kind, d.status, d.page_count AS pageCount, d.created_at AS createdAt`;

/** Turns what a user types into an FTS5 query of quoted terms, so punctuation can never be a syntax error. */
export function toFtsQuery(text: string): string | null {
  const terms = text.match(/[\p{L}\p{N}]+/gu);
  if (!terms) return null;
  return terms.map((t) => `"${t}"`).join(' ');
}

export function listDocuments(
  db: Database,
  options: { query?: string | undefined; limit: number; offset: number },
): { items: DocumentSummary[]; total: number } {
  const fts = options.query ? toFtsQuery(options.query) : null;
  if (options.query && !fts) return { items: [], total: 0 };
  if (fts) {
    const total = (
      db.prepare('SELECT count(*) AS n FROM document_text_fts WHERE document_text_fts MATCH ?').get(fts) as {
        n: number;
      }
    ).n;
    const rows = db
      .prepare(
        `SELECT ${columns}, snippet(document_text_fts, 0, '${MATCH_START}', '${MATCH_END}', '…', 12) AS snippet
         FROM document_text_fts f JOIN documents d ON d.id = f.rowid
         WHERE document_text_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?`,
      )
      .all(fts, options.limit, options.offset) as Array<
      Omit<DocumentSummary, 'snippet'> & { snippet: string }
    >;
    return { items: rows.map((r) => ({ ...r, snippet: snippetParts(r.snippet) })), total };
  }
  const total = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  const items = db
    .prepare(`SELECT ${columns}, NULL AS snippet FROM documents d ORDER BY d.id DESC LIMIT ? OFFSET ?`)
    .all(options.limit, options.offset) as DocumentSummary[];
  return { items, total };
}
