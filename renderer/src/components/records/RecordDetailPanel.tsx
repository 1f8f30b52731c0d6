// The record chosen in the list, in full: its text, each task's label with the top-3 suggestions (numbered
// for the 1–3 keys) and their probabilities, why the model chose (the words and phrases with their
// weights), the rule that fired, what an escalation endpoint answered, the duplicate's original, and the
// review history. Accept and edit from here, or with Enter and e in the list.
import { useState, type ReactNode } from 'react';
import { Alert, Autocomplete, Button, Group, Loader, Stack, TagsInput, Text, Title } from '@mantine/core';
import { ApiCallError } from '../../api/client.ts';
import { Callout } from './Callout.tsx';
import { RuleMarker, StatusBadge } from './LabelBits.tsx';
import {
  NOUNS,
  TASK_NAMES,
  formatDate,
  formatDateTime,
  languageName,
  percent,
  primaryTask,
  valueList,
  valueText,
  type LabelValue,
  type RecordDetail,
  type RecordKind,
  type RecordLabel,
  type RecordTask,
} from './format.ts';
import { useRecord } from './hooks.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Title order={4} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <table className="records-small-table" aria-label="Record details">
      <tbody>
        {shown.map(([k, v]) => (
          <tr key={k}>
            <th scope="row" style={{ width: 110, background: 'transparent', fontWeight: 500 }}>
              {k}
            </th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function problemText(e: unknown): string {
  if (e instanceof ApiCallError && e.issues?.length) return e.issues.map((i) => i.message).join('; ');
  return (e as Error).message;
}

/** The correction field: one label with the existing ones offered (free text allowed), or a set of tags. */
function LabelEditor({
  task,
  label,
  options,
  onSave,
  onCancel,
}: {
  task: RecordTask;
  label: RecordLabel | undefined;
  options: readonly string[];
  onSave: (value: LabelValue) => Promise<void>;
  onCancel: () => void;
}) {
  const initial = label
    ? valueList(label.value ?? (task === 'tags' ? label.top.map((t) => t.label) : null))
    : [];
  const [single, setSingle] = useState(task === 'tags' ? '' : (initial[0] ?? label?.top[0]?.label ?? ''));
  const [tags, setTags] = useState<string[]>(task === 'tags' ? initial : []);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    const value = task === 'tags' ? tags : single.trim();
    if (typeof value === 'string' && !value) {
      setProblem(`Type or choose a ${TASK_NAMES[task].toLowerCase()}.`);
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      await onSave(value);
    } catch (e) {
      setProblem(problemText(e));
      setSaving(false);
    }
  };
  const data = [...new Set([...options, ...(label?.top.map((t) => t.label) ?? [])])].sort((a, b) =>
    a.localeCompare(b),
  );
  return (
    <form
      aria-label={`Correct the ${TASK_NAMES[task].toLowerCase()}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        // Escape closes the suggestions first; with them closed, it cancels the correction.
        const expanded = (e.target as HTMLElement).getAttribute('aria-expanded') === 'true';
        if (e.key === 'Escape' && !expanded) {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <Stack gap={6}>
        {task === 'tags' ? (
          <TagsInput
            label="Tags"
            description="Choose from your taxonomy or type a new tag; Enter adds it. Save with the button or Ctrl+Enter."
            data={data}
            value={tags}
            onChange={setTags}
            acceptValueOnBlur
            clearable
            data-autofocus
            autoFocus
            error={problem}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void save();
              }
            }}
          />
        ) : (
          <Autocomplete
            label={TASK_NAMES[task]}
            description="Choose an existing one or type a new one; Enter saves, Escape cancels."
            data={data}
            value={single}
            onChange={setSingle}
            autoFocus
            error={problem}
            maxLength={100}
          />
        )}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={saving}>
            Save {TASK_NAMES[task].toLowerCase()}
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Suggestions({
  label,
  numbered,
  onPick,
}: {
  label: RecordLabel;
  numbered: boolean;
  onPick: (index: number) => void;
}) {
  if (label.top.length === 0) return null;
  const applied = new Set(valueList(label.value));
  return (
    <ol className="suggestion-list" aria-label={`${TASK_NAMES[label.task]} suggestions`}>
      {label.top.slice(0, 3).map((s, i) => (
        <li key={s.label}>
          {numbered ? (
            <span className="suggestion-key" aria-hidden="true" title={`Press ${i + 1}`}>
              {i + 1}
            </span>
          ) : null}
          <Button
            size="compact-xs"
            variant={applied.has(s.label) ? 'light' : 'subtle'}
            onClick={() => onPick(i)}
            title={
              label.task === 'tags'
                ? applied.has(s.label)
                  ? `Remove the tag ${s.label}`
                  : `Add the tag ${s.label}`
                : `Set the ${TASK_NAMES[label.task].toLowerCase()} to ${s.label}`
            }
          >
            {numbered ? <span className="visually-hidden">{i + 1}: </span> : null}
            {s.label}
            {applied.has(s.label) ? ' ✓' : ''}
          </Button>
          <span className="suggestion-bar" aria-hidden="true">
            <span style={{ width: `${Math.round(s.probability * 100)}%` }} />
          </span>
          <span className="suggestion-prob">{percent(s.probability)}</span>
        </li>
      ))}
    </ol>
  );
}

function TaskBlock({
  detail,
  label,
  task,
  primary,
  editing,
  options,
  onEdit,
  onAccept,
  onPick,
  onSave,
  onEditClose,
}: {
  detail: RecordDetail;
  label: RecordLabel | undefined;
  task: RecordTask;
  primary: boolean;
  editing: boolean;
  options: readonly string[];
  onEdit: () => void;
  onAccept: () => void;
  onPick: (index: number) => void;
  onSave: (value: LabelValue) => Promise<void>;
  onEditClose: () => void;
}) {
  const why = detail.why.find((w) => w.task === task);
  const escalations = detail.escalations.filter((e) => e.task === task);
  const waiting = label?.status === 'suggested' || label?.status === 'unassigned';
  return (
    <Stack gap={6} component="section" aria-label={TASK_NAMES[task]} className="task-block">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={700}>
            {TASK_NAMES[task]}:
          </Text>
          <Text size="sm" fw={600} data-testid={`detail-${task}`}>
            {label ? valueText(label.value) : '—'}
          </Text>
          {label ? <StatusBadge status={label.status} /> : null}
          {label?.source === 'rule' ? <RuleMarker /> : null}
          {label?.probability !== null && label?.probability !== undefined ? (
            <Text size="xs" c="dimmed">
              {percent(label.probability)} sure
            </Text>
          ) : null}
        </Group>
        <Group gap={4} wrap="nowrap">
          {waiting && (label?.top.length ?? 0) > 0 ? (
            <Button size="compact-xs" variant="default" onClick={onAccept}>
              Accept
            </Button>
          ) : null}
          {!editing ? (
            <Button
              size="compact-xs"
              variant="default"
              onClick={onEdit}
              aria-label={`Edit the ${TASK_NAMES[task].toLowerCase()}`}
            >
              Edit{primary ? ' (e)' : ''}
            </Button>
          ) : null}
        </Group>
      </Group>
      {label?.source ? (
        <Text size="xs" c="dimmed">
          From{' '}
          {label.source === 'history'
            ? 'your imported history'
            : label.source === 'user'
              ? 'a person'
              : label.source}
          {label.modelVersion !== null && label.source === 'model' ? `, version ${label.modelVersion}` : ''}
        </Text>
      ) : null}
      {editing ? (
        <LabelEditor task={task} label={label} options={options} onSave={onSave} onCancel={onEditClose} />
      ) : null}
      {label ? <Suggestions label={label} numbered={primary} onPick={onPick} /> : null}
      {label?.reason ? (
        <Text size="xs" className={label.source === 'rule' ? 'rule-reason' : undefined}>
          <strong>{label.source === 'rule' ? 'Rule: ' : 'Reason: '}</strong>
          {label.reason}
        </Text>
      ) : null}
      {why && why.evidence.length > 0 ? (
        <div>
          <Text size="xs" fw={600} mb={2}>
            Why “{why.label}”: the words that pushed it
          </Text>
          <div aria-label={`Evidence for ${why.label}`} role="list">
            {why.evidence.map((ev) => (
              <span
                role="listitem"
                key={ev.text}
                className={`evidence ${ev.weight >= 0 ? 'evidence-for' : 'evidence-against'}`}
                title={ev.weight >= 0 ? 'Pushed towards this label' : 'Pushed away from this label'}
              >
                {ev.text}
                <span className="evidence-weight">
                  {ev.weight >= 0 ? '+' : '−'}
                  {Math.abs(ev.weight).toFixed(2)}
                </span>
              </span>
            ))}
          </div>
        </div>
      ) : null}
      {escalations.map((e, i) => (
        <Callout
          key={i}
          tone={e.status === 'answered' ? 'info' : 'warn'}
          title={`Sent to ${e.endpoint} · ${formatDateTime(e.at)}`}
        >
          <Text size="xs">
            {e.status === 'answered'
              ? `Answered: ${valueText(e.label)}`
              : e.status === 'unusable'
                ? 'The answer matched none of your labels.'
                : `Failed: ${e.error ?? 'no answer'}`}
          </Text>
          {e.reply ? (
            <Text size="xs" c="dimmed" lineClamp={3}>
              Reply: {e.reply}
            </Text>
          ) : null}
        </Callout>
      ))}
    </Stack>
  );
}

function Duplicate({ detail }: { detail: RecordDetail }) {
  const original = useRecord(detail.duplicateOf);
  if (detail.duplicateOf === null) return null;
  return (
    <Section title="Likely duplicate">
      <Text size="sm">
        <span className="dup-marker">likely duplicate of #{detail.duplicateOf}</span>{' '}
        {original.data ? (
          <>
            <strong>{original.data.title}</strong>
            {original.data.email ? ` · ${original.data.email}` : ''}
            {original.data.company ? ` · ${original.data.company}` : ''}
          </>
        ) : original.isLoading ? (
          'loading the original…'
        ) : null}
      </Text>
      {detail.duplicateReason ? (
        <Text size="xs" c="dimmed">
          {detail.duplicateReason}
        </Text>
      ) : null}
    </Section>
  );
}

function History({ detail }: { detail: RecordDetail }) {
  if (detail.reviews.length === 0)
    return (
      <Text size="xs" c="dimmed">
        Not reviewed yet.
      </Text>
    );
  return (
    <table className="records-small-table" aria-label="Review history">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Task</th>
          <th scope="col">Change</th>
          <th scope="col">By</th>
        </tr>
      </thead>
      <tbody>
        {detail.reviews.map((r) => (
          <tr key={r.id} className={r.undone ? 'undone' : undefined}>
            <td>{formatDateTime(r.at)}</td>
            <td>{TASK_NAMES[r.task]}</td>
            <td>
              {valueText(r.before)} → {valueText(r.after)}
              {r.undone ? ' (undone)' : ''}
            </td>
            <td>{r.actor}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecordDetailPanel({
  kind,
  id,
  tasks,
  editing,
  options,
  onEdit,
  onEditClose,
  onAccept,
  onPick,
  onSetLabel,
}: {
  kind: RecordKind;
  id: number | null;
  tasks: readonly RecordTask[];
  /** The task whose correction field is open. */
  editing: RecordTask | null;
  options: Partial<Record<RecordTask, string[]>>;
  onEdit: (task: RecordTask) => void;
  onEditClose: () => void;
  onAccept: (task?: RecordTask) => void;
  onPick: (task: RecordTask, index: number) => void;
  onSetLabel: (task: RecordTask, value: LabelValue) => Promise<void>;
}) {
  const record = useRecord(id);
  const noun = NOUNS[kind].one;
  if (id === null)
    return (
      <Text size="sm" c="dimmed" p="sm">
        Choose a {noun} in the list to see it here.
      </Text>
    );
  if (record.error)
    return (
      <Alert color="red" title={`Could not open this ${noun}`}>
        {record.error.message}
      </Alert>
    );
  const detail = record.data;
  if (!detail)
    return (
      <Group gap="xs" p="sm">
        <Loader size="xs" />
        <Text size="sm">Loading…</Text>
      </Group>
    );
  const primary = primaryTask(kind);
  return (
    <Stack gap="sm" className="record-detail records-pane-height" data-testid="record-detail">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={0}>
          <Title order={3} size="h5" id="record-detail-title">
            {detail.title || `#${detail.id}`}
          </Title>
          <Text size="xs" c="dimmed">
            #{detail.id} · {detail.recordType} · from {detail.source}
            {detail.needsReview ? ' · needs review' : ' · reviewed'}
          </Text>
        </Stack>
        {detail.needsReview ? (
          <Button
            size="xs"
            onClick={() => onAccept()}
            title="Accept every suggestion of this record (Enter in the list)"
            aria-keyshortcuts="Enter"
            style={{ flexShrink: 0 }}
          >
            Accept all
          </Button>
        ) : null}
      </Group>
      <Facts
        rows={
          kind === 'tickets'
            ? [
                ['Requester', detail.requester],
                ['Created', detail.created ? formatDate(detail.created) : null],
                [
                  'Language',
                  detail.language ? `${languageName(detail.language)} (${detail.language})` : null,
                ],
              ]
            : [
                ['Name', detail.name],
                ['Company', detail.company],
                ['Email', detail.email],
                ['Phone', detail.phone],
                ['Created', detail.created ? formatDate(detail.created) : null],
                [
                  'Language',
                  detail.language ? `${languageName(detail.language)} (${detail.language})` : null,
                ],
              ]
        }
      />
      {detail.subject || detail.body ? (
        <div className="record-text" tabIndex={0} role="region" aria-label="Text">
          {detail.subject ? <strong>{detail.subject}</strong> : null}
          {detail.subject && detail.body ? '\n\n' : null}
          {detail.body}
        </div>
      ) : null}
      {tasks.map((task) => (
        <TaskBlock
          key={task}
          detail={detail}
          label={detail.labels.find((l) => l.task === task)}
          task={task}
          primary={task === primary}
          editing={editing === task}
          options={options[task] ?? []}
          onEdit={() => onEdit(task)}
          onAccept={() => onAccept(task)}
          onPick={(index) => onPick(task, index)}
          onSave={(value) => onSetLabel(task, value)}
          onEditClose={onEditClose}
        />
      ))}
      <Duplicate detail={detail} />
      <Section title="Review history">
        <History detail={detail} />
      </Section>
    </Stack>
  );
}
