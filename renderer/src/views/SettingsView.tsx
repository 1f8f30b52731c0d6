import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { Output, SettingKey, Status } from '../../../main/api/contract.ts';
import { api } from '../api/client.ts';

interface Draft {
  'ui.density': string;
  'ui.colorScheme': string;
  'records.defaultPhoneRegion': string;
  'ingest.workers': number | string;
  'ingest.maxFileMb': number | string;
  'ingest.maxPages': number | string;
  'ingest.timeoutSeconds': number | string;
}

const defaults: Draft = {
  'ui.density': 'comfortable',
  'ui.colorScheme': 'light',
  'records.defaultPhoneRegion': '',
  'ingest.workers': 2,
  'ingest.maxFileMb': 200,
  'ingest.maxPages': 2000,
  'ingest.timeoutSeconds': 600,
};

function DatabaseCard({ status }: { status: Status | null }) {
  return (
    <Paper withBorder p="md" maw={720}>
      <Title order={3} size="h5" mb="xs">
        Database
      </Title>
      {status ? (
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={160}>File</Table.Th>
              <Table.Td style={{ wordBreak: 'break-all' }}>{status.database}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Encryption</Table.Th>
              <Table.Td>
                {status.encrypted ? `Encrypted at rest (${status.cipher})` : 'Not encrypted'}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Schema version</Table.Th>
              <Table.Td>{status.schemaVersion}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Size</Table.Th>
              <Table.Td>{(status.sizeBytes / 1024).toFixed(0)} KB</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">Connecting…</Text>
      )}
    </Paper>
  );
}

function toSettingValue(key: SettingKey, value: string | number): unknown {
  if (key.startsWith('ingest.')) return typeof value === 'number' ? value : Number(value);
  if (key === 'records.defaultPhoneRegion') return String(value).toUpperCase();
  return value;
}

function toDraft(saved: Output<'settings.list'>): Draft {
  const draft = { ...defaults };
  for (const s of saved) (draft as Record<string, unknown>)[s.key] = s.value;
  return draft;
}

export function SettingsView({ status }: { status: Status | null }) {
  const settings = useQuery({ queryKey: ['settings.list'], queryFn: () => api.call('settings.list', {}) });
  const audit = useQuery({ queryKey: ['audit.list'], queryFn: () => api.call('audit.list', { limit: 10 }) });
  return (
    <Stack gap="lg">
      <DatabaseCard status={status} />
      {settings.error ? (
        <Alert color="red" title="Could not load settings">
          {settings.error.message}
        </Alert>
      ) : null}
      {settings.data ? <PreferencesForm initial={toDraft(settings.data)} /> : null}
      <AuditCard entries={audit.data} />
    </Stack>
  );
}

function PreferencesForm({ initial }: { initial: Draft }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(initial);
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    // Only what changed is sent, so the activity log shows real changes and nothing else is touched.
    mutationFn: async (d: Draft) => {
      const changed = (Object.keys(d) as SettingKey[]).filter((key) => d[key] !== initial[key]);
      for (const key of changed) await api.call('settings.set', { key, value: toSettingValue(key, d[key]) });
    },
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['settings.list'] });
      await queryClient.invalidateQueries({ queryKey: ['audit.list'] });
    },
  });

  const update = <K extends keyof Draft>(key: K, value: Draft[K]): void => {
    setSaved(false);
    setDraft((prev) => ({ ...prev, [key]: value }));
  };

  return (
    <Paper
      withBorder
      p="md"
      maw={720}
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(draft);
      }}
    >
      <Title order={3} size="h5" mb="xs">
        Preferences
      </Title>
      <Stack gap="sm">
        <Select
          label="Table density"
          data={[
            { value: 'comfortable', label: 'Comfortable' },
            { value: 'compact', label: 'Compact' },
          ]}
          value={draft['ui.density']}
          onChange={(v) => update('ui.density', v ?? 'comfortable')}
          allowDeselect={false}
        />
        <Select
          label="Colour scheme"
          data={[
            { value: 'light', label: 'Light' },
            { value: 'dark', label: 'Dark' },
            { value: 'auto', label: 'Follow the system' },
          ]}
          value={draft['ui.colorScheme']}
          onChange={(v) => update('ui.colorScheme', v ?? 'light')}
          allowDeselect={false}
        />
        <TextInput
          label="Default phone region"
          description="Two-letter country code used to read phone numbers without a country prefix, e.g. GB or DE."
          value={draft['records.defaultPhoneRegion']}
          onChange={(e) => update('records.defaultPhoneRegion', e.currentTarget.value)}
          maxLength={2}
        />
        <NumberInput
          label="Import workers"
          description="How many files are read at the same time."
          min={1}
          max={64}
          value={draft['ingest.workers']}
          onChange={(v) => update('ingest.workers', v)}
        />
        <Group grow align="flex-start">
          <NumberInput
            label="Largest file (MB)"
            description="Larger files are listed as too large."
            min={1}
            max={10000}
            value={draft['ingest.maxFileMb']}
            onChange={(v) => update('ingest.maxFileMb', v)}
          />
          <NumberInput
            label="Most pages per file"
            min={1}
            max={100000}
            value={draft['ingest.maxPages']}
            onChange={(v) => update('ingest.maxPages', v)}
          />
          <NumberInput
            label="Time limit per file (s)"
            min={1}
            max={3600}
            value={draft['ingest.timeoutSeconds']}
            onChange={(v) => update('ingest.timeoutSeconds', v)}
          />
        </Group>
        {save.error ? (
          <Alert color="red" title="Not saved">
            {save.error.message}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save settings
          </Button>
          {saved ? (
            <Text size="sm" role="status">
              Saved.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

function AuditCard({ entries }: { entries: Output<'audit.list'> | undefined }) {
  return (
    <Paper withBorder p="md" maw={720}>
      <Title order={3} size="h5" mb="xs">
        Recent activity
      </Title>
      {entries && entries.length > 0 ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{new Date(a.at).toLocaleString()}</Table.Td>
                <Table.Td>{a.actor}</Table.Td>
                <Table.Td>
                  {a.action}
                  {a.subject ? ` ${a.subject}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">Changes to settings, imports and models are recorded here.</Text>
      )}
    </Paper>
  );
}
