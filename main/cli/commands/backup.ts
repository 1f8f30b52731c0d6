import { cliContext, openExisting } from '../open-core.ts';
import { printResult } from '../output.ts';

export async function backup(dbPath: string, out: string, json: boolean): Promise<void> {
  const core = openExisting(dbPath, { migrate: false });
  try {
    const result = await core.router.invoke('store.backup', { out }, cliContext);
    printResult(
      json,
      result,
      () => `Backed up to ${result.path} (${result.sizeBytes} bytes, encrypted with the same key).`,
    );
  } finally {
    await core.close();
  }
}
