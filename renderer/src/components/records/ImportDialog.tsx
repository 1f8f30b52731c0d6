// Import a help desk or CRM export: pick a file, see its columns and first rows, say which column holds
// what (a suggestion, or the mapping saved for an earlier export from the same source, comes filled in),
// name the source, import, and read the report: imported, already there, problems by line, labels taken
// from the history, likely duplicates, and what the first prediction did.
import { useId, useState, type ChangeEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Group,
  Input,
  List,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { api, ApiCallError } from '../../api/client.ts';
import {
  IMPORT_ACCEPT,
  MODE_NAMES,
  NOUNS,
  TASK_NAMES,
  count,
  isEmailFile,
  plural,
  type ImportReport,
  type Preview,
  type RecordKind,
  type RecordMapping,
  type RecordTask,
} from './format.ts';
import { readAsBase64 } from '../../api/upload.ts';
import { FirstRowsTable } from '../FirstRowsTable.tsx';
import { refreshRecords, watchTraining } from './hooks.ts';

const MAX_BYTES = 64 * 1024 * 1024;

interface Field {
  key: string;
  label: string;
  hint?: string;
}

const FIELDS: Record<RecordKind, Field[]> = {
  tickets: [
    { key: 'subject', label: 'Subject', hint: 'The ticket’s title' },
    { key: 'body', label: 'Body', hint: 'The description or first message' },
    { key: 'requester', label: 'Requester', hint: 'Name or email address' },
    { key: 'created', label: 'Created', hint: 'When it was opened' },
    { key: 'queue', label: 'Queue or category', hint: 'Your history: becomes training labels' },
    { key: 'priority', label: 'Priority', hint: 'Your history: becomes training labels' },
    { key: 'id', label: 'Ticket id', hint: 'Kept for the export' },
  ],
  crm: [
    { key: 'name', label: 'Full name', hint: 'Or first and last name' },
    { key: 'firstName', label: 'First name', hint: 'Joined with the last name' },
    { key: 'lastName', label: 'Last name', hint: 'Joined with the first name' },
    { key: 'email', label: 'Email', hint: 'Checked and lower-cased' },
    { key: 'phone', label: 'Phone', hint: 'Normalised to E.164' },
    { key: 'company', label: 'Company', hint: 'Compared for duplicates' },
    { key: 'title', label: 'Job title', hint: 'Read for tagging' },
    { key: 'notes', label: 'Notes', hint: 'Read for tagging' },
    { key: 'tags', label: 'Tags', hint: 'Your history: becomes training labels' },
    { key: 'type', label: 'Record type', hint: 'contact, account or note per row' },
    { key: 'created', label: 'Created', hint: 'When it was added' },
    { key: 'id', label: 'Record id', hint: 'Kept for the export' },
  ],
};

type Columns = Record<string, string>;

function fieldKeys(kind: RecordKind): Set<string> {
  const keys = new Set(FIELDS[kind].map((f) => f.key));
  if (kind === 'tickets') keys.add('category');
  if (kind === 'crm') keys.add('subject');
  return keys;
}

/** The preview's suggestion as field → column (it may come either way round). */
function suggestedColumns(kind: RecordKind, preview: Preview): Columns {
  const keys = fieldKeys(kind);
  const out: Columns = {};
  for (const [a, b] of Object.entries(preview.suggested)) {
    if (keys.has(a) && preview.columns.includes(b)) out[a] = b;
    else if (keys.has(b) && preview.columns.includes(a)) out[b] = a;
  }
  return out;
}

/** A saved mapping fits the file when every column it names is there. */
function fits(mapping: RecordMapping, columns: readonly string[]): boolean {
  const named = Object.values(mapping.columns as Columns);
  return named.length > 0 && named.every((c) => columns.includes(c));
}

function sourceFromFile(name: string): string {
  return name.replace(/\.[^.]+$/, '').slice(0, 100) || 'import';
}

interface Problem {
  message: string;
  issues: string[];
}

function toProblem(e: unknown): Problem {
  if (e instanceof ApiCallError)
    return {
      message: e.message,
      issues: (e.issues ?? []).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
    };
  return { message: (e as Error).message, issues: [] };
}

function ProblemAlert({ title, problem }: { title: string; problem: Problem | null }) {
  if (!problem) return null;
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm">{problem.message}</Text>
      {problem.issues.length ? (
        <List size="sm" mt={4}>
          {problem.issues.map((i) => (
            <List.Item key={i}>{i}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}

export function ImportReportView({ report, kind }: { report: ImportReport; kind: RecordKind }) {
  const labelled = Object.entries(report.labelled) as [RecordTask, number][];
  const p = report.predicted;
  const shownProblems = report.problems.slice(0, 50);
  return (
    <Stack gap="xs" data-testid="import-report" role="status" aria-label="Import report">
      <Text size="sm" fw={700}>
        Imported {count(report.imported, kind)} from “{report.source}” ({plural(report.rows, 'row')} read).
      </Text>
      <Table
        fz="sm"
        verticalSpacing={2}
        variant="vertical"
        withTableBorder
        aria-label="Import figures"
        maw={560}
      >
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={260}>Imported</Table.Th>
            <Table.Td>{report.imported.toLocaleString()}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Skipped (already imported)</Table.Th>
            <Table.Td>{report.skipped.toLocaleString()}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Labels taken from your history</Table.Th>
            <Table.Td>
              {labelled.length
                ? labelled
                    .map(([task, n]) => `${TASK_NAMES[task].toLowerCase()}: ${n.toLocaleString()}`)
                    .join(' · ')
                : 'none'}
            </Table.Td>
          </Table.Tr>
          {kind === 'crm' ? (
            <Table.Tr>
              <Table.Th>Likely duplicates</Table.Th>
              <Table.Td>{report.duplicates.toLocaleString()}</Table.Td>
            </Table.Tr>
          ) : null}
          <Table.Tr>
            <Table.Th>Problems</Table.Th>
            <Table.Td>{report.problems.length.toLocaleString()}</Table.Td>
          </Table.Tr>
          {p ? (
            <Table.Tr>
              <Table.Th>{kind === 'tickets' ? 'Routed' : 'Tagged'}</Table.Th>
              <Table.Td>
                {p.auto} auto · {p.suggested} suggested · {p.unassigned} unassigned
                {p.byRule ? ` · ${p.byRule} by rule` : ''}
                {p.models.length
                  ? ` (${p.models
                      .map(
                        (m) =>
                          `${TASK_NAMES[m.task].toLowerCase()}: ${MODE_NAMES[m.mode]}${m.version !== null ? ` v${m.version}` : ''}`,
                      )
                      .join(', ')})`
                  : ''}
              </Table.Td>
            </Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
      {shownProblems.length ? (
        <div
          className="models-scroll"
          style={{ maxHeight: 160 }}
          tabIndex={0}
          role="region"
          aria-label="Problems"
        >
          <table className="records-small-table" aria-label="Problems by line">
            <thead>
              <tr>
                <th scope="col" style={{ width: 70 }}>
                  Line
                </th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {shownProblems.map((pr, i) => (
                <tr key={i}>
                  <td className="num">{pr.line}</td>
                  <td>{pr.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.problems.length > shownProblems.length ? (
        <Text size="xs" c="dimmed">
          …and {plural(report.problems.length - shownProblems.length, 'more problem')}.
        </Text>
      ) : null}
      {labelled.length ? (
        <Text size="xs" c="dimmed">
          With labels from your history, Docket trains its first model in the background; the Model status tab
          shows when it is ready.
        </Text>
      ) : null}
    </Stack>
  );
}

export function ImportDialog({
  kind,
  opened,
  onClose,
  onImported,
}: {
  kind: RecordKind;
  opened: boolean;
  onClose: () => void;
  onImported?: (report: ImportReport) => void;
}) {
  const queryClient = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [reading, setReading] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [columns, setColumns] = useState<Columns>({});
  const [savedChoice, setSavedChoice] = useState<string | null>(null);
  const [source, setSource] = useState('');
  const [recordType, setRecordType] = useState<'contact' | 'account' | 'note'>('contact');
  const [tagSeparator, setTagSeparator] = useState(';');
  const [previewProblem, setPreviewProblem] = useState<Problem | null>(null);
  const [importing, setImporting] = useState(false);
  const [importProblem, setImportProblem] = useState<Problem | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const noun = NOUNS[kind];

  const reset = () => {
    setFile(null);
    setPreview(null);
    setColumns({});
    setSavedChoice(null);
    setSource('');
    setPreviewProblem(null);
    setImportProblem(null);
    setReport(null);
  };

  const applySaved = (p: Preview, name: string | null) => {
    const saved = p.saved.find((s) => s.source === name);
    if (!saved) return;
    setSavedChoice(saved.source);
    setSource(saved.source);
    const cols: Columns = {};
    for (const [k, v] of Object.entries(saved.mapping.columns as Columns))
      if (p.columns.includes(v)) cols[k] = v;
    setColumns(cols);
    if (saved.mapping.kind === 'crm') {
      setRecordType(saved.mapping.recordType ?? 'contact');
      setTagSeparator(saved.mapping.tagSeparator ?? ';');
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.currentTarget.files?.[0];
    setPreviewProblem(null);
    setImportProblem(null);
    setPreview(null);
    setReport(null);
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setPreviewProblem({
        message: `${chosen.name} is larger than 64 MB: import it with the docket command (docket import records).`,
        issues: [],
      });
      return;
    }
    setReading(true);
    try {
      const base64 = await readAsBase64(chosen);
      const p = await api.call('records.preview', { kind, fileName: chosen.name, dataBase64: base64 });
      setFile({ name: chosen.name, base64 });
      setPreview(p);
      setSavedChoice(null);
      setColumns(suggestedColumns(kind, p));
      setSource(p.fixedMapping?.source ?? sourceFromFile(chosen.name));
      const fitting = p.saved.find((s) => fits(s.mapping, p.columns));
      if (fitting && !p.fixedMapping) applySaved(p, fitting.source);
    } catch (err) {
      setPreviewProblem(toProblem(err));
    } finally {
      setReading(false);
    }
  };

  const queueKey = columns.category !== undefined && columns.queue === undefined ? 'category' : 'queue';
  const setColumn = (key: string, column: string | null) => {
    setColumns((c) => {
      const next = { ...c };
      const k = key === 'queue' ? queueKey : key;
      if (column) next[k] = column;
      else delete next[k];
      return next;
    });
  };
  const columnOf = (key: string): string | null =>
    key === 'queue' ? (columns[queueKey] ?? null) : (columns[key] ?? null);

  const fixed = preview?.fixedMapping ?? null;
  const mappingProblem = (() => {
    if (!preview || fixed) return null;
    if (kind === 'tickets' && !columns.subject && !columns.body)
      return 'Choose the column holding the subject or the body (at least one).';
    if (kind === 'crm' && !Object.keys(columns).some((k) => k !== 'id' && k !== 'type' && k !== 'tags'))
      return 'Choose at least one column holding text: a name, company, notes…';
    return null;
  })();
  const sourceProblem =
    preview && !source.trim() ? 'Name the source, for example “Zendesk” or “HubSpot contacts”.' : null;

  const mapping = (): RecordMapping => {
    const name = source.trim();
    if (fixed) return { ...fixed, source: name };
    if (kind === 'tickets') return { kind: 'tickets', source: name, columns: { ...columns } };
    return { kind: 'crm', source: name, recordType, tagSeparator, columns: { ...columns } };
  };

  const runImport = async () => {
    if (!file || !preview || mappingProblem || sourceProblem) return;
    setImporting(true);
    setImportProblem(null);
    try {
      const r = await api.call('records.import', {
        fileName: file.name,
        dataBase64: file.base64,
        mapping: mapping(),
      });
      setReport(r);
      await refreshRecords(queryClient, kind);
      void queryClient.invalidateQueries({ queryKey: ['records.sources'] });
      watchTraining(queryClient, kind);
      onImported?.(r);
    } catch (err) {
      setImportProblem(toProblem(err));
    } finally {
      setImporting(false);
    }
  };

  const columnOptions = preview?.columns.map((c) => ({ value: c, label: c })) ?? [];
  const title = kind === 'tickets' ? 'Import tickets' : 'Import CRM records';
  return (
    <Modal
      opened={opened}
      onClose={() => {
        onClose();
        reset();
      }}
      title={title}
      size="xl"
      className="records-modal"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack
        gap="sm"
        component="form"
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void runImport();
        }}
      >
        {report ? (
          <>
            <ImportReportView report={report} kind={kind} />
            <Group justify="flex-end">
              <Button variant="default" onClick={reset}>
                Import another file
              </Button>
              <Button
                onClick={() => {
                  onClose();
                  reset();
                }}
                data-autofocus
              >
                Done
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Input.Wrapper
              id={fileId}
              label="Export file"
              description={
                kind === 'tickets'
                  ? 'A CSV or XLSX export of your help desk, or emails (.eml, .mbox). At most 64 MB here; larger exports: docket import records.'
                  : 'A CSV or XLSX export of contacts, accounts or notes from your CRM. At most 64 MB here.'
              }
              error={previewProblem ? 'The file could not be read.' : undefined}
            >
              <input
                id={fileId}
                className="file-input"
                type="file"
                accept={kind === 'tickets' ? IMPORT_ACCEPT : '.csv,.tsv,.txt,.xlsx'}
                aria-describedby={`${fileId}-description`}
                onChange={(e) => void onFile(e)}
                disabled={reading || importing}
                data-autofocus
              />
            </Input.Wrapper>
            <ProblemAlert title="The file could not be read" problem={previewProblem} />
            {reading ? <Text size="sm">Reading the file…</Text> : null}
            {preview && file ? (
              <>
                <Text size="sm" data-testid="preview-summary">
                  <strong>{file.name}</strong>:{' '}
                  {plural(preview.total, isEmailFile(file.name) ? 'message' : 'row')}
                  {preview.columns.length ? `, ${plural(preview.columns.length, 'column')}` : ''}. The first
                  rows:
                </Text>
                <FirstRowsTable
                  columns={preview.columns}
                  rows={preview.rows.slice(0, 5)}
                  maxHeight={200}
                  cellMaxWidth={220}
                />
                <Group align="flex-end" gap="sm">
                  <TextInput
                    label="Source name"
                    description="The mapping is saved under this name and offered for the next export"
                    value={source}
                    onChange={(e) => setSource(e.currentTarget.value)}
                    error={sourceProblem}
                    maxLength={100}
                    w={320}
                  />
                  {preview.saved.length && !fixed ? (
                    <Select
                      label="Saved mapping"
                      description="Use the columns chosen for an earlier export"
                      placeholder="None"
                      data={preview.saved.map((s) => s.source)}
                      value={savedChoice}
                      onChange={(v) => {
                        if (v) applySaved(preview, v);
                        else setSavedChoice(null);
                      }}
                      clearable
                      w={260}
                    />
                  ) : null}
                </Group>
                {fixed ? (
                  <Alert color="blue" p="xs">
                    <Text size="sm">
                      Emails need no mapping: the subject, the text, the sender and the date of each message
                      are used.
                    </Text>
                  </Alert>
                ) : (
                  <>
                    <Text size="sm" fw={600}>
                      Which column holds what{' '}
                      <Text span size="xs" c="dimmed" fw={400}>
                        (leave a field empty when the file has no such column)
                      </Text>
                    </Text>
                    <SimpleGrid
                      cols={{ base: 2, sm: 3 }}
                      spacing="xs"
                      verticalSpacing="xs"
                      role="group"
                      aria-label="Column mapping"
                    >
                      {FIELDS[kind].map((f) => (
                        <Select
                          key={f.key}
                          label={f.label}
                          description={f.hint}
                          placeholder="Not in this file"
                          data={columnOptions}
                          value={columnOf(f.key)}
                          onChange={(v) => setColumn(f.key, v)}
                          // Choosing the column already chosen keeps it; the × clears it.
                          allowDeselect={false}
                          clearable
                          size="xs"
                          error={
                            (f.key === 'subject' || f.key === 'name') && mappingProblem
                              ? mappingProblem
                              : undefined
                          }
                        />
                      ))}
                    </SimpleGrid>
                    {kind === 'crm' ? (
                      <Group gap="sm" align="flex-end">
                        <Select
                          label="Every row is a"
                          description="Unless a record type column says otherwise"
                          data={[
                            { value: 'contact', label: 'Contact' },
                            { value: 'account', label: 'Account' },
                            { value: 'note', label: 'Note or activity' },
                          ]}
                          value={recordType}
                          onChange={(v) => setRecordType((v as typeof recordType | null) ?? 'contact')}
                          allowDeselect={false}
                          size="xs"
                          w={220}
                        />
                        <TextInput
                          label="Tag separator"
                          description="Between tags in the tags column"
                          value={tagSeparator}
                          onChange={(e) => setTagSeparator(e.currentTarget.value)}
                          maxLength={3}
                          error={tagSeparator ? undefined : 'Give a separator, such as ;'}
                          size="xs"
                          w={200}
                        />
                      </Group>
                    ) : null}
                  </>
                )}
                <ProblemAlert title="The import did not run" problem={importProblem} />
                <Group justify="flex-end">
                  <Button
                    variant="default"
                    onClick={() => {
                      onClose();
                      reset();
                    }}
                  >
                    Cancel
                  </Button>
                  <Button
                    type="submit"
                    loading={importing}
                    disabled={Boolean(mappingProblem || sourceProblem || (kind === 'crm' && !tagSeparator))}
                  >
                    Import {preview.total ? count(preview.total, kind) : noun.many}
                  </Button>
                </Group>
              </>
            ) : null}
          </>
        )}
      </Stack>
    </Modal>
  );
}
