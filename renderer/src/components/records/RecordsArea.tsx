// The Tickets or CRM area: import, route or tag, what predicts now and whether escalation is on, then three
// tabs — the review list, the model status, and the kind's own editor (routing rules or tag taxonomy).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import type { Status } from '../../../../main/api/contract.ts';
import type { Area } from '../../areas.ts';
import { EscalationLine } from './EscalationLine.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { ModelStatusCards, ModelSummaryLine } from './ModelStatusCard.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { MODE_NAMES, TASK_NAMES, count, percent, type PredictReport, type RecordKind } from './format.ts';
import { useModelStatus, usePredict, watchTraining } from './hooks.ts';
import './records.css';

const REFRESH_EVERY_MS = 1000;

/**
 * The core says its status changed after imports (the CLI too), reviews, trainings and the predictions a
 * new version makes in the background: look at the list, the open record and the model status again, at
 * most once a second.
 */
function useRefreshOnStatus(status: Status | null, kind: RecordKind): void {
  const queryClient = useQueryClient();
  const seen = useRef<Status | null>(null);
  const last = useRef(0);
  useEffect(() => {
    if (!status || status === seen.current) return;
    const firstLook = seen.current === null;
    seen.current = status;
    if (firstLook) return;
    const wait = Math.max(0, last.current + REFRESH_EVERY_MS - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      void queryClient.invalidateQueries({ queryKey: ['records.list', kind] });
      void queryClient.invalidateQueries({ queryKey: ['records.get'] });
      void queryClient.invalidateQueries({ queryKey: ['records.status', kind] });
    }, wait);
    return () => clearTimeout(timer);
  }, [status, kind, queryClient]);
}

function predictText(r: PredictReport): string {
  const verb = r.kind === 'tickets' ? 'Routed' : 'Tagged';
  if (r.records === 0)
    return `Nothing to ${r.kind === 'tickets' ? 'route' : 'tag'}: every ${r.kind === 'tickets' ? 'ticket' : 'record'} is reviewed.`;
  const parts = [`${r.auto} auto`, `${r.suggested} suggested`, `${r.unassigned} unassigned`];
  if (r.byRule) parts.push(`${r.byRule} by rule`);
  if (r.escalated) parts.push(`${r.escalated} escalated`);
  const models = r.models
    .map(
      (m) =>
        `${TASK_NAMES[m.task].toLowerCase()}: ${MODE_NAMES[m.mode]}${m.version !== null ? ` v${m.version}` : ''}`,
    )
    .join(', ');
  const history =
    r.historyAccuracy !== null ? ` Agrees with your history on ${percent(r.historyAccuracy)}.` : '';
  return `${verb} ${count(r.records, r.kind)} in ${r.seconds.toFixed(1)} s. Their labels: ${parts.join(', ')} (${models}).${history}`;
}

export function RecordsArea({
  kind,
  area,
  status,
  editorTab,
}: {
  kind: RecordKind;
  area: Area;
  status: Status | null;
  editorTab: { value: string; label: string; panel: (predictButton: ReactNode) => ReactNode };
}) {
  useRefreshOnStatus(status, kind);
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<string>('review');
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const model = useModelStatus(kind);
  const predict = usePredict(kind);
  const run = () => {
    setNotice(null);
    predict.mutate(undefined, {
      onSuccess: (r) => {
        setNotice({ ok: true, text: predictText(r) });
        watchTraining(queryClient, kind);
      },
      onError: (e) => setNotice({ ok: false, text: e.message }),
    });
  };
  const predictLabel = kind === 'tickets' ? 'Route tickets' : 'Tag records';
  const predictButton = (
    <Button
      variant="default"
      size="xs"
      onClick={run}
      loading={predict.isPending}
      title={
        kind === 'tickets'
          ? 'Route the tickets not reviewed yet: rules first, then the model'
          : 'Tag the records not reviewed yet with the taxonomy'
      }
    >
      {predictLabel}
    </Button>
  );

  return (
    <Stack gap="sm" className={notice ? 'records-area records-area-noticed' : 'records-area'}>
      <Group justify="space-between" align="center" gap="sm">
        <Group gap="xs">
          <Button size="xs" onClick={() => setImporting(true)}>
            Import…
          </Button>
          {predictButton}
        </Group>
        <ModelSummaryLine statuses={model.data} />
      </Group>
      <EscalationLine />
      {notice ? (
        <Alert
          color={notice.ok ? 'teal' : 'red'}
          role={notice.ok ? 'status' : 'alert'}
          p="xs"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setNotice(null)}
          data-testid="predict-notice"
        >
          <Text size="sm">{notice.text}</Text>
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'review')}>
        <Tabs.List aria-label={`${area.label} views`}>
          <Tabs.Tab value="review">{kind === 'tickets' ? 'Tickets' : 'Records'}</Tabs.Tab>
          <Tabs.Tab value="model">Model status</Tabs.Tab>
          <Tabs.Tab value={editorTab.value}>{editorTab.label}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="review" pt="sm">
          <ReviewPanel
            kind={kind}
            area={area}
            active={tab === 'review' && !importing}
            statuses={model.data}
            onImport={() => setImporting(true)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="model" pt="sm">
          <ModelStatusCards kind={kind} />
        </Tabs.Panel>
        <Tabs.Panel value={editorTab.value} pt="sm">
          {editorTab.panel(predictButton)}
        </Tabs.Panel>
      </Tabs>
      <ImportDialog kind={kind} opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
