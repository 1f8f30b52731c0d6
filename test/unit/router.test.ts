// The router is the boundary every transport goes through: validation, transport rules, typed errors.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../main/api/contract.ts';
import { DocketError } from '../../main/api/errors.ts';
import { Router, type CallContext, type Handlers } from '../../main/api/router.ts';
import { useTestCores } from '../helpers/core.ts';
import { TEST_KEY, useTempDirs } from '../helpers/temp.ts';
import { openCore } from '../../main/core/docket.ts';

const tempDir = useTempDirs();
const core = useTestCores();

const http: CallContext = { transport: 'http', actor: 'http' };
const cli: CallContext = { transport: 'in-process', actor: 'cli' };

describe('Router', () => {
  it('declares every procedure with a description, schemas and an error list', () => {
    for (const [name, p] of Object.entries(contract)) {
      expect(p.description, name).not.toBe('');
      expect(p.input, name).toBeDefined();
      expect(Array.isArray(p.errors), name).toBe(true);
    }
  });

  it('validates input and names the field that is wrong', async () => {
    const { router } = core();
    const r = await router.call(
      'settings.set',
      { key: 'records.defaultPhoneRegion', value: 'Germany' },
      http,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    expect(r.error.issues?.[0]).toMatchObject({ path: 'value' });
    expect(r.error.message).toMatch(/two-letter country code/);
    const extra = await router.call('status.get', { sneaky: true }, http);
    expect(extra.ok).toBe(false);
  });

  it('applies defaults and returns validated output', async () => {
    const { router } = core();
    const r = await router.call('documents.list', undefined, http);
    expect(r).toEqual({ ok: true, data: { items: [], total: 0 } });
  });

  it('answers unknown names, prototype keys and subscriptions-as-calls with NOT_FOUND', async () => {
    const { router } = core();
    for (const name of ['nope', '__proto__', 'constructor', 'status.watch']) {
      const r = await router.call(name, {}, http);
      expect(r.ok ? 'ok' : r.error.code, name).toBe('NOT_FOUND');
    }
  });

  it('keeps local-only procedures to the in-process transport', async () => {
    const { router } = core();
    const out = join(tempDir(), 'b.db');
    const viaHttp = await router.call('store.backup', { out }, http);
    expect(viaHttp.ok ? 'ok' : viaHttp.error.code).toBe('FORBIDDEN');
    const viaIpc = await router.call('store.backup', { out }, { transport: 'ipc', actor: 'window' });
    expect(viaIpc.ok ? 'ok' : viaIpc.error.code).toBe('FORBIDDEN');
    const viaCli = await router.call('store.backup', { out }, cli);
    expect(viaCli.ok).toBe(true);
  });

  it('turns handler failures into typed errors, and unexpected ones into INTERNAL without a crash', async () => {
    const { router: real } = core();
    const logged: string[] = [];
    const handlers = {
      'status.get': () => {
        throw new DocketError('DB_CORRUPT', 'the file is damaged');
      },
      'settings.list': () => {
        throw new TypeError('boom');
      },
      'documents.list': () => ({ items: 'not an array', total: 0 }),
    } as unknown as Handlers;
    const router = new Router(handlers, {} as never, { error: (m) => logged.push(m) });
    expect(await router.call('status.get', {}, http)).toEqual({
      ok: false,
      error: { code: 'DB_CORRUPT', message: 'the file is damaged' },
    });
    const internal = await router.call('settings.list', {}, http);
    expect(internal.ok ? '' : internal.error.code).toBe('INTERNAL');
    const invalid = await router.call('documents.list', {}, http);
    expect(invalid.ok ? '' : invalid.error.code).toBe('INTERNAL');
    expect(logged.join('\n')).toMatch(/does not match the contract/);
    expect((await real.call('status.get', {}, http)).ok).toBe(true);
  });

  it('invoke() gives typed data or throws DocketError', async () => {
    const { router } = core();
    const s = await router.invoke('status.get', {}, cli);
    expect(s.encrypted).toBe(true);
    await expect(
      router.invoke('settings.set', { key: 'ingest.workers', value: 0 }, cli),
    ).rejects.toBeInstanceOf(DocketError);
  });

  it('delivers subscription events and stops when unsubscribed', async () => {
    const { router } = core();
    const events: Array<{ counts: { auditLog: number } }> = [];
    const started = router.subscribe('status.watch', {}, http, (e) => events.push(e as never));
    expect(started.ok).toBe(true);
    await router.invoke('settings.set', { key: 'ui.density', value: 'compact' }, cli);
    await new Promise((r) => setTimeout(r, 50));
    expect(events.at(-1)?.counts.auditLog).toBe(1);
    if (started.ok) started.data();
    const seen = events.length;
    await router.invoke('settings.set', { key: 'ui.density', value: 'comfortable' }, cli);
    await new Promise((r) => setTimeout(r, 50));
    expect(events.length).toBe(seen);
    const unknown = router.subscribe('status.get', {}, http, () => {});
    expect(unknown.ok).toBe(false);
  });

  it('keeps a status stream alive when the status cannot be read for a moment', async () => {
    const logged: string[] = [];
    const dir = tempDir();
    const c = openCore({
      path: join(dir, 'd.db'),
      key: TEST_KEY,
      create: true,
      log: { error: (m) => logged.push(m) },
    });
    try {
      const events: unknown[] = [];
      const started = c.router.subscribe('status.watch', {}, http, (e) => events.push(e));
      await new Promise((r) => setTimeout(r, 50));
      expect(events).toHaveLength(1);
      renameSync(join(dir, 'd.db'), join(dir, 'moved.db')); // status reads the file's size: now it fails
      c.events.statusChanged();
      await new Promise((r) => setTimeout(r, 50));
      expect(logged.join()).toMatch(/Could not read the status/);
      renameSync(join(dir, 'moved.db'), join(dir, 'd.db'));
      c.events.statusChanged();
      await new Promise((r) => setTimeout(r, 50));
      expect(events).toHaveLength(2);
      if (started.ok) started.data();
    } finally {
      c.close();
    }
  });

  it('records who changed a setting in the audit log', async () => {
    const { router } = core();
    await router.invoke(
      'settings.set',
      { key: 'ingest.workers', value: 4 },
      { transport: 'ipc', actor: 'window' },
    );
    const [entry] = await router.invoke('audit.list', {}, cli);
    expect(entry).toMatchObject({
      actor: 'window',
      action: 'settings.set',
      subject: 'ingest.workers',
      details: { value: 4 },
    });
    expect(await router.invoke('settings.list', {}, cli)).toMatchObject([
      { key: 'ingest.workers', value: 4 },
    ]);
  });
});
