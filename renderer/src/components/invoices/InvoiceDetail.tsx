// One invoice under review: the page on one side and its fields on the other, the checks that failed,
// the line items, and Accept (Ctrl+Enter) or Reopen.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { api } from '../../api/client.ts';
import { FieldList, focusField, type Drafts } from './FieldList.tsx';
import { InvoicePages, type PageBox } from './InvoicePages.tsx';
import { LineItemsTable } from './LineItemsTable.tsx';
import { ValidationList } from './ValidationList.tsx';
import {
  ALL_FIELDS,
  FIELD_LABELS,
  LOW_CONFIDENCE,
  failedRulesByField,
  hasBox,
  type FieldValue,
  type InvoiceDetail as Detail,
  type InvoiceFieldName,
} from './fields.ts';
import {
  DOCUMENT_TYPE_LABELS,
  LANGUAGE_LABELS,
  STATUS_LABELS,
  formatAmount,
  formatDateTime,
} from './format.ts';
import { useDocument, useInvoice, useReviewStatus, useUpdateField } from './hooks.ts';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const ACCEPT_KEYS = isMac ? '⌘+Enter' : 'Ctrl+Enter';

function pageBoxes(detail: Detail, failed: Map<InvoiceFieldName, unknown[]>): PageBox[] {
  return ALL_FIELDS.flatMap((field) => {
    const f = detail.extraction.fields[field];
    if (!hasBox(f)) return [];
    return [
      {
        field,
        label: FIELD_LABELS[field],
        page: f.page,
        bbox: f.bbox,
        attention: f.confidence < LOW_CONFIDENCE || failed.has(field),
      },
    ];
  });
}

function Corrections({ detail }: { detail: Detail }) {
  if (detail.corrections.length === 0) return null;
  const show = (v: string | number | null) => (v === null ? 'nothing' : `“${v}”`);
  return (
    <section aria-labelledby="corrections-title">
      <Title order={4} size="h6" id="corrections-title" mb={4}>
        Your corrections
      </Title>
      <ul className="corrections-list">
        {detail.corrections.map((c, i) => (
          <li key={i}>
            <strong>{FIELD_LABELS[c.field]}</strong>: {show(c.before)} → {show(c.after)}{' '}
            <span className="muted">({formatDateTime(c.at)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** After accepting: the next invoice waiting for review, if any. */
async function nextToReview(currentId: number): Promise<number | null> {
  const waiting = await api.call('invoices.list', { status: 'needs_review', limit: 2, offset: 0 });
  return waiting.items.find((i) => i.id !== currentId)?.id ?? null;
}

export function InvoiceDetail({
  id,
  onBack,
  onOpen,
}: {
  id: number;
  onBack: () => void;
  onOpen: (id: number) => void;
}) {
  const invoice = useInvoice(id);
  const detail = invoice.data;
  const doc = useDocument(detail?.documentId);
  const update = useUpdateField(id);
  const review = useReviewStatus(id);
  const [selected, setSelected] = useState<InvoiceFieldName | null>(null);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [next, setNext] = useState<number | null | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Opening an invoice puts the reader at its heading.
  const loaded = detail !== undefined;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  const onDraft = useCallback((field: InvoiceFieldName, text: string | undefined) => {
    setDrafts((d) => {
      const { [field]: _old, ...rest } = d;
      return text === undefined ? rest : { ...rest, [field]: text };
    });
  }, []);
  const onSave = useCallback(
    async (field: InvoiceFieldName, value: FieldValue) => {
      await update.mutateAsync({ field, value });
    },
    [update],
  );
  const unsaved = Object.keys(drafts).length;
  const accepted = detail?.status === 'accepted';

  const accept = useCallback(() => {
    if (unsaved > 0 || review.isPending) return;
    setNext(undefined);
    review.mutate('accept', {
      onSuccess: () => void nextToReview(id).then(setNext, () => setNext(null)),
    });
  }, [unsaved, review, id]);

  // Ctrl+Enter (⌘+Enter on a Mac) accepts, from anywhere in the view.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (!detail || detail.status === 'accepted') return;
      e.preventDefault();
      accept();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [detail, accept]);

  if (invoice.error) {
    return (
      <Stack gap="sm">
        <Group>
          <Button variant="default" size="xs" onClick={onBack}>
            ← All invoices
          </Button>
        </Group>
        <Alert color="red" title="This invoice cannot be shown">
          {invoice.error.message}
        </Alert>
      </Stack>
    );
  }
  if (!detail) return <Loader size="sm" aria-label="Loading the invoice" />;

  const failed = failedRulesByField(detail.extraction.validation);
  const boxes = pageBoxes(detail, failed);
  const chosen = selected ? (boxes.find((b) => b.field === selected) ?? null) : null;
  const currency = (detail.extraction.fields.currency?.value as string | undefined) ?? detail.currency;
  const chosenField = selected ? detail.extraction.fields[selected] : undefined;

  return (
    <Stack gap="sm" className="invoice-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={onBack} title="Back to the invoices list">
              ← All invoices
            </Button>
            <Title order={3} size="h4" ref={headingRef} tabIndex={-1} className="invoice-title">
              {detail.vendor ?? detail.title}
              {detail.invoiceId ? ` · ${detail.invoiceId}` : ''}
            </Title>
          </Group>
          <Group gap={6}>
            <span className="field-tag">{DOCUMENT_TYPE_LABELS[detail.documentType]}</span>
            <span className="field-tag">
              {LANGUAGE_LABELS[detail.extraction.language] ?? detail.extraction.language}
            </span>
            <Badge variant="filled" color={accepted ? '#1b5e20' : '#8a3c00'} data-testid="invoice-status">
              {STATUS_LABELS[detail.status]}
            </Badge>
            <Text size="sm">
              Total <strong>{formatAmount(detail.total, currency)}</strong>
            </Text>
            <Text size="sm" c="dimmed" title={detail.title}>
              {detail.title}
              {detail.lastPage > detail.firstPage
                ? ` · pages ${detail.firstPage}–${detail.lastPage}`
                : ` · page ${detail.firstPage}`}
            </Text>
          </Group>
        </Stack>
        <Stack gap={4} align="flex-end">
          {accepted ? (
            <Group gap="xs">
              <Button
                variant="default"
                onClick={() => review.mutate('reopen')}
                loading={review.isPending}
                title="Put this invoice back in review"
              >
                Reopen
              </Button>
              {typeof next === 'number' ? (
                <Button onClick={() => onOpen(next)}>Next to review →</Button>
              ) : null}
            </Group>
          ) : (
            <Button
              onClick={accept}
              loading={review.isPending}
              disabled={unsaved > 0}
              title={`Accept the fields as they are (${ACCEPT_KEYS})`}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              Accept
            </Button>
          )}
          <Text size="xs" c={unsaved > 0 ? 'red.9' : 'dimmed'} role="status" ta="right" maw={260}>
            {unsaved > 0
              ? `${unsaved} unsaved ${unsaved === 1 ? 'change' : 'changes'}: press Enter in the field to save or Esc to undo.`
              : accepted
                ? next === null
                  ? 'Accepted. No other invoice is waiting for review.'
                  : 'Accepted: kept as a training example.'
                : `${ACCEPT_KEYS} accepts`}
          </Text>
        </Stack>
      </Group>
      {review.error ? <Alert color="red">{review.error.message}</Alert> : null}
      <div className="invoice-detail-grid">
        <div className="invoice-pages-column">
          <InvoicePages
            documentId={detail.documentId}
            mediaType={doc.data?.mediaType}
            firstPage={detail.firstPage}
            lastPage={detail.lastPage}
            boxes={boxes}
            highlighted={chosen}
            onChoose={focusField}
          />
          <Text size="xs" c="dimmed" role="status" className="highlight-status">
            {selected === null
              ? 'Choose a field to see where it is on the page.'
              : chosen
                ? `${FIELD_LABELS[selected]} is highlighted on page ${chosen.page}.`
                : chosenField
                  ? `${FIELD_LABELS[selected]} has no place on the page (entered by hand).`
                  : `${FIELD_LABELS[selected]} was not found on the page.`}
          </Text>
        </div>
        <div className="invoice-fields" role="region" aria-label="Fields" tabIndex={-1}>
          <ValidationList validation={detail.extraction.validation} onChoose={focusField} />
          <FieldList
            detail={detail}
            failedByField={failed}
            selected={selected}
            drafts={drafts}
            onDraft={onDraft}
            onSelect={setSelected}
            onSave={onSave}
          />
        </div>
      </div>
      <section aria-labelledby="line-items-title">
        <Title order={4} size="h6" id="line-items-title" mb={4}>
          Line items
        </Title>
        <LineItemsTable items={detail.extraction.lineItems} currency={currency} />
      </section>
      <Corrections detail={detail} />
    </Stack>
  );
}
