// Shown on every area while the sample workspace is in use: that the data is fictional, what Docket did
// with it (with links to see each part), and the way back — or out, deleting it in one click.
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useWorkspaceAction, type WorkspaceState } from '../../api/workspace.ts';

type Report = NonNullable<WorkspaceState['activeReport']>;

// Dark enough on the banner's tinted background (WCAG AA), and underlined as links.
const linkStyle = { c: 'grape.9', fw: 600, underline: 'always' } as const;

const pct = (x: number | null): string => (x === null ? '–' : `${Math.round(x * 100)} %`);

function Summary({ report }: { report: Report }) {
  const { invoices, tickets, crm, documents } = report;
  return (
    <Text size="sm">
      In {Math.round(report.seconds)} s on this computer, Docket read {documents.read} documents, found{' '}
      <Anchor href="#/invoices" {...linkStyle}>
        {invoices.found} invoices and receipts
      </Anchor>
      {invoices.totalsChecked > 0
        ? ` (${invoices.totalsRight} of ${invoices.totalsChecked} totals right)`
        : ''}
      , routed{' '}
      <Anchor href="#/tickets" {...linkStyle}>
        {tickets.routed} new tickets
      </Anchor>{' '}
      (queue {pct(tickets.accuracy.queue)} right on history it was not trained on), and tagged{' '}
      <Anchor href="#/crm" {...linkStyle}>
        {crm.tagged} CRM records
      </Anchor>{' '}
      with suggestions for {crm.suggested} more.
    </Text>
  );
}

/** One click; the answer (or the refusal) comes back through the action's state. */
function DeleteSampleButton({
  remove,
  onDeleted,
}: {
  remove: ReturnType<typeof useWorkspaceAction>;
  onDeleted: (() => void) | undefined;
}) {
  return (
    <Button
      size="xs"
      color="red"
      variant="light"
      onClick={() => void remove.mutateAsync().then(onDeleted, () => undefined)}
      loading={remove.isPending}
    >
      Delete sample workspace
    </Button>
  );
}

export function SampleBanner({ workspace, onDeleted }: { workspace: WorkspaceState; onDeleted: () => void }) {
  const useMain = useWorkspaceAction('workspace.useMain');
  const remove = useWorkspaceAction('workspace.deleteSample');
  const report = workspace.activeReport;
  // A database made by `docket demo` and served as it is has no workspace of the user's to go back to.
  const inSample = workspace.active === 'sample';
  return (
    <Alert color="grape" variant="light" mb="md" py="xs" role="region" aria-label="Sample workspace">
      <Group justify="space-between" wrap="nowrap" align="center" gap="md">
        <Stack gap={2} style={{ flex: 1 }}>
          <Text size="sm" fw={700} c="grape.9">
            Sample workspace — fictional data
          </Text>
          {report ? <Summary report={report} /> : null}
          {useMain.error || remove.error ? (
            <Text size="sm" c="red.9" role="alert">
              {(useMain.error ?? remove.error)?.message}
            </Text>
          ) : null}
        </Stack>
        {inSample ? (
          <Stack gap={6}>
            <Button size="xs" variant="default" onClick={() => useMain.mutate()} loading={useMain.isPending}>
              Back to my workspace
            </Button>
            <DeleteSampleButton remove={remove} onDeleted={onDeleted} />
          </Stack>
        ) : null}
      </Group>
    </Alert>
  );
}

/** Loading or opening the sample workspace failed: why, in words, and the way out (delete it and retry). */
export function SampleError({
  workspace,
  message,
  onDeleted,
}: {
  workspace: WorkspaceState;
  message: string;
  onDeleted?: () => void;
}) {
  const remove = useWorkspaceAction('workspace.deleteSample');
  return (
    <Alert color="red" mb="md" title="The sample workspace could not be opened">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {workspace.sample.deletable ? (
          <Group gap="xs">
            <DeleteSampleButton remove={remove} onDeleted={onDeleted} />
            <Text size="xs">Then try the sample data again.</Text>
          </Group>
        ) : null}
        {remove.error ? (
          <Text size="sm" c="red.9" role="alert">
            {remove.error.message}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}
