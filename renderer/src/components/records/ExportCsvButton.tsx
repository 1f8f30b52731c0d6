// "Export CSV": the ticked records (else those the filters show, else all of the kind) with their labels, as a CSV the
// CRM or help desk can re-import (the core neutralises cells that would run as spreadsheet formulas).
import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { count, type RecordKind } from './format.ts';
import { exportRecords } from './hooks.ts';

export function ExportCsvButton({
  kind,
  tickedCount,
  total,
  filtered,
  ids,
}: {
  kind: RecordKind;
  tickedCount: number;
  /** Records the list shows. */
  total: number;
  /** The list is filtered: without ticks, the export is what it shows. */
  filtered: boolean;
  /** The ticked ids, or undefined for every record of the kind. */
  ids: () => Promise<number[] | undefined>;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const chosen = await ids();
      const file = await exportRecords(kind, chosen);
      setMessage({ ok: true, text: `Exported ${count(file.rows, kind)} to ${file.fileName}.` });
    } catch (e) {
      setMessage({ ok: false, text: `The export failed: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };
  const what =
    tickedCount > 0
      ? `the ${count(tickedCount, kind)} ticked`
      : filtered
        ? `the ${count(total, kind)} shown`
        : `all ${count(total, kind)}`;
  return (
    <Group gap="xs" align="center" role="group" aria-label="Export">
      <Text size="sm" role="status" c={message && !message.ok ? 'red.9' : undefined}>
        {message?.text ?? ''}
      </Text>
      <Button
        size="xs"
        variant="default"
        loading={busy}
        disabled={total === 0}
        onClick={() => void run()}
        title={`Export ${what} with their labels as CSV`}
      >
        Export CSV
      </Button>
      <Text size="xs" c="dimmed" component="span">
        {what}
      </Text>
    </Group>
  );
}
