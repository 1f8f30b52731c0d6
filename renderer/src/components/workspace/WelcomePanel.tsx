// What an empty Docket offers: try everything on fictional sample data (a workspace of its own), or import
// the user's own folder. While the sample data loads, its steps and progress are shown here.
import { Alert, Button, Group, List, Paper, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { SampleError } from './SampleBanner.tsx';
import { useWorkspaceAction, type WorkspaceState } from '../../api/workspace.ts';

type Loading = NonNullable<WorkspaceState['sample']['loading']>;

const STEPS: { step: Loading['step']; label: string }[] = [
  { step: 'models', label: 'Create the sample workspace with the models Docket ships' },
  { step: 'documents', label: 'Read invoices, receipts, scans, contracts and emails' },
  { step: 'tickets', label: "Learn the help desk's queues from its history and route the new tickets" },
  { step: 'crm', label: 'Import the CRM, learn its tags and tag the contacts' },
  { step: 'report', label: 'Sum it up' },
];

export function SampleLoading({ loading }: { loading: Loading }) {
  const current = STEPS.findIndex((s) => s.step === loading.step);
  const value = loading.total > 0 ? Math.round((loading.done / loading.total) * 100) : 0;
  return (
    <Stack gap="xs" role="status" aria-live="polite" aria-label="Loading the sample data">
      <List spacing={4} size="sm" center>
        {STEPS.map((s, i) => (
          <List.Item
            key={s.step}
            icon={
              <ThemeIcon
                size={18}
                radius="xl"
                color={i < current ? 'teal' : i === current ? 'blue' : 'gray'}
                variant={i <= current ? 'filled' : 'light'}
                aria-hidden="true"
              >
                <Text span size="xs" fw={700} c={i <= current ? 'white' : 'dimmed'}>
                  {i < current ? '✓' : i + 1}
                </Text>
              </ThemeIcon>
            }
          >
            <Text span size="sm" fw={i === current ? 600 : 400} c={i > current ? 'dimmed' : undefined}>
              {s.label}
              {i < current ? ' — done' : ''}
            </Text>
          </List.Item>
        ))}
      </List>
      <Text size="sm">
        {loading.message}
        {loading.total > 1 ? ` (${loading.done} of ${loading.total})` : '…'}
      </Text>
      <Progress value={value} animated aria-label={loading.message} />
    </Stack>
  );
}

export function WelcomePanel({ workspace }: { workspace: WorkspaceState }) {
  const trySample = useWorkspaceAction('workspace.trySample');
  const { sample } = workspace;
  const [importError, setImportError] = useState<string | null>(null);
  const importMyFolder = (): void => {
    const bridge = window.docket;
    // In the desktop app the folder is chosen at once; in a browser the Imports area takes its path.
    if (!bridge?.choosePaths) {
      window.location.hash = '#/imports';
      return;
    }
    setImportError(null);
    bridge
      .choosePaths('folder')
      .then(async (paths) => {
        if (!paths.length) return;
        await api.call('imports.start', { paths });
        window.location.hash = '#/imports';
      })
      .catch((e: unknown) => setImportError((e as Error).message));
  };
  const error = trySample.error?.message ?? sample.error;
  return (
    <Paper withBorder p="xl" radius="md" maw={760}>
      <Stack gap="md">
        <Title order={3} size="h3">
          Welcome to Docket
        </Title>
        <Text>
          Docket reads invoices, receipts, contracts, help-desk tickets and CRM records, and extracts, routes
          and tags them with models that run on this computer. Nothing you import leaves it.
        </Text>
        {sample.loading ? (
          <SampleLoading loading={sample.loading} />
        ) : (
          <>
            <Group>
              <Button
                size="md"
                onClick={() => trySample.mutate()}
                loading={trySample.isPending}
                disabled={!sample.available}
              >
                {sample.exists ? 'Open the sample workspace' : 'Try with sample data'}
              </Button>
              <Button size="md" variant="default" onClick={importMyFolder}>
                Import my folder
              </Button>
            </Group>
            <Text size="sm" c="dimmed">
              {sample.available
                ? 'The sample data is fictional: invoices and receipts in five languages (some of them scanned), contracts, a help desk’s tickets with their history, a CRM export and a few emails. It goes into a separate sample workspace that you can delete in one click; your own workspace stays as it is.'
                : 'This installation does not include the sample data.'}
            </Text>
          </>
        )}
        {error ? <SampleError workspace={workspace} message={error} /> : null}
        {importError ? (
          <Alert color="red" title="The import could not start">
            {importError}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
