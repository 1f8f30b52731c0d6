// Tickets and CRM records through the API on a real encrypted database, with real trainings in worker
// threads and real ONNX Runtime: import with a mapping, the first model trained from history, the three
// outcomes, rules that win, reviews with undo, retrain → promote → roll back, a worse model refused,
// duplicates, normalised phones and emails, a formula-safe export, and escalation on and off.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { cliContext } from '../../main/cli/open-core.ts';
import { openCore, type DocketCore } from '../../main/core/docket.ts';
import { inHeldOutSlice } from '../../main/records/learning.ts';
import type { Policy } from '../../main/core/policy.ts';
import { TEST_KEY, useTempDirs } from '../helpers/temp.ts';
import { FIXTURE_ROOT, TINY_FOLDERS } from '../fixtures/models/make-tiny-transformers.ts';
import {
  contactsCsv,
  crmMapping,
  makeTickets,
  QUEUE_PHRASES,
  ticketsCsv,
  ticketsMapping,
} from './records-fixtures.ts';

const tempDir = useTempDirs();
const cores: DocketCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

function open(policy: Policy = { forbidEscalation: false } as Policy): DocketCore {
  const core = openCore({
    path: join(tempDir(), 'd.db'),
    key: TEST_KEY,
    create: true,
    log: { error: () => {} },
    records: { policy },
  });
  cores.push(core);
  return core;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const call = <K extends Parameters<DocketCore['router']['invoke']>[0]>(
  core: DocketCore,
  name: K,
  input: Parameters<DocketCore['router']['invoke']>[1],
) => core.router.invoke(name, input as never, cliContext);

async function importTickets(core: DocketCore, n = 150, unlabelled = 15) {
  const report = await core.router.invoke(
    'records.import',
    {
      fileName: 'tickets.csv',
      dataBase64: b64(ticketsCsv(makeTickets(n, unlabelled))),
      mapping: ticketsMapping,
    },
    cliContext,
  );
  await core.records.settled();
  return report;
}

async function ticketLabels(core: DocketCore) {
  const list = await core.router.invoke('records.list', { kind: 'tickets', limit: 1000 }, cliContext);
  return list.items.map((item) => ({ item, queue: item.labels.find((l) => l.task === 'queue') }));
}

describe('importing tickets', () => {
  it('keeps history as labels, saves the mapping, adds nothing the second time, and trains the first models', async () => {
    const core = open();
    const report = await importTickets(core);
    expect(report).toMatchObject({
      kind: 'tickets',
      source: 'Helpdesk',
      rows: 150,
      imported: 150,
      skipped: 0,
    });
    expect(report.labelled).toEqual({ queue: 135, priority: 135 });
    // The window's import answers at once; the first versions train in the background.
    expect(report.predicted).toBeNull();
    const sources = await core.router.invoke('records.sources', { kind: 'tickets' }, cliContext);
    expect(sources.map((s) => s.source)).toEqual(['Helpdesk']);
    expect(sources[0]!.mapping.columns).toMatchObject({ queue: 'Group', subject: 'Subject' });

    const status = await core.router.invoke('records.status', { kind: 'tickets' }, cliContext);
    for (const s of status) {
      expect(s.mode).toBe('model');
      expect(s.activeVersion).toBe(1);
      expect(s.examples).toBe(135);
      expect(s.lastTraining).toMatchObject({ status: 'promoted', trigger: 'import', version: 1 });
      expect(s.lastTraining!.heldOut).toBeGreaterThan(10);
    }
    // The promoted version routed the 15 new tickets by itself.
    const routed = (await ticketLabels(core)).filter((t) => t.queue?.source === 'model');
    expect(routed).toHaveLength(15);

    const again = await core.router.invoke(
      'records.import',
      { fileName: 'tickets.csv', dataBase64: b64(ticketsCsv(makeTickets(150, 15))), mapping: ticketsMapping },
      cliContext,
    );
    expect(again).toMatchObject({ imported: 0, skipped: 150 });
  });

  it('refuses a mapping that names a column the file does not have, in words, and imports nothing', async () => {
    const core = open();
    const bad = { ...ticketsMapping, columns: { ...ticketsMapping.columns, queue: 'Queue name' } };
    const err = await core.router
      .invoke(
        'records.import',
        { fileName: 't.csv', dataBase64: b64(ticketsCsv(makeTickets(5, 0))), mapping: bad },
        cliContext,
      )
      .catch((e: unknown) => e as { code: string; message: string });
    expect(err).toMatchObject({ code: 'BAD_INPUT' });
    expect((err as { message: string }).message).toContain('Queue name');
    expect((await core.router.invoke('records.list', { kind: 'tickets' }, cliContext)).total).toBe(0);
  });

  it('refuses empty and binary files with a clear error', async () => {
    const core = open();
    for (const [name, bytes] of [
      ['empty.csv', Buffer.alloc(0)],
      [
        'image.csv',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
      ],
    ] as const) {
      const err = await core.router
        .invoke(
          'records.preview',
          { kind: 'tickets', fileName: name, dataBase64: Buffer.from(bytes).toString('base64') },
          cliContext,
        )
        .catch((e: unknown) => e as { code: string; message: string });
      expect(err).toMatchObject({ code: 'BAD_INPUT' });
    }
  });
});

describe('routing', () => {
  it('gives the three outcomes by the thresholds, with the top three and why', async () => {
    const core = open();
    await importTickets(core);
    const queueOf = async () =>
      (await ticketLabels(core)).flatMap((t) => (t.queue && t.queue.source === 'model' ? [t.queue] : []));

    await call(core, 'records.setThresholds', { task: 'queue', high: 0, low: 0 });
    await call(core, 'records.predict', { kind: 'tickets' });
    expect((await queueOf()).every((q) => q.status === 'auto' && typeof q.value === 'string')).toBe(true);

    await call(core, 'records.setThresholds', { task: 'queue', high: 1, low: 0 });
    await call(core, 'records.predict', { kind: 'tickets' });
    const suggested = await queueOf();
    expect(suggested.every((q) => q.status === 'suggested' && q.value === null && q.top.length === 3)).toBe(
      true,
    );

    await call(core, 'records.setThresholds', { task: 'queue', high: 1, low: 1 });
    const report = await core.router.invoke('records.predict', { kind: 'tickets' }, cliContext);
    const unassigned = await queueOf();
    expect(unassigned.every((q) => q.status === 'unassigned' && q.value === null && q.top.length === 3)).toBe(
      true,
    );
    expect(report.unassigned).toBeGreaterThanOrEqual(15);

    // Why: the words that pushed the best label, from the model that made the prediction.
    const { item } = (await ticketLabels(core)).find((t) => t.queue?.source === 'model')!;
    const detail = await core.router.invoke('records.get', { id: item.id }, cliContext);
    const why = detail.why.find((w) => w.task === 'queue')!;
    expect(why.evidence.length).toBeGreaterThan(0);
    expect(why.evidence[0]!.weight).toBeGreaterThan(0);
    const text = `${detail.subject} ${detail.body}`.toLowerCase();
    for (const e of why.evidence) expect(text).toContain(e.text.toLowerCase().split(' ')[0]);
  });

  it('lets rules win over the model, the first in order, and says which rule fired', async () => {
    const core = open();
    await importTickets(core);
    const first = await core.router.invoke(
      'rules.save',
      { task: 'queue', match: 'keyword', pattern: 'tracking number', value: 'Carrier desk' },
      cliContext,
    );
    await core.router.invoke(
      'rules.save',
      { task: 'queue', match: 'domain', pattern: 'example1.com', value: 'Key accounts' },
      cliContext,
    );
    await call(core, 'records.predict', { kind: 'tickets' });
    for (const { item, queue } of await ticketLabels(core)) {
      if (queue?.status === 'accepted') continue; // history is never overridden
      const detail = await core.router.invoke('records.get', { id: item.id }, cliContext);
      const text = `${detail.subject} ${detail.body}`;
      if (/tracking number/i.test(text)) {
        expect(queue).toMatchObject({ value: 'Carrier desk', source: 'rule', status: 'auto' });
        expect(queue!.reason).toContain(`Rule ${first.id}`);
      } else if (item.requester?.endsWith('@example1.com')) {
        expect(queue).toMatchObject({ value: 'Key accounts', source: 'rule' });
      } else {
        expect(queue?.source).toBe('model');
      }
    }
    const bad = await core.router
      .invoke('rules.save', { task: 'queue', match: 'regex', pattern: '(a+)+$', value: 'X' }, cliContext)
      .catch((e: unknown) => e as { code: string });
    expect(bad).toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('reviews and the learning loop', () => {
  it('stores each accept and correction as an example, undoes them, and refuses an undo after a change', async () => {
    const core = open();
    await importTickets(core);
    await call(core, 'records.setThresholds', { task: 'queue', high: 1, low: 0 });
    await call(core, 'records.predict', { kind: 'tickets' });
    const waiting = (await ticketLabels(core)).filter((t) => t.queue?.status === 'suggested');
    const corrections = () =>
      (
        core.store.db
          .prepare(`SELECT count(*) AS n FROM corrections WHERE subject_type = 'record'`)
          .get() as { n: number }
      ).n;
    const a = waiting[0]!;
    const accepted = await core.router.invoke('records.accept', { id: a.item.id, task: 'queue' }, cliContext);
    expect(accepted.record.labels.find((l) => l.task === 'queue')).toMatchObject({
      status: 'accepted',
      value: a.queue!.top[0]!.label,
      source: 'model',
    });
    expect(corrections()).toBe(1);
    await core.router.invoke('records.undo', { reviewIds: accepted.reviewIds }, cliContext);
    expect(corrections()).toBe(0);
    const back = await core.router.invoke('records.get', { id: a.item.id }, cliContext);
    expect(back.labels.find((l) => l.task === 'queue')).toMatchObject({ status: 'suggested', value: null });

    const corrected = await core.router.invoke(
      'records.setLabel',
      { id: a.item.id, task: 'queue', value: 'Escalations' },
      cliContext,
    );
    expect(corrected.record.labels.find((l) => l.task === 'queue')).toMatchObject({
      value: 'Escalations',
      source: 'user',
    });
    await core.router.invoke(
      'records.setLabel',
      { id: a.item.id, task: 'queue', value: 'Billing' },
      cliContext,
    );
    const refused = await core.router
      .invoke('records.undo', { reviewIds: corrected.reviewIds }, cliContext)
      .catch((e: unknown) => e as { code: string });
    expect(refused).toMatchObject({ code: 'CONFLICT' });

    const wrongShape = await core.router
      .invoke('records.setLabel', { id: a.item.id, task: 'queue', value: ['Billing'] }, cliContext)
      .catch((e: unknown) => e as { code: string });
    expect(wrongShape).toMatchObject({ code: 'BAD_INPUT' });

    // Bulk accept of everything at or above a probability, undone in one go.
    const bulk = await core.router.invoke(
      'records.acceptConfident',
      { kind: 'tickets', minProbability: 0 },
      cliContext,
    );
    expect(bulk.accepted).toBeGreaterThan(5);
    const undone = await core.router.invoke('records.undo', { reviewIds: bulk.reviewIds }, cliContext);
    expect(undone.undone).toBe(bulk.reviewIds.length);
  });

  it('never overwrites a review made while a prediction run is computing', async () => {
    const core = open();
    await importTickets(core);
    const waiting = (await ticketLabels(core)).find((t) => t.queue?.source === 'model')!;
    const run = core.router.invoke('records.predict', { kind: 'tickets' }, cliContext);
    const corrected = await core.router.invoke(
      'records.setLabel',
      { id: waiting.item.id, task: 'queue', value: 'Escalations' },
      cliContext,
    );
    await run;
    const after = await core.router.invoke('records.get', { id: waiting.item.id }, cliContext);
    expect(after.labels.find((l) => l.task === 'queue')).toMatchObject({
      status: 'accepted',
      value: 'Escalations',
    });
    const undone = await core.router.invoke('records.undo', { reviewIds: corrected.reviewIds }, cliContext);
    expect(undone.undone).toBe(1);
  });

  it('retrains on demand, promotes a version that is not worse, and rolls back in one step', async () => {
    const core = open();
    await importTickets(core);
    await call(core, 'records.setThresholds', { task: 'queue', high: 1, low: 0 });
    await call(core, 'records.predict', { kind: 'tickets' });
    for (const t of (await ticketLabels(core)).filter((x) => x.queue?.status === 'suggested').slice(0, 5)) {
      await core.router.invoke('records.accept', { id: t.item.id, task: 'queue' }, cliContext);
    }
    let status = (await core.router.invoke('records.status', { kind: 'tickets' }, cliContext))[0]!;
    expect(status.newExamples).toBe(5);

    const started = await core.router.invoke('records.retrain', { task: 'queue' }, cliContext);
    expect(started.status).toBe('running');
    const conflict = await core.router
      .invoke('records.retrain', { task: 'queue' }, cliContext)
      .catch((e: unknown) => e as { code: string });
    expect(conflict).toMatchObject({ code: 'CONFLICT' });
    await core.records.settled();
    status = (await core.router.invoke('records.status', { kind: 'tickets' }, cliContext))[0]!;
    expect(status.lastTraining).toMatchObject({
      status: 'promoted',
      trigger: 'manual',
      version: 2,
      previousVersion: 1,
    });
    expect(status.lastTraining!.score!).toBeGreaterThanOrEqual(status.lastTraining!.previousScore!);
    expect(status.lastTraining!.metrics!.confusion!.length).toBe(3);
    expect(status.activeVersion).toBe(2);
    expect(status.newExamples).toBe(0);

    const rolled = await core.router.invoke('records.rollback', { task: 'queue' }, cliContext);
    expect(rolled.activeVersion).toBe(1);
    expect(rolled.versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it('keeps the version in use when the new one is worse on the held-out slice', async () => {
    const core = open();
    await importTickets(core);
    // Corrections that teach the opposite of the truth, on the training side of the slice only: the
    // candidate learns them, the held-out slice (still right) shows it is worse.
    const queues = Object.keys(QUEUE_PHRASES);
    for (const { item, queue } of await ticketLabels(core)) {
      if (queue?.status !== 'accepted' || inHeldOutSlice(item.id)) continue;
      const wrong = queues[(queues.indexOf(queue.value as string) + 1) % queues.length]!;
      await core.router.invoke('records.setLabel', { id: item.id, task: 'queue', value: wrong }, cliContext);
    }
    await core.records.settled(); // 50 corrections may have started a retraining by themselves
    await core.router.invoke('records.retrain', { task: 'queue' }, cliContext);
    await core.records.settled();
    const status = (await core.router.invoke('records.status', { kind: 'tickets' }, cliContext))[0]!;
    expect(status.lastTraining).toMatchObject({ status: 'kept', previousVersion: 1 });
    expect(status.lastTraining!.score!).toBeLessThan(status.lastTraining!.previousScore!);
    expect(status.activeVersion).toBe(1);
    expect(status.versions.length).toBeGreaterThanOrEqual(2);
  });
});

describe('CRM records', () => {
  const rows = [
    [
      'C1',
      'Ana',
      'López',
      ' Ana.Lopez@Acme.example ',
      '+44 20 7946 0958',
      'ACME, Inc.',
      'Asked for pricing of the enterprise plan',
      '',
    ],
    [
      'C2',
      'Ben',
      'Okafor',
      'ben@northwind.example',
      '020 7946 0959',
      'Northwind Ltd',
      'Unhappy about the outage, considering other vendors',
      '',
    ],
    [
      'C3',
      'Ana',
      'Lopez',
      'ana.lopez@acme.example',
      '020 7946 0958',
      'Acme Inc',
      '=HYPERLINK("http://evil.example","click")',
      '',
    ],
    ['C4', 'Cleo', 'Martin', 'not-an-email', '12', 'Globex', 'Renewal due in March', ''],
  ];

  it('normalises emails and phones, flags likely duplicates, tags from keywords until a model exists, and exports safely', async () => {
    const core = open();
    // National numbers are read in the user's region (the machine's locale until it is set).
    await core.router.invoke('settings.set', { key: 'records.defaultPhoneRegion', value: 'GB' }, cliContext);
    const report = await core.router.invoke(
      'records.import',
      { fileName: 'contacts.csv', dataBase64: b64(contactsCsv(rows)), mapping: crmMapping },
      cliContext,
    );
    expect(report).toMatchObject({ imported: 4, duplicates: 1 });
    expect(report.problems.map((p) => p.line)).toContain(5); // C4's email and phone, kept as written
    const list = await core.router.invoke('records.list', { kind: 'crm' }, cliContext);
    const byName = (n: string) =>
      list.items.find((i) => i.title.startsWith(n) && i.email !== null) ??
      list.items.find((i) => i.title.startsWith(n))!;
    const ana = list.items.filter((i) => i.title.startsWith('Ana'));
    expect(ana.map((a) => a.email)).toEqual(['ana.lopez@acme.example', 'ana.lopez@acme.example']);
    expect(ana.map((a) => a.phone)).toEqual(['+442079460958', '+442079460958']);
    const dup = ana.find((a) => a.duplicateOf !== null)!;
    expect(dup.duplicateOf).toBe(ana.find((a) => a.duplicateOf === null)!.id);
    expect(byName('Cleo')).toMatchObject({ email: null, phone: null });

    await core.router.invoke(
      'tags.save',
      { name: 'Pricing interest', description: 'Wants prices or a quote', keywords: ['pricing', 'quote'] },
      cliContext,
    );
    await core.router.invoke(
      'tags.save',
      {
        name: 'Churn risk',
        description: 'May leave for a competitor',
        keywords: ['other vendors', 'cancel'],
      },
      cliContext,
    );
    const dupTag = await core.router
      .invoke('tags.save', { name: 'churn RISK', description: '', keywords: [] }, cliContext)
      .catch((e: unknown) => e as { code: string });
    expect(dupTag).toMatchObject({ code: 'CONFLICT' });

    const tagged = await core.router.invoke('records.predict', { kind: 'crm' }, cliContext);
    expect(tagged.models).toEqual([{ task: 'tags', mode: 'keywords', modelId: null, version: null }]);
    const after = await core.router.invoke('records.list', { kind: 'crm' }, cliContext);
    const tagsOf = (name: string) =>
      after.items.find((i) => i.title.startsWith(name))!.labels.find((l) => l.task === 'tags')!;
    expect(tagsOf('Ben')).toMatchObject({ status: 'suggested', source: 'keywords' });
    expect(tagsOf('Ben').top.map((t) => t.label)).toEqual(['Churn risk']);
    expect(tagsOf('Ben').reason).toContain('other vendors');
    const status = await core.router.invoke('records.status', { kind: 'crm' }, cliContext);
    expect(status[0]).toMatchObject({ mode: 'keywords', coldStart: { needed: 10 } });

    const ben = after.items.find((i) => i.title.startsWith('Ben'))!;
    await core.router.invoke('records.accept', { id: ben.id }, cliContext);
    const file = await core.router.invoke('records.export', { kind: 'crm' }, cliContext);
    const csv = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    const parsed = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(parsed[0]!)).toEqual([
      'Record ID',
      'First name',
      'Last name',
      'Email',
      'Phone',
      'Company',
      'Notes',
      'Tags',
      'Docket tags',
      'Docket status',
      'Docket email',
      'Docket phone',
      'Docket likely duplicate of',
    ]);
    const exported = (id: string) => parsed.find((r) => r['Record ID'] === id)!;
    expect(exported('C2')['Docket tags']).toBe('Churn risk');
    expect(exported('C3').Notes).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(exported('C3')['Docket likely duplicate of']).toBe('C1');
    expect(exported('C1')['Docket phone']).toBe('+442079460958'); // a number computes nothing: no apostrophe
    expect(exported('C1').Email).toBe(' Ana.Lopez@Acme.example '); // the CRM's own column as it was
  });
});

describe('CRM cold start with an installed zero-shot model', () => {
  it('suggests tags from the zero-shot model (never applies them) and says it is in use', async () => {
    const core = open();
    await core.models.install(join(FIXTURE_ROOT, TINY_FOLDERS.zeroShot), {
      actor: 'test',
      modelId: 'zero-shot',
    });
    await core.router.invoke(
      'records.import',
      {
        fileName: 'contacts.csv',
        dataBase64: b64(
          contactsCsv([
            ['Z1', 'Ann', 'Ito', 'ann@x.example', '', 'X', 'Please pay the attached invoice', ''],
            ['Z2', 'Bo', 'Li', 'bo@y.example', '', 'Y', 'The agreement has been signed', ''],
          ]),
        ),
        mapping: crmMapping,
      },
      cliContext,
    );
    await core.router.invoke('tags.save', { name: 'invoices', description: '', keywords: [] }, cliContext);
    await core.router.invoke('tags.save', { name: 'contracts', description: '', keywords: [] }, cliContext);
    const report = await core.router.invoke('records.predict', { kind: 'crm' }, cliContext);
    expect(report.models[0]).toMatchObject({ task: 'tags', mode: 'zero-shot' });
    expect(report.auto).toBe(0);
    const list = await core.router.invoke('records.list', { kind: 'crm' }, cliContext);
    const tags = (id: string) => list.items.find((i) => i.title.startsWith(id))!.labels[0]!;
    expect(tags('Ann')).toMatchObject({ status: 'suggested', source: 'zero-shot', value: null });
    expect(tags('Ann').top[0]!.label).toBe('invoices');
    expect(tags('Bo').top[0]!.label).toBe('contracts');
    const detail = await core.router.invoke('records.get', { id: list.items[0]!.id }, cliContext);
    expect(detail.why).toEqual([]); // a zero-shot model's words are not weighed
  });
});

describe('escalation', () => {
  async function llmServer(answer: string): Promise<{ server: Server; url: string; requests: unknown[] }> {
    const requests: unknown[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        requests.push(JSON.parse(body));
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: answer } }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests };
  }

  it('sends nothing while off; once an admin turns it on, unsure items go once and the answer is a suggestion', async () => {
    const { server, url, requests } = await llmServer('Shipping');
    try {
      const core = open();
      await importTickets(core);
      await call(core, 'records.setThresholds', { task: 'queue', high: 1, low: 1 }); // every prediction unsure
      await call(core, 'records.predict', { kind: 'tickets' });
      expect(requests).toHaveLength(0);
      expect(await core.router.invoke('escalation.get', {}, cliContext)).toMatchObject({ enabled: false });

      // Admin only: the window's transport may not turn it on.
      const fromWindow = await core.router
        .invoke(
          'escalation.set',
          { enabled: true, url, model: 'local' },
          { transport: 'http', actor: 'http' },
        )
        .catch((e: unknown) => e as { code: string });
      expect(fromWindow).toMatchObject({ code: 'FORBIDDEN' });

      await core.router.invoke('escalation.set', { enabled: true, url, model: 'local-llm' }, cliContext);
      const report = await core.router.invoke('records.predict', { kind: 'tickets' }, cliContext);
      expect(report.escalated).toBeGreaterThanOrEqual(15);
      expect(requests.length).toBe(report.escalated);
      expect(JSON.stringify(requests[0])).toContain('local-llm');
      const escalated = (await ticketLabels(core)).filter((t) => t.queue?.source === 'escalation');
      expect(escalated.length).toBeGreaterThanOrEqual(15);
      expect(
        escalated.every((t) => t.queue!.status === 'suggested' && t.queue!.top[0]!.label === 'Shipping'),
      ).toBe(true);
      const detail = await core.router.invoke('records.get', { id: escalated[0]!.item.id }, cliContext);
      expect(detail.escalations[0]).toMatchObject({
        status: 'answered',
        label: 'Shipping',
        reply: 'Shipping',
      });
      expect(detail.escalated).toBe(true);

      // Each item goes once.
      await call(core, 'records.predict', { kind: 'tickets' });
      expect(requests.length).toBe(report.escalated);

      // Turned off again: nothing more is sent, whatever waits.
      await core.router.invoke('escalation.set', { enabled: false }, cliContext);
      await core.router.invoke(
        'records.import',
        {
          fileName: 'more.csv',
          dataBase64: b64(ticketsCsv(makeTickets(20, 20, 99))),
          mapping: ticketsMapping,
        },
        cliContext,
      );
      const off = await core.router.invoke('records.predict', { kind: 'tickets' }, cliContext);
      expect(off.unassigned).toBeGreaterThan(0);
      expect(off.escalated).toBe(0);
      expect(requests.length).toBe(report.escalated);
      expect(JSON.stringify(await core.router.invoke('settings.list', {}, cliContext))).not.toContain(url);
    } finally {
      server.close();
    }
  });

  it('is refused when policy forbids it, and a configured endpoint then gets nothing', async () => {
    const { server, url, requests } = await llmServer('Billing');
    try {
      const allowed = open();
      await importTickets(allowed);
      await allowed.router.invoke('escalation.set', { enabled: true, url, model: 'm' }, cliContext);
      const path = allowed.store.path;
      await allowed.close();
      cores.splice(cores.indexOf(allowed), 1);

      const core = openCore({
        path,
        key: TEST_KEY,
        log: { error: () => {} },
        records: { policy: { forbidEscalation: true } as Policy },
      });
      cores.push(core);
      await call(core, 'records.setThresholds', { task: 'queue', high: 1, low: 1 });
      await call(core, 'records.predict', { kind: 'tickets' });
      expect(requests).toHaveLength(0);
      expect(await core.router.invoke('escalation.get', {}, cliContext)).toMatchObject({
        enabled: false,
        forbiddenByPolicy: true,
      });
      const refused = await core.router
        .invoke('escalation.set', { enabled: true, url, model: 'm' }, cliContext)
        .catch((e: unknown) => e as { code: string });
      expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      server.close();
    }
  });
});
