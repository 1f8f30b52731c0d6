// Bulk accept: every record waiting for review whose suggestion is at or above a confidence (the high
// threshold unless changed), after saying how many that is. The result can be undone like any review.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { NumberInput, Stack, Text } from '@mantine/core';
import { ConfirmDialog } from '../models/ConfirmDialog.tsx';
import { count, type RecordKind } from './format.ts';
import { allRecordIds } from './hooks.ts';

export function BulkAcceptDialog({
  kind,
  opened,
  threshold,
  busy,
  onAccept,
  onClose,
}: {
  kind: RecordKind;
  opened: boolean;
  /** The high threshold, as a share (0–1). */
  threshold: number;
  busy: boolean;
  onAccept: (minProbability: number, ids: number[]) => void;
  onClose: () => void;
}) {
  const [chosen, setChosen] = useState<number | string>(Math.round(threshold * 100));
  const pct = typeof chosen === 'number' ? Math.max(0, Math.min(100, chosen)) : Math.round(threshold * 100);
  const minProbability = pct / 100;
  const candidates = useQuery({
    queryKey: ['records.list', kind, 'bulk', minProbability],
    queryFn: () => allRecordIds({ kind, status: 'needs_review', minConfidence: minProbability }),
    enabled: opened,
    staleTime: 0,
  });
  const n = candidates.data?.length ?? null;
  return (
    <ConfirmDialog
      opened={opened}
      title="Accept the confident suggestions?"
      confirmLabel={n === null ? 'Accept' : `Accept ${count(n, kind)}`}
      keepLabel="Keep reviewing"
      busy={busy}
      onConfirm={() => {
        if (candidates.data && candidates.data.length > 0) onAccept(minProbability, candidates.data);
        else if (candidates.data) onClose();
      }}
      onClose={onClose}
    >
      <Stack gap="sm">
        <NumberInput
          label="Accept suggestions at or above (%)"
          description={`The high threshold is ${Math.round(threshold * 100)}%.`}
          value={chosen}
          onChange={setChosen}
          min={0}
          max={100}
          allowDecimal={false}
          suffix="%"
          w={320}
        />
        <Text size="sm" role="status" data-testid="bulk-count">
          {candidates.isLoading
            ? 'Counting…'
            : candidates.error
              ? `Could not count them: ${candidates.error.message}`
              : n === 0
                ? `No ${kind === 'tickets' ? 'ticket' : 'record'} waiting for review has a suggestion at ${pct}% or more.`
                : `${count(n ?? 0, kind)} waiting for review ${n === 1 ? 'has' : 'have'} a suggestion at ${pct}% or more. Each accepted label becomes a training example; you can undo this with u or the Undo button.`}
        </Text>
      </Stack>
    </ConfirmDialog>
  );
}
