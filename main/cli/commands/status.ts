import { cliContext, openExisting } from '../open-core.ts';
import { printResult } from '../output.ts';

export async function status(dbPath: string, json: boolean): Promise<void> {
  const core = openExisting(dbPath, { migrate: false });
  try {
    const s = await core.router.invoke('status.get', {}, cliContext);
    printResult(json, s, () =>
      [
        `Database   ${s.database}`,
        `Schema     ${s.schemaVersion}`,
        `Encrypted  ${s.encrypted ? `yes (${s.cipher})` : 'NO'}`,
        `Engine     ${s.engine.message}`,
        `Contents   ${Object.entries(s.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      ].join('\n'),
    );
  } finally {
    await core.close();
  }
}
