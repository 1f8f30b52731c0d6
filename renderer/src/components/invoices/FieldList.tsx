// The invoice's fields, each editable in place: its value, how sure Docket is, where it came from, and
// whether the user corrected it or a validation rule disagrees. Focusing a field (click or Tab) shows its
// box on the page; Enter saves what was typed, Escape puts the saved value back.
import { useRef, useState, type KeyboardEvent } from 'react';
import { Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { ApiCallError } from '../../api/client.ts';
import {
  FIELD_GROUPS,
  FIELD_LABELS,
  LOW_CONFIDENCE,
  editableText,
  fieldKind,
  parseFieldInput,
  sameValue,
  type ExtractedField,
  type FieldValue,
  type InvoiceDetail,
  type InvoiceFieldName,
  type ValidationResult,
} from './fields.ts';
import { SOURCE_LABELS, formatAmount, percent } from './format.ts';

export type Drafts = Partial<Record<InvoiceFieldName, string>>;

export function fieldInputId(field: InvoiceFieldName): string {
  return `invoice-field-${field}`;
}

/** Moves the keyboard to a field's box (which shows its place on the page). */
export function focusField(field: InvoiceFieldName): void {
  // The row scrolls itself into view when its box takes the focus.
  document.getElementById(fieldInputId(field))?.focus({ preventScroll: true });
}

/** What went wrong with a save, in words: the server's own message, without the procedure's name. */
function saveProblem(e: unknown): string {
  if (e instanceof ApiCallError && e.code === 'BAD_INPUT') {
    const issue = e.issues?.[0]?.message;
    if (/^Invalid input for /.test(e.message) && issue) return `That value was not accepted: ${issue}.`;
    return e.message;
  }
  return `Not saved: ${(e as Error).message}`;
}

function Meta({
  value,
  corrected,
  failed,
  dirty,
  currency,
  kind,
}: {
  value: ExtractedField | undefined;
  corrected: InvoiceDetail['corrections'][number] | undefined;
  failed: ValidationResult[];
  dirty: boolean;
  currency: string | null;
  kind: ReturnType<typeof fieldKind>;
}) {
  const low = value !== undefined && value.confidence < LOW_CONFIDENCE;
  const source = value ? SOURCE_LABELS[value.source] : null;
  return (
    <span className="field-meta">
      {value ? (
        <span
          className={low ? 'field-tag conf-low' : 'field-tag'}
          title={low ? 'Docket is unsure of this value: check it against the page' : 'Confidence'}
        >
          {low ? <span aria-hidden="true">⚠ </span> : null}
          {low ? 'Check · ' : ''}
          {percent(value.confidence)}
          <span className="visually-hidden"> confidence</span>
        </span>
      ) : (
        <span className="field-tag muted">Not found</span>
      )}
      {source ? (
        <span className="field-tag" title={source.hint}>
          <span className="visually-hidden">Source: </span>
          {source.label}
        </span>
      ) : null}
      {corrected ? (
        <span
          className="field-tag field-corrected"
          data-testid="field-corrected"
          title={`Corrected by you; Docket had read ${corrected.before === null ? 'nothing' : `“${corrected.before}”`}`}
        >
          <span aria-hidden="true">✎ </span>Corrected
        </span>
      ) : null}
      {failed.length ? (
        <span className="field-tag field-failed" title={failed.map((f) => f.message).join('\n')}>
          <span aria-hidden="true">⚠ </span>
          {failed.length === 1 ? 'Fails a check' : `Fails ${failed.length} checks`}
        </span>
      ) : null}
      {kind === 'amount' && value && typeof value.value === 'number' && !dirty ? (
        <span className="field-amount">{formatAmount(value.value, currency)}</span>
      ) : null}
      {dirty ? <span className="field-unsaved">Not saved: Enter saves, Esc undoes</span> : null}
    </span>
  );
}

function FieldRow({
  detail,
  field,
  failed,
  selected,
  draft,
  onDraft,
  onSelect,
  onSave,
}: {
  detail: InvoiceDetail;
  field: InvoiceFieldName;
  failed: ValidationResult[];
  selected: boolean;
  draft: string | undefined;
  onDraft: (field: InvoiceFieldName, text: string | undefined) => void;
  onSelect: (field: InvoiceFieldName) => void;
  onSave: (field: InvoiceFieldName, value: FieldValue) => Promise<void>;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const rowRef = useRef<HTMLDivElement>(null);
  const value = detail.extraction.fields[field];
  const kind = fieldKind(field);
  const label = FIELD_LABELS[field];
  const corrected = detail.corrections.findLast((c) => c.field === field);
  const text = draft ?? editableText(value);
  const dirty = draft !== undefined;
  const low = value !== undefined && value.confidence < LOW_CONFIDENCE;

  const save = async () => {
    if (draft === undefined) return;
    if (sameValue(field, value, draft)) {
      onDraft(field, undefined);
      setProblem(null);
      return;
    }
    const parsed = parseFieldInput(field, draft);
    if (parsed.problem !== undefined) {
      setProblem(parsed.problem);
      return;
    }
    setSaving(true);
    try {
      await onSave(field, parsed.value);
      onDraft(field, undefined);
      setProblem(null);
    } catch (e) {
      setProblem(saveProblem(e));
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey && !(kind === 'multiline' && e.shiftKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape' && (dirty || problem)) {
      e.preventDefault();
      e.stopPropagation();
      onDraft(field, undefined);
      setProblem(null);
    }
  };

  const common = {
    id: fieldInputId(field),
    label,
    description: (
      <Meta
        value={value}
        corrected={corrected}
        failed={failed}
        dirty={dirty}
        currency={detail.extraction.fields.currency?.value.toString() ?? detail.currency}
        kind={kind}
      />
    ),
    inputWrapperOrder: ['label', 'description', 'input', 'error'] as (
      'label' | 'description' | 'input' | 'error'
    )[],
    value: text,
    error: problem,
    // Read-only, not disabled, while saving: a disabled box would drop the keyboard focus.
    readOnly: saving,
    size: 'sm' as const,
    onFocus: () => {
      onSelect(field);
      // The whole row (label, tags, box), not only the box the browser would bring into view.
      rowRef.current?.scrollIntoView({ block: 'nearest' });
    },
    onKeyDown,
    placeholder: value ? undefined : 'Not found — type the value and press Enter',
  };
  return (
    <div
      className={[
        'invoice-field',
        selected ? 'invoice-field-selected' : '',
        low || failed.length ? 'invoice-field-attention' : '',
        corrected ? 'invoice-field-corrected' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      ref={rowRef}
      data-field={field}
      data-testid={`field-${field}`}
    >
      {kind === 'multiline' ? (
        <Textarea
          {...common}
          autosize
          minRows={1}
          maxRows={5}
          onChange={(e) => onDraft(field, e.currentTarget.value)}
        />
      ) : (
        <TextInput
          {...common}
          type={kind === 'date' ? 'date' : 'text'}
          inputMode={kind === 'amount' ? 'decimal' : undefined}
          spellCheck={kind === 'text' ? undefined : false}
          onChange={(e) => onDraft(field, e.currentTarget.value)}
        />
      )}
    </div>
  );
}

export function FieldList({
  detail,
  failedByField,
  selected,
  drafts,
  onDraft,
  onSelect,
  onSave,
}: {
  detail: InvoiceDetail;
  failedByField: Map<InvoiceFieldName, ValidationResult[]>;
  selected: InvoiceFieldName | null;
  drafts: Drafts;
  onDraft: (field: InvoiceFieldName, text: string | undefined) => void;
  onSelect: (field: InvoiceFieldName) => void;
  onSave: (field: InvoiceFieldName, value: FieldValue) => Promise<void>;
}) {
  return (
    <Stack gap="md">
      {FIELD_GROUPS.map((group) => (
        <section key={group.title} aria-labelledby={`field-group-${group.title}`}>
          <Title order={4} size="h6" id={`field-group-${group.title}`} mb={4}>
            {group.title}
          </Title>
          <Stack gap={4}>
            {group.fields.map((field) => (
              <FieldRow
                key={field}
                detail={detail}
                field={field}
                failed={failedByField.get(field) ?? []}
                selected={selected === field}
                draft={drafts[field]}
                onDraft={onDraft}
                onSelect={onSelect}
                onSave={onSave}
              />
            ))}
          </Stack>
        </section>
      ))}
      <Text size="xs" c="dimmed">
        Fields below {percent(LOW_CONFIDENCE)} confidence are marked “Check”. An empty box removes the field.
      </Text>
    </Stack>
  );
}
