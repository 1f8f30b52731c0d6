// Bulk import end to end on a real encrypted database, real files and real worker threads: every file ends
// up read or failed with a specific reason, duplicates are linked, nothing is lost or imported twice.
import { mkdirSync, symlinkSync, writeFileSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestCores } from '../helpers/core.ts';
import { useTempDirs } from '../helpers/temp.ts';
import { cliContext } from '../../main/cli/open-core.ts';
import type { DocketCore } from '../../main/core/docket.ts';
import { listImportJobs } from '../../main/store/imports.ts';
import { ContentStore } from '../../main/ingest/content-store.ts';
import { buildPdf } from '../helpers/pdf-fixtures.ts';

const openTestCore = useTestCores();
const tempDir = useTempDirs();

const prose = (topic: string): string =>
  `This agreement about ${topic} is made between the parties named below. The supplier shall deliver the goods ` +
  `described in the schedule to the customer at the agreed place and time, and the customer shall pay the price ` +
  `stated in the invoice within thirty days of receiving it. Either party may end this agreement by notice.`;

async function importAndWait(core: DocketCore, paths: string[], extra: Record<string, unknown> = {}) {
  const { importId } = await core.router.invoke('imports.start', { paths, ...extra }, cliContext);
  const progress = await core.imports.waitFor(importId);
  const jobs = listImportJobs(core.store.db, importId, { limit: 1000, offset: 0 }).items;
  return { importId, progress, jobs };
}

function jobFor(jobs: Array<{ sourcePath: string }>, name: string) {
  const job = jobs.find((j) => j.sourcePath.endsWith(name));
  if (!job) throw new Error(`no job for ${name}`);
  return job as ReturnType<typeof listImportJobs>['items'][number];
}

describe('folder import', () => {
  it('reads a nested folder, skips junk, survives a symlink loop and a dangling link, and stores originals', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), `Quarterly notes. ${prose('zebras')}`);
    writeFileSync(join(dir, 'a', 'b', 'deep.txt'), `Deep file about Quokka migration. ${prose('quokkas')}`);
    writeFileSync(join(dir, 'a', 'data.csv'), 'Name,Amount\nAcme,10\nGlobex,20\n');
    for (const junk of ['.DS_Store', 'Thumbs.db', 'desktop.ini', '~$draft.docx'])
      writeFileSync(join(dir, junk), 'x');
    symlinkSync(dir, join(dir, 'a', 'loop')); // a folder that contains itself
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'dangling.txt'));
    const core = openTestCore();
    const { progress, jobs } = await importAndWait(core, [dir]);

    expect(progress.status).toBe('done');
    expect(progress.imported).toBe(3);
    expect(progress.failed).toBe(1);
    expect(jobFor(jobs, 'dangling.txt').reason).toBe('unreadable');
    expect(jobs.some((j) => /DS_Store|Thumbs|desktop\.ini|~\$/.test(j.sourcePath))).toBe(false);
    // The loop was not followed: each real file was imported once.
    expect(jobs.filter((j) => j.sourcePath.endsWith('deep.txt'))).toHaveLength(1);

    const found = await core.router.invoke(
      'documents.list',
      { query: 'Quokka', limit: 10, offset: 0 },
      cliContext,
    );
    expect(found.items.map((d) => d.title)).toEqual(['deep.txt']);

    // The original is kept byte for byte under its hash, and the source is untouched.
    const doc = await core.router.invoke('documents.get', { id: found.items[0]!.id }, cliContext);
    const stored = join(
      ContentStore.forDatabase(core.store.path).root,
      doc.sha256!.slice(0, 2),
      doc.sha256!.slice(2, 4),
      doc.sha256!,
    );
    expect(readFileSync(stored)).toEqual(readFileSync(join(dir, 'a', 'b', 'deep.txt')));
    expect(existsSync(join(dir, 'a', 'b', 'deep.txt'))).toBe(true);

    // CSV rows are kept as rows for the record imports that map them later.
    const csvJob = jobFor(jobs, 'data.csv');
    const csvDoc = await core.router.invoke('documents.get', { id: csvJob.documentId! }, cliContext);
    expect(csvDoc.rowCount).toBe(2);
  });

  it('applies include and exclude globs', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'skip'));
    writeFileSync(join(dir, 'keep.txt'), 'keep me');
    writeFileSync(join(dir, 'other.csv'), 'a,b\n1,2\n');
    writeFileSync(join(dir, 'skip', 'also.txt'), 'not me');
    const core = openTestCore();
    const { jobs } = await importAndWait(core, [dir], { include: ['**/*.txt'], exclude: ['skip/**'] });
    expect(jobs.map((j) => j.sourcePath.slice(dir.length + 1))).toEqual(['keep.txt']);
  });

  it('links exact duplicates to the existing document and says so; an unchanged re-import does nothing', async () => {
    const dir = tempDir();
    const text = `Invoice for the Hartley account. ${prose('hartley')}`;
    writeFileSync(join(dir, 'one.txt'), text);
    writeFileSync(join(dir, 'copy-of-one.txt'), text);
    const core = openTestCore();
    const first = await importAndWait(core, [dir]);
    expect(first.progress.imported).toBe(1);
    expect(first.progress.duplicates).toBe(1);
    const dup = first.jobs.find((j) => j.outcome === 'duplicate')!;
    const original = first.jobs.find((j) => j.outcome === 'imported')!;
    expect(dup.documentId).toBe(original.documentId);
    const doc = await core.router.invoke('documents.get', { id: original.documentId! }, cliContext);
    expect(doc.sourcePaths.sort()).toEqual([join(dir, 'copy-of-one.txt'), join(dir, 'one.txt')]);
    expect((await core.router.invoke('status.get', {}, cliContext)).counts.files).toBe(1);

    const again = await importAndWait(core, [dir]);
    expect(again.progress.unchanged).toBe(2);
    expect(again.progress.imported).toBe(0);
    expect((await core.router.invoke('documents.list', {}, cliContext)).total).toBe(1);
  });

  it('flags near-duplicate text', async () => {
    const dir = tempDir();
    const base = `Master services agreement between Northwind and Contoso. ${prose('services')} ${prose('support')}`;
    writeFileSync(join(dir, 'v1.txt'), base);
    writeFileSync(join(dir, 'v2.txt'), `${base} Signed.`);
    writeFileSync(
      join(dir, 'unrelated.txt'),
      `Minutes of the garden club. ${'Roses and tulips bloomed early this spring in every bed of the garden. '.repeat(5)}`,
    );
    const core = openTestCore();
    const { jobs } = await importAndWait(core, [dir], { include: ['v1.txt'] });
    expect(jobs).toHaveLength(1);
    const second = await importAndWait(core, [join(dir, 'v2.txt'), join(dir, 'unrelated.txt')]);
    const v2 = await core.router.invoke(
      'documents.get',
      { id: jobFor(second.jobs, 'v2.txt').documentId! },
      cliContext,
    );
    expect(v2.nearDuplicateOf?.title).toBe('v1.txt');
    const other = await core.router.invoke(
      'documents.get',
      { id: jobFor(second.jobs, 'unrelated.txt').documentId! },
      cliContext,
    );
    expect(other.nearDuplicateOf).toBeNull();
  });

  it('reads an email and imports its attachment as its own document linked to it', async () => {
    const dir = tempDir();
    const attachment = Buffer.from(
      `Attached statement of the Pemberton account. ${prose('pemberton')}`,
    ).toString('base64');
    const eml = [
      'From: Alice <alice@example.com>',
      'To: Bob <bob@example.com>',
      'Subject: Statement for March',
      'Date: Tue, 03 Mar 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="XYZ"',
      '',
      '--XYZ',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please find the statement attached.',
      '--XYZ',
      'Content-Type: text/plain; name="statement.txt"',
      'Content-Disposition: attachment; filename="statement.txt"',
      'Content-Transfer-Encoding: base64',
      '',
      attachment,
      '--XYZ--',
      '',
    ].join('\r\n');
    writeFileSync(join(dir, 'mail.eml'), eml);
    const core = openTestCore();
    const { progress, jobs } = await importAndWait(core, [dir]);
    expect(progress.imported).toBe(2);
    const email = await core.router.invoke(
      'documents.get',
      { id: jobFor(jobs, 'mail.eml').documentId! },
      cliContext,
    );
    expect(email.title).toBe('Statement for March');
    expect(email.children).toEqual([expect.objectContaining({ title: 'statement.txt', status: 'read' })]);
    const child = await core.router.invoke('documents.get', { id: email.children[0]!.id }, cliContext);
    expect(child.parent?.id).toBe(email.id);
    const found = await core.router.invoke(
      'documents.list',
      { query: 'Pemberton', limit: 10, offset: 0 },
      cliContext,
    );
    expect(found.items.map((d) => d.id)).toEqual([child.id]);
  });
});

describe('bad input: each file gets a specific reason and the rest continue', () => {
  it('zero-byte, unsupported, corrupt, wrong extension and too large', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.pdf'), '');
    writeFileSync(
      join(dir, 'random.bin'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
    );
    writeFileSync(
      join(dir, 'broken.pdf'),
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x8f)]),
    );
    writeFileSync(
      join(dir, 'really-text.pdf'),
      `Plain words about Wombats in a file named like a PDF. ${prose('wombats')}`,
    );
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(3 * 1024 * 1024));
    writeFileSync(join(dir, 'fine.txt'), 'A fine file.');
    const core = openTestCore();
    await core.router.invoke('settings.set', { key: 'ingest.maxFileMb', value: 2 }, cliContext);
    const { progress, jobs } = await importAndWait(core, [dir]);
    expect(jobFor(jobs, 'empty.pdf').reason).toBe('empty');
    expect(jobFor(jobs, 'random.bin').reason).toBe('unsupported');
    expect(jobFor(jobs, 'broken.pdf').reason).toBe('corrupt');
    expect(jobFor(jobs, 'big.txt').reason).toBe('too_large');
    expect(jobFor(jobs, 'really-text.pdf').outcome).toBe('imported');
    expect(jobFor(jobs, 'fine.txt').outcome).toBe('imported');
    expect(progress.failedByReason).toEqual({ empty: 1, unsupported: 1, corrupt: 1, too_large: 1 });
    for (const j of jobs.filter((j) => j.outcome === 'failed')) expect(j.message).toMatch(/\w{4,}/);
    // A failed document that was stored shows its reason in the list too.
    const broken = await core.router.invoke(
      'documents.get',
      { id: jobFor(jobs, 'broken.pdf').documentId! },
      cliContext,
    );
    expect(broken.status).toBe('failed');
    expect(broken.statusReason).toMatch(/damaged|incomplete|corrupt/i);
  });

  it('a file that takes longer than the time limit fails with "timeout"; the recycled worker reads the next file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'slow.csv'), `a,b,c\n${'4,5,6\n'.repeat(400_000)}`);
    const core = openTestCore();
    const slowImport = await core.imports.start({ sources: [dir], limits: { timeoutMs: 20 } }, 'test');
    await core.imports.waitFor(slowImport);
    const [slow] = listImportJobs(core.store.db, slowImport, { limit: 10, offset: 0 }).items;
    expect(slow!.reason).toBe('timeout');
    expect(slow!.message).toMatch(/time limit/);

    const dir2 = tempDir();
    writeFileSync(join(dir2, 'quick.txt'), 'Quick file read after the timeout.');
    const next = await importAndWait(core, [dir2]);
    expect(next.progress.imported).toBe(1);
  });

  it('a password-protected PDF waits as "needs password" and is read when retried with its password', async () => {
    const dir = tempDir();
    const pdf = await buildPdf({
      pages: [{ runs: [{ text: 'Confidential settlement with Brightwater Ltd', x: 72, y: 700 }] }],
      encrypt: { userPassword: 'open-sesame' },
    });
    writeFileSync(join(dir, 'settlement.pdf'), pdf);
    writeFileSync(join(dir, 'other.txt'), 'Another file that is read meanwhile.');
    const core = openTestCore();
    const { importId, jobs, progress } = await importAndWait(core, [dir]);
    expect(progress.imported).toBe(1);
    const locked = jobFor(jobs, 'settlement.pdf');
    expect(locked.reason).toBe('needs_password');
    const before = await core.router.invoke('documents.get', { id: locked.documentId! }, cliContext);
    expect(before.status).toBe('needs_password');

    await core.router.invoke(
      'imports.retry',
      { importId, jobIds: [locked.id], password: 'wrong' },
      cliContext,
    );
    await core.imports.waitFor(importId);
    expect(
      jobFor(listImportJobs(core.store.db, importId, { limit: 10, offset: 0 }).items, 'settlement.pdf')
        .reason,
    ).toBe('wrong_password');

    await core.router.invoke(
      'imports.retry',
      { importId, jobIds: [locked.id], password: 'open-sesame' },
      cliContext,
    );
    const after = await core.imports.waitFor(importId);
    expect(after.failed).toBe(0);
    const found = await core.router.invoke(
      'documents.list',
      { query: 'Brightwater', limit: 10, offset: 0 },
      cliContext,
    );
    expect(found.items.map((d) => d.id)).toEqual([locked.documentId]);
    // The password is not kept anywhere in the database.
    const audit = JSON.stringify(await core.router.invoke('audit.list', {}, cliContext));
    expect(audit).not.toContain('open-sesame');
    expect(JSON.stringify(core.store.db.prepare('SELECT payload, error FROM jobs').all())).not.toContain(
      'open-sesame',
    );
  });

  it('a PDF over the page limit fails with "too_many_pages"', async () => {
    const dir = tempDir();
    const page = { runs: [{ text: 'A page of a long report.', x: 72, y: 700 }] };
    writeFileSync(join(dir, 'long.pdf'), await buildPdf({ pages: [page, page, page, page] }));
    const core = openTestCore();
    await core.router.invoke('settings.set', { key: 'ingest.maxPages', value: 3 }, cliContext);
    const { jobs } = await importAndWait(core, [dir]);
    expect(jobFor(jobs, 'long.pdf').reason).toBe('too_many_pages');
  });

  it('retry failed files: a fixed file is read on the second attempt', async () => {
    const dir = tempDir();
    const path = join(dir, 'later.txt');
    writeFileSync(path, '');
    const core = openTestCore();
    const { importId, jobs } = await importAndWait(core, [dir]);
    expect(jobs[0]!.reason).toBe('empty');
    writeFileSync(path, 'Now it has words in it.');
    const { retried } = await core.router.invoke('imports.retry', { importId }, cliContext);
    expect(retried).toBe(1);
    const after = await core.imports.waitFor(importId);
    expect(after.imported).toBe(1);
    expect(after.failed).toBe(0);
    expect(statSync(path).size).toBeGreaterThan(0);
  });
});

describe('pause, resume and cancel', () => {
  it('pausing stops new files from starting; resuming finishes; cancelling leaves the rest out', async () => {
    const dir = tempDir();
    for (let i = 0; i < 40; i++)
      writeFileSync(join(dir, `f${i}.txt`), `File number ${i}. ${prose(`item ${i}`)}`);
    const core = openTestCore();
    const { importId } = await core.router.invoke('imports.start', { paths: [dir] }, cliContext);
    const paused = await core.router.invoke('imports.pause', { importId }, cliContext);
    expect(paused.status).toBe('paused');
    await new Promise((r) => setTimeout(r, 500));
    const whilePaused = await core.router.invoke('imports.get', { importId }, cliContext);
    await new Promise((r) => setTimeout(r, 500));
    const stillPaused = await core.router.invoke('imports.get', { importId }, cliContext);
    expect(stillPaused.done).toBe(whilePaused.done); // nothing new finished while paused
    expect(stillPaused.done).toBeLessThan(40);
    await core.router.invoke('imports.resume', { importId }, cliContext);
    const finished = await core.imports.waitFor(importId);
    expect(finished.imported).toBe(40);

    const dir2 = tempDir();
    for (let i = 0; i < 40; i++)
      writeFileSync(join(dir2, `g${i}.txt`), `Other file ${i}. ${prose(`other ${i}`)}`);
    const second = await core.router.invoke('imports.start', { paths: [dir2] }, cliContext);
    await core.router.invoke('imports.pause', { importId: second.importId }, cliContext);
    // Cancel once the scan has queued every file, so there is something left to cancel.
    while ((await core.router.invoke('imports.get', { importId: second.importId }, cliContext)).total < 40) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const cancelled = await core.router.invoke('imports.cancel', { importId: second.importId }, cliContext);
    expect(cancelled.status).toBe('cancelled');
    const end = await core.imports.waitFor(second.importId);
    expect(end.imported + end.cancelled + end.duplicates).toBe(end.total);
    expect(end.cancelled).toBeGreaterThan(0);
  });
});

describe('files dropped into the window', () => {
  it('imports uploaded bytes from an inbox beside the database, with names that cannot escape it', async () => {
    const core = openTestCore();
    const files = [
      {
        name: '../../escape.txt',
        dataBase64: Buffer.from('Dropped file about Kestrel Farms.').toString('base64'),
      },
      { name: 'notes.txt', dataBase64: Buffer.from('Second dropped file.').toString('base64') },
      { name: 'NOTES.txt', dataBase64: Buffer.from('Same name, other case.').toString('base64') },
    ];
    const { importId } = await core.router.invoke('imports.upload', { files }, cliContext);
    const done = await core.imports.waitFor(importId);
    expect(done.imported).toBe(3);
    const jobs = listImportJobs(core.store.db, importId, { limit: 10, offset: 0 }).items;
    for (const j of jobs) expect(j.sourcePath.startsWith(`${core.store.path}.inbox/`)).toBe(true);
    expect(jobs.map((j) => j.sourcePath.split('/').pop()).sort()).toEqual([
      '2-NOTES.txt',
      'escape.txt',
      'notes.txt',
    ]);
    const found = await core.router.invoke(
      'documents.list',
      { query: 'Kestrel', limit: 10, offset: 0 },
      cliContext,
    );
    expect(found.total).toBe(1);
  });

  it('refuses malformed input with a clear error and starts nothing', async () => {
    const core = openTestCore();
    const r = await core.router.call('imports.upload', { files: [] }, cliContext);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_INPUT');
    const missing = await core.router.call('imports.start', { paths: ['/no/such/folder'] }, cliContext);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/does not exist/);
    expect((await core.router.invoke('imports.list', {}, cliContext)).length).toBe(0);
  });
});

describe("the database's own files", () => {
  it('importing the folder that holds the database never takes the database, its key or its originals', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'letter.txt'), 'A letter that sits next to the database.');
    const core = openTestCore(dir); // the database is dir/d.db
    writeFileSync(`${core.store.path}.key`, 'not-a-real-key');
    const first = await importAndWait(core, [dir]);
    expect(first.jobs.map((j) => j.sourcePath)).toEqual([join(dir, 'letter.txt')]);
    // Again, now that the originals folder exists beside the database.
    const second = await importAndWait(core, [dir]);
    expect(second.jobs.map((j) => j.sourcePath)).toEqual([join(dir, 'letter.txt')]);
    expect(second.progress.unchanged).toBe(1);
  });
});

describe('documents list filters', () => {
  it('filters by media type, status and import date, alone and with a search', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'memo.txt'), 'Memo about the Orrin account.');
    writeFileSync(join(dir, 'sheet.csv'), 'Client,Total\nOrrin,12\n');
    writeFileSync(
      join(dir, 'broken.pdf'),
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 0x8f)]),
    );
    const core = openTestCore();
    await importAndWait(core, [dir]);
    const list = (input: Record<string, unknown>) =>
      core.router
        .invoke('documents.list', { limit: 100, offset: 0, ...input }, cliContext)
        .then((r) => r.items.map((d) => d.title).sort());
    expect(await list({ mediaType: 'text/csv' })).toEqual(['sheet.csv']);
    expect(await list({ status: 'failed' })).toEqual(['broken.pdf']);
    expect(await list({ query: 'Orrin', mediaType: 'text/plain' })).toEqual(['memo.txt']);
    const today = new Date().toISOString().slice(0, 10);
    expect(await list({ from: today, to: today })).toHaveLength(3);
    expect(await list({ to: '2000-01-01' })).toEqual([]);
    const types = await core.router.invoke('documents.mediaTypes', {}, cliContext);
    expect(types.map((t) => t.mediaType).sort()).toEqual(['text/csv', 'text/plain']);
    const bad = await core.router.call('documents.list', { from: 'yesterday' }, cliContext);
    expect(bad.ok).toBe(false);
  });
});
