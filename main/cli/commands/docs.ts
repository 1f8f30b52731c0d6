// `docket docs list|show ID|text ID --db DB [--json]`.
import { cliContext, openExisting } from '../open-core.ts';
import { printResult } from '../output.ts';

export async function docsList(options: {
  db: string;
  json: boolean;
  query?: string | undefined;
  limit: number;
}) {
  const core = openExisting(options.db, { migrate: false });
  try {
    const result = await core.router.invoke(
      'documents.list',
      { ...(options.query ? { query: options.query } : {}), limit: options.limit, offset: 0 },
      cliContext,
    );
    printResult(options.json, result, () =>
      [
        ...result.items.map(
          (d) =>
            `${String(d.id).padStart(6)}  ${d.status.padEnd(14)} ${String(d.pageCount ?? '-').padStart(4)} p  ${d.title}` +
            (d.statusReason ? `\n        ${d.statusReason}` : ''),
        ),
        `${result.total} documents${result.total > result.items.length ? ` (first ${result.items.length} shown)` : ''}`,
      ].join('\n'),
    );
  } finally {
    await core.close();
  }
}

export async function docsShow(id: number, options: { db: string; json: boolean }) {
  const core = openExisting(options.db, { migrate: false });
  try {
    const d = await core.router.invoke('documents.get', { id }, cliContext);
    printResult(options.json, d, () =>
      [
        `Document   ${d.id}: ${d.title}`,
        `Status     ${d.status}${d.statusReason ? ` — ${d.statusReason}` : ''}`,
        `Type       ${d.mediaType ?? 'unknown'}`,
        `Pages      ${d.pageCount ?? '-'}`,
        `SHA-256    ${d.sha256 ?? '-'}`,
        `Found at   ${d.sourcePaths.join('\n           ')}`,
        d.parent ? `Part of    ${d.parent.id}: ${d.parent.title}` : '',
        d.children.length ? `Contains   ${d.children.map((c) => `${c.id}: ${c.title}`).join(', ')}` : '',
        d.nearDuplicateOf
          ? `Similar to ${d.nearDuplicateOf.id}: ${d.nearDuplicateOf.title} (near-duplicate text)`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  } finally {
    await core.close();
  }
}

export async function docsText(id: number, options: { db: string; json: boolean }) {
  const core = openExisting(options.db, { migrate: false });
  try {
    const t = await core.router.invoke('documents.text', { id }, cliContext);
    printResult(options.json, t, () => t.text);
  } finally {
    await core.close();
  }
}
