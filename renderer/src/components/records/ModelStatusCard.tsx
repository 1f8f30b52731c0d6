// The model status of each task of a kind: what predicts now (the learned model and its version, keywords
// and descriptions while tags are cold, or rules only), the examples and the corrections since the last
// training, the thresholds (editable), the last training's held-out comparison (promoted or kept) with its
// confusion matrix, and "Retrain now" / "Roll back". Polled every second while a training runs.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { api } from '../../api/client.ts';
import { ConfirmDialog } from '../models/ConfirmDialog.tsx';
import { ConfusionMatrix } from '../models/ConfusionMatrix.tsx';
import { Callout } from './Callout.tsx';
import {
  MODE_NAMES,
  TASK_NAMES,
  formatDateTime,
  percent,
  plural,
  type RecordKind,
  type RecordTask,
  type RecordTraining,
  type TaskStatus,
} from './format.ts';
import { refreshRecords, useModelStatus, useTrainingHistory, watchTraining } from './hooks.ts';

/** "learned model v2", "keywords and descriptions", "rules only". */
export function modeText(s: Pick<TaskStatus, 'mode' | 'activeVersion'>): string {
  return s.mode === 'model' && s.activeVersion !== null
    ? `learned model v${s.activeVersion}`
    : MODE_NAMES[s.mode];
}

/** The held-out comparison of a finished training, in one sentence. */
export function trainingSentence(t: RecordTraining): string {
  const against =
    t.previousScore !== null
      ? ` vs ${percent(t.previousScore)}${t.previousVersion !== null ? ` (v${t.previousVersion})` : ''}`
      : '';
  const slice = t.heldOut ? ` on ${plural(t.heldOut, 'held-out example')}` : ' on the held-out slice';
  switch (t.status) {
    case 'running':
      return `Training on ${plural(t.examples, 'example')}…`;
    case 'promoted':
      return `v${t.version ?? '?'} promoted: ${percent(t.score)}${against}${slice}.`;
    case 'kept':
      return `Not promoted: ${percent(t.score)}${against}${slice}; the version in use is kept.`;
    case 'failed':
      return `Training failed: ${t.error ?? 'no reason given'}.`;
  }
}

const TRIGGERS: Record<RecordTraining['trigger'], string> = {
  manual: 'on demand',
  corrections: 'after new corrections',
  import: 'after an import',
};

function Thresholds({ status, onSaved }: { status: TaskStatus; onSaved: (text: string) => void }) {
  const queryClient = useQueryClient();
  const [high, setHigh] = useState<number | string>(Math.round(status.thresholds.high * 100));
  const [low, setLow] = useState<number | string>(Math.round(status.thresholds.low * 100));
  const [after, setAfter] = useState<number | string>(status.retrainAfter);
  const save = useMutation({
    mutationFn: async () => {
      await api.call('records.setThresholds', {
        task: status.task,
        high: Number(high) / 100,
        low: Number(low) / 100,
      });
      return api.call('records.setRetrainAfter', { task: status.task, corrections: Number(after) });
    },
    onSuccess: async (s) => {
      onSaved(
        `Saved: auto-apply at ${percent(s.thresholds.high)}, suggest from ${percent(s.thresholds.low)}, retrain after ${plural(s.retrainAfter, 'new correction')}.`,
      );
      await queryClient.invalidateQueries({ queryKey: ['records.status'] });
    },
  });
  const problem =
    typeof high !== 'number' || typeof low !== 'number'
      ? 'Give both thresholds.'
      : low > high
        ? 'The suggestion threshold must not be above the auto-apply one.'
        : null;
  const changed =
    Number(high) !== Math.round(status.thresholds.high * 100) ||
    Number(low) !== Math.round(status.thresholds.low * 100) ||
    Number(after) !== status.retrainAfter;
  const name = TASK_NAMES[status.task].toLowerCase();
  return (
    <form
      aria-label={`Thresholds for the ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) save.mutate();
      }}
    >
      <Group align="flex-start" gap="xs" wrap="wrap">
        <NumberInput
          label="Auto-apply at"
          description="or more confident"
          value={high}
          onChange={setHigh}
          min={0}
          max={100}
          allowDecimal={false}
          suffix="%"
          size="xs"
          w={120}
          error={problem && problem.includes('above') ? problem : undefined}
        />
        <NumberInput
          label="Suggest from"
          description="below: unassigned"
          value={low}
          onChange={setLow}
          min={0}
          max={100}
          allowDecimal={false}
          suffix="%"
          size="xs"
          w={120}
        />
        <NumberInput
          label="Retrain after"
          description="new corrections (0: never by itself)"
          value={after}
          onChange={setAfter}
          min={0}
          max={100_000}
          allowDecimal={false}
          size="xs"
          w={170}
        />
        <Button
          type="submit"
          size="xs"
          variant="default"
          mt={38}
          disabled={!changed || problem !== null}
          loading={save.isPending}
        >
          Save
        </Button>
      </Group>
      {save.error ? (
        <Text size="xs" c="red.9" role="alert" mt={4}>
          {save.error.message}
        </Text>
      ) : null}
    </form>
  );
}

function TaskCard({ kind, status }: { kind: RecordKind; status: TaskStatus }) {
  const queryClient = useQueryClient();
  const last = status.lastTraining;
  // The history is fetched again whenever the last training starts or ends.
  const history = useTrainingHistory(status.task, status.training, `${last?.id}/${last?.status}`);
  const [confirmRollback, setConfirmRollback] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const retrain = useMutation({
    mutationFn: () => api.call('records.retrain', { task: status.task }),
    onMutate: () => setMessage(null),
    onSuccess: () => watchTraining(queryClient, kind),
    onError: (e) => setMessage({ ok: false, text: e.message }),
  });
  const rollback = useMutation({
    mutationFn: () => api.call('records.rollback', { task: status.task }),
    onSuccess: async (s) => {
      setConfirmRollback(false);
      setMessage({ ok: true, text: `Rolled back: ${modeText(s)} is in use again.` });
      await refreshRecords(queryClient, kind);
    },
    onError: (e) => {
      setConfirmRollback(false);
      setMessage({ ok: false, text: e.message });
    },
  });
  const withMatrix = [last, ...(history.data ?? [])].find(
    (t) => t?.metrics?.confusion && t.metrics.labels.length > 0,
  );
  const name = TASK_NAMES[status.task];
  const canRollback = status.activeVersion !== null && status.versions.length > 1;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`model-${status.task}-title`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={3} size="h5" id={`model-${status.task}-title`}>
                {name}
              </Title>
              <span
                className={`mode-badge ${status.mode === 'model' ? 'mode-model' : 'mode-other'}`}
                data-testid={`mode-${status.task}`}
              >
                {modeText(status)}
              </span>
              {status.training ? (
                <Group gap={4} role="status" aria-label={`Training the ${name.toLowerCase()} model`}>
                  <Loader size="xs" />
                  <Text size="sm">Training…</Text>
                </Group>
              ) : null}
            </Group>
            <Text size="sm" data-testid={`predicts-${status.task}`}>
              Predicts now with {modeText(status)}
              {status.mode === 'model' ? ` (model ${status.modelId})` : ''}.
              {status.coldStart
                ? ` Cold start: the learned model takes over once two tags have ${plural(status.coldStart.needed, 'example')} each; the second best-covered tag has ${status.coldStart.have} so far.`
                : ''}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button
              size="xs"
              onClick={() => retrain.mutate()}
              loading={retrain.isPending || status.training}
              disabled={status.training}
              aria-label={`Retrain now: ${name.toLowerCase()}`}
            >
              Retrain now
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => setConfirmRollback(true)}
              disabled={!canRollback || status.training}
              title={canRollback ? undefined : 'There is no earlier version to go back to'}
              aria-label={`Roll back: ${name.toLowerCase()}`}
            >
              Roll back…
            </Button>
          </Group>
        </Group>
        {message ? (
          <Text
            size="sm"
            role={message.ok ? 'status' : 'alert'}
            c={message.ok ? undefined : 'red.9'}
            data-testid={`model-message-${status.task}`}
          >
            {message.text}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
          <Stat label="Reviewed examples" value={status.examples.toLocaleString()} />
          <Stat
            label="New since last training"
            value={status.newExamples.toLocaleString()}
            hint={
              status.retrainAfter > 0 ? `retrain after ${status.retrainAfter}` : 'retrains only on demand'
            }
          />
          <Stat
            label="Thresholds"
            value={`${percent(status.thresholds.high)} / ${percent(status.thresholds.low)}`}
            hint="auto-apply / suggest"
          />
          <Stat
            label="Versions"
            value={
              status.versions.length
                ? [...status.versions]
                    .sort((a, b) => a.version - b.version)
                    .map((v) => `v${v.version}`)
                    .join(', ')
                : 'none yet'
            }
            hint={
              status.activeVersion !== null ? `v${status.activeVersion} in use` : 'no learned model in use'
            }
          />
        </SimpleGrid>
        {last ? (
          <Callout
            tone={
              last.status === 'promoted'
                ? 'ok'
                : last.status === 'failed'
                  ? 'bad'
                  : last.status === 'kept'
                    ? 'warn'
                    : 'info'
            }
            title={`Last training: ${formatDateTime(last.startedAt)}, ${TRIGGERS[last.trigger]}`}
            testId={`last-training-${status.task}`}
          >
            <Text size="sm">
              {trainingSentence(last)}
              {last.seconds !== null ? ` ${last.seconds.toFixed(1)} s.` : ''}
              {last.status !== 'running' ? ` Trained on ${plural(last.examples, 'example')}.` : ''}
            </Text>
          </Callout>
        ) : (
          <Text size="sm" c="dimmed">
            Not trained yet:{' '}
            {status.task === 'tags'
              ? 'tags come from your taxonomy’s keywords and descriptions until enough records are reviewed.'
              : 'import tickets with their queue and priority, or review some, and Docket trains its first model.'}
          </Text>
        )}
        <Thresholds
          key={`${status.thresholds.high}/${status.thresholds.low}/${status.retrainAfter}`}
          status={status}
          onSaved={(text) => setMessage({ ok: true, text })}
        />
        {withMatrix?.metrics?.confusion ? (
          <Stack gap={4} component="section" aria-label={`Confusion matrix for the ${name.toLowerCase()}`}>
            <Title order={4} size="h6">
              Confusion matrix (held out, v{withMatrix.version ?? '?'}
              {withMatrix.status === 'kept' ? ', not promoted' : ''})
            </Title>
            <ConfusionMatrix labels={withMatrix.metrics.labels} matrix={withMatrix.metrics.confusion} />
          </Stack>
        ) : null}
        {history.data && history.data.length > 0 ? (
          <table className="records-small-table" aria-label={`Recent trainings: ${name.toLowerCase()}`}>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Why</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((t) => (
                <tr key={t.id}>
                  <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(t.startedAt)}</td>
                  <td>{TRIGGERS[t.trigger]}</td>
                  <td>{trainingSentence(t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={confirmRollback}
        title={`Roll back the ${name.toLowerCase()} model?`}
        confirmLabel="Roll back"
        keepLabel={`Keep v${status.activeVersion ?? '?'}`}
        busy={rollback.isPending}
        onConfirm={() => rollback.mutate()}
        onClose={() => setConfirmRollback(false)}
      >
        The version used before v{status.activeVersion ?? '?'} takes over again for new predictions. Labels
        already given stay as they are; v{status.activeVersion ?? '?'} stays installed.
      </ConfirmDialog>
    </Card>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="md" fw={700}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}

export function ModelStatusCards({ kind }: { kind: RecordKind }) {
  const status = useModelStatus(kind);
  if (status.error)
    return (
      <Alert color="red" title="Could not read the model status">
        {status.error.message}
      </Alert>
    );
  if (!status.data)
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">Loading…</Text>
      </Group>
    );
  return (
    <Stack gap="md">
      {status.data.map((s) => (
        <TaskCard key={s.task} kind={kind} status={s} />
      ))}
    </Stack>
  );
}

/** One line for the toolbar: "Queue: learned model v1 · Priority: keywords and descriptions". */
export function ModelSummaryLine({ statuses }: { statuses: readonly TaskStatus[] | undefined }) {
  if (!statuses?.length) return null;
  return (
    <Text size="sm" data-testid="model-summary">
      {statuses.map((s, i) => (
        <span key={s.task}>
          {i > 0 ? ' · ' : ''}
          {TASK_NAMES[s.task as RecordTask]}: <strong>{modeText(s)}</strong>
          {s.training ? ' (training…)' : ''}
        </span>
      ))}
    </Text>
  );
}
