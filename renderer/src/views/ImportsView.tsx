import { useEffect, useState, type DragEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { EventOf, Output } from '../../../main/api/contract.ts';
import { api } from '../api/client.ts';
import { readAsBase64 } from '../api/upload.ts';
import type { Area } from '../areas.ts';
import { EmptyState } from '../components/EmptyState.tsx';

type ImportProgress = EventOf<'imports.progress'>;
type ImportSummary = Output<'imports.list'>[number];
type ImportJob = Output<'imports.jobs'>['items'][number];

/** Reasons in words for the per-file list. */
export const reasonLabels: Record<string, string> = {
  needs_password: 'Needs a password',
  wrong_password: 'Wrong password',
  corrupt: 'Damaged file',
  empty: 'Empty file',
  too_large: 'Too large',
  too_many_pages: 'Too many pages',
  timeout: 'Took too long',
  unsupported: 'Unsupported type',
  unreadable: 'Cannot be read',
};

const outcomeLabels: Record<string, string> = {
  imported: 'Read',
  duplicate: 'Duplicate (linked to the copy already here)',
  unchanged: 'Already imported, unchanged',
  cancelled: 'Cancelled',
};

function formatEta(seconds: number | null): string {
  if (seconds === null) return 'estimating…';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function StartImport({ onStarted }: { onStarted: () => void }) {
  const [paths, setPaths] = useState('');
  const [watch, setWatch] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const bridge = window.docket;

  const start = async (list: string[]): Promise<void> => {
    setError(null);
    setBusy(true);
    try {
      await api.call('imports.start', { paths: list, watch });
      setPaths('');
      onStarted();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = async (e: DragEvent<HTMLDivElement>): Promise<void> => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length === 0) return;
    if (bridge?.pathForFile) {
      await start(files.map((f) => bridge.pathForFile!(f)).filter(Boolean));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const payload = await Promise.all(
        files.map(async (f) => ({ name: f.name, dataBase64: await readAsBase64(f) })),
      );
      await api.call('imports.upload', { files: payload });
      onStarted();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const list = paths
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Import documents
        </Title>
        <div
          className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => void onDrop(e)}
          data-testid="drop-zone"
        >
          <Text size="sm">Drop files here to import them.</Text>
        </div>
        {bridge?.choosePaths ? (
          <Group>
            <Button
              variant="default"
              onClick={() =>
                void bridge.choosePaths!('folder').then((p) => (p.length ? start(p) : undefined))
              }
            >
              Choose folder…
            </Button>
            <Button
              variant="default"
              onClick={() => void bridge.choosePaths!('files').then((p) => (p.length ? start(p) : undefined))}
            >
              Choose files…
            </Button>
          </Group>
        ) : null}
        <Textarea
          label="Folders or files to import"
          description="One path per line. Folders are read with everything inside them."
          placeholder="/home/me/Documents/Invoices"
          autosize
          minRows={1}
          value={paths}
          onChange={(e) => setPaths(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && list.length) void start(list);
          }}
        />
        <Group justify="space-between">
          <Checkbox
            label="Keep watching these folders for new and changed files"
            checked={watch}
            onChange={(e) => setWatch(e.currentTarget.checked)}
          />
          <Button onClick={() => void start(list)} disabled={list.length === 0} loading={busy}>
            Import
          </Button>
        </Group>
        {error ? (
          <Alert color="red" title="The import could not start">
            {error}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

function statusColor(status: string): string {
  // Dark shades: white badge text must keep a 4.5:1 contrast.
  const colors: Record<string, string> = {
    running: 'blue.9',
    watching: 'cyan.9',
    paused: 'gray.7',
    cancelled: 'gray.7',
    done: 'teal.9',
  };
  return colors[status] ?? 'gray.7';
}

function FilesTable({ importId, version }: { importId: number; version: string }) {
  const queryClient = useQueryClient();
  const [passwordFor, setPasswordFor] = useState<ImportJob | null>(null);
  const [password, setPassword] = useState('');
  const jobs = useQuery({
    queryKey: ['imports.jobs', importId, version],
    queryFn: () => api.call('imports.jobs', { importId, limit: 500, offset: 0 }),
  });
  const retryWithPassword = async (): Promise<void> => {
    if (!passwordFor) return;
    await api.call('imports.retry', { importId, jobIds: [passwordFor.id], password });
    setPasswordFor(null);
    setPassword('');
    await queryClient.invalidateQueries({ queryKey: ['imports.jobs', importId] });
  };
  if (!jobs.data) return null;
  return (
    <>
      <Table striped highlightOnHover aria-label="Files in this import" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.data.items.map((j) => (
            <Table.Tr key={j.id}>
              <Table.Td style={{ wordBreak: 'break-all' }}>{j.sourcePath}</Table.Td>
              <Table.Td>
                {j.outcome === 'failed'
                  ? (reasonLabels[j.reason ?? ''] ?? 'Failed')
                  : j.outcome
                    ? outcomeLabels[j.outcome]
                    : j.status === 'running'
                      ? 'Reading…'
                      : 'Waiting'}
              </Table.Td>
              <Table.Td>{j.message ?? ''}</Table.Td>
              <Table.Td>
                {j.reason === 'needs_password' || j.reason === 'wrong_password' ? (
                  <Button size="compact-xs" variant="light" onClick={() => setPasswordFor(j)}>
                    Enter password…
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {jobs.data.total > jobs.data.items.length ? (
        <Text size="xs">
          Showing {jobs.data.items.length} of {jobs.data.total} files, failures first.
        </Text>
      ) : null}
      <Modal
        opened={passwordFor !== null}
        onClose={() => setPasswordFor(null)}
        title="Open a protected PDF"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void retryWithPassword();
          }}
        >
          <Stack>
            <Text size="sm">{passwordFor?.sourcePath}</Text>
            <PasswordInput
              label="Password"
              description="Used once to read the file; Docket does not keep it."
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPasswordFor(null)}>
                Cancel
              </Button>
              <Button type="submit" disabled={!password}>
                Read with this password
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function ImportCard({ item, progress }: { item: ImportSummary; progress: ImportProgress }) {
  const [showFiles, setShowFiles] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const active = progress.status === 'running' || progress.status === 'watching';
  const finished = progress.status === 'done' || progress.status === 'cancelled';
  const percent = progress.total > 0 ? (100 * progress.done) / progress.total : 0;
  const act = (name: 'imports.pause' | 'imports.resume' | 'imports.cancel') =>
    void api.call(name, { importId: item.id });
  return (
    <Card withBorder padding="md" aria-label={`Import ${item.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm" style={{ wordBreak: 'break-all' }}>
            {item.sources.join(', ')}
          </Text>
          <Badge color={statusColor(progress.status)}>{progress.status}</Badge>
        </Group>
        <Progress
          value={percent}
          animated={active && progress.done < progress.total}
          aria-label={`Import ${item.id} progress`}
        />
        <Text size="sm" role="status" data-testid={`import-progress-${item.id}`}>
          {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
          {progress.scanning ? '+ (still looking for files)' : ''} files ·{' '}
          {progress.imported.toLocaleString()} read · {progress.pages.toLocaleString()} pages
          {active
            ? ` · ${progress.pagesPerSecond.toFixed(1)} pages/s · ETA ${formatEta(progress.etaSeconds)}`
            : ''}
          {progress.duplicates ? ` · ${progress.duplicates} duplicates linked` : ''}
          {progress.unchanged ? ` · ${progress.unchanged} unchanged` : ''}
          {progress.failed ? ` · ${progress.failed} failed` : ''}
        </Text>
        {progress.failed > 0 ? (
          <Text size="sm" c="red.8">
            {Object.entries(progress.failedByReason)
              .map(([reason, n]) => `${reasonLabels[reason] ?? reason}: ${n}`)
              .join(' · ')}
          </Text>
        ) : null}
        <Group gap="xs">
          {active ? (
            <Button size="xs" variant="default" onClick={() => act('imports.pause')}>
              Pause
            </Button>
          ) : null}
          {progress.status === 'paused' ? (
            <Button size="xs" variant="default" onClick={() => act('imports.resume')}>
              Resume
            </Button>
          ) : null}
          {!finished ? (
            <Button size="xs" variant="default" color="red" onClick={() => setConfirmCancel(true)}>
              Cancel…
            </Button>
          ) : null}
          {progress.failed > 0 ? (
            <Button
              size="xs"
              variant="light"
              onClick={() => void api.call('imports.retry', { importId: item.id })}
            >
              Retry failed
            </Button>
          ) : null}
          <Button
            size="xs"
            variant="default"
            onClick={() => setShowFiles((s) => !s)}
            aria-expanded={showFiles}
          >
            {showFiles ? 'Hide files' : 'Show files'}
          </Button>
        </Group>
        {/* Refreshed every 25 files and when the import's state changes, not on every progress tick. */}
        {showFiles ? (
          <FilesTable
            importId={item.id}
            version={`${progress.status}:${Math.floor(progress.done / 25)}:${progress.failed}`}
          />
        ) : null}
      </Stack>
      <Modal
        opened={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title="Cancel this import?"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack>
          <Text size="sm">
            Files not yet started are left out. Everything already read stays, and the originals are never
            touched.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCancel(false)}>
              Keep importing
            </Button>
            <Button
              color="red"
              onClick={() => {
                setConfirmCancel(false);
                act('imports.cancel');
              }}
            >
              Cancel import
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

export function ImportsView({ area }: { area: Area }) {
  const list = useQuery({ queryKey: ['imports.list'], queryFn: () => api.call('imports.list', {}) });
  const [live, setLive] = useState<Map<number, ImportProgress>>(new Map());
  useEffect(
    () =>
      api.subscribe('imports.progress', {}, (event) => {
        setLive((prev) => new Map(prev).set(event.importId, event));
      }),
    [],
  );
  const knownIds = new Set(list.data?.map((i) => i.id) ?? []);
  const hasUnknown = [...live.keys()].some((id) => !knownIds.has(id));
  const { refetch } = list;
  useEffect(() => {
    if (hasUnknown) void refetch();
  }, [hasUnknown, refetch]);

  return (
    <Stack gap="md">
      <StartImport onStarted={() => void refetch()} />
      {list.error ? (
        <Alert color="red" title="Could not list imports">
          {list.error.message}
        </Alert>
      ) : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState title={area.emptyTitle}>{area.emptyBody}</EmptyState>
      ) : null}
      <Stack gap="sm" aria-live="polite">
        {list.data?.map((item) => (
          <ImportCard key={item.id} item={item} progress={live.get(item.id) ?? item.progress} />
        ))}
      </Stack>
    </Stack>
  );
}
