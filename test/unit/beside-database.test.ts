// The files Docket keeps beside a database: what import skips and what deleting the sample workspace removes.
import { describe, expect, it } from 'vitest';
import { isOwnFile } from '../../main/ingest/scan.ts';
import { isBesideDatabase, sampleWorkspacePath } from '../../main/store/beside-database.ts';

const db = '/data/docket.db';

describe('files beside a database', () => {
  it('knows the database, its journal, key, token, upgrade copies and folders, and nothing else', () => {
    for (const own of [
      db,
      `${db}-wal`,
      `${db}-shm`,
      `${db}.key`,
      `${db}.key.sealed`,
      `${db}.server.json`,
      `${db}.schema-4.bak`,
      `${db}.originals/ab/abcdef`,
      `${db}.models/crm-tags/1/model.onnx`,
      `${db}.inbox/upload.pdf`,
    ]) {
      expect(isBesideDatabase(db, own), own).toBe(true);
    }
    for (const other of [
      '/data/docket.dbx',
      `${db}.2025.bak`,
      `${db}-notes.txt`,
      '/data/docket-sample.db',
      '/data/other.db-wal',
      `${db}.originals-old/x`,
    ]) {
      expect(isBesideDatabase(db, other), other).toBe(false);
    }
  });

  it('names the sample workspace beside the database', () => {
    expect(sampleWorkspacePath(db)).toBe('/data/docket-sample.db');
    expect(sampleWorkspacePath('/data/docket')).toBe('/data/docket-sample.db');
  });

  it('keeps import away from the database, its models and the sample workspace, but not from uploads', () => {
    expect(isOwnFile(db, `${db}.models/tickets-queue/1/model.onnx`)).toBe(true);
    expect(isOwnFile(db, `${db}.key`)).toBe(true);
    expect(isOwnFile(db, '/data/docket-sample.db')).toBe(true);
    expect(isOwnFile(db, '/data/docket-sample.db.originals/ab/abcdef')).toBe(true);
    expect(isOwnFile(db, `${db}.inbox/scan.pdf`)).toBe(false);
    expect(isOwnFile(db, '/data/invoice.pdf')).toBe(false);
  });
});
