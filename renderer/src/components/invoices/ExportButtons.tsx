// Export the ticked invoices as CSV, JSON or XLSX: the core writes the file, the browser downloads it.
import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { exportInvoices, type ExportFormat } from './hooks.ts';

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'csv', label: 'CSV', hint: 'comma-separated, for spreadsheets and accounting imports' },
  { format: 'json', label: 'JSON', hint: 'every field with its confidence and box' },
  { format: 'xlsx', label: 'XLSX', hint: 'an Excel workbook' },
];

export function ExportButtons({ count, ids }: { count: number; ids: () => Promise<number[]> }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setMessage(null);
    try {
      const chosen = await ids();
      const fileName = await exportInvoices(chosen, format);
      setMessage({
        ok: true,
        text: `Exported ${chosen.length.toLocaleString()} ${chosen.length === 1 ? 'invoice' : 'invoices'} to ${fileName}.`,
      });
    } catch (e) {
      setMessage({ ok: false, text: `The export failed: ${(e as Error).message}` });
    } finally {
      setBusy(null);
    }
  };
  const what = `${count.toLocaleString()} selected ${count === 1 ? 'invoice' : 'invoices'}`;
  return (
    <Group gap="xs" align="center" role="group" aria-label="Export the selected invoices">
      <Text size="sm" fw={600} component="span">
        Export {count > 0 ? what : 'selected'}:
      </Text>
      {FORMATS.map((f) => (
        <Button
          key={f.format}
          size="xs"
          variant="default"
          disabled={count === 0 || busy !== null}
          loading={busy === f.format}
          onClick={() => void run(f.format)}
          aria-label={`Export as ${f.label}`}
          title={count === 0 ? 'Tick the invoices to export first' : `${f.label}: ${f.hint}`}
        >
          {f.label}
        </Button>
      ))}
      <Text size="sm" role="status" c={message && !message.ok ? 'red.9' : undefined}>
        {message?.text ?? ''}
      </Text>
    </Group>
  );
}
