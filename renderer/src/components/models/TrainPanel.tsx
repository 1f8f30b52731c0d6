// Train a text classifier from a file chosen in the window: the file's bytes are sent to Docket, which
// keeps them and shows the columns; the user picks the text and label columns and names the model. The
// training runs in the background with live progress; when it ends the new version is installed and in use.
import { useId, useState, type ChangeEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  List,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { api, ApiCallError } from '../../api/client.ts';
import { readAsBase64 } from '../../api/upload.ts';
import { FirstRowsTable } from '../FirstRowsTable.tsx';
import {
  guessColumns,
  modelIdProblem,
  percent,
  suggestModelId,
  type DataPreview,
  type Training,
} from './format.ts';

const MAX_BYTES = 100 * 1024 * 1024;

interface Problem {
  message: string;
  issues?: string[];
}

function toProblem(e: unknown): Problem {
  if (e instanceof ApiCallError)
    return {
      message: e.message,
      issues: e.issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
    };
  return { message: (e as Error).message };
}

function ProblemAlert({ title, problem }: { title: string; problem: Problem | null }) {
  if (!problem) return null;
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm">{problem.message}</Text>
      {problem.issues?.length ? (
        <List size="sm" mt={4}>
          {problem.issues.map((i) => (
            <List.Item key={i}>{i}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}

function duration(t: Training): string {
  const end = t.finishedAt ? Date.parse(t.finishedAt) : Date.now();
  const s = Math.max(0, (end - Date.parse(t.startedAt)) / 1000);
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function progressValue(t: Training): number {
  if (t.status === 'done') return 100;
  if (t.phase === 'reading') return 2;
  if (t.phase === 'features') return 6;
  if (t.phase === 'calibrating') return 60;
  if (t.phase === 'installing') return 97;
  if (t.phase === 'refit') return 60 + (35 * (t.refitEpoch ?? 0)) / Math.max(1, t.refitEpochs ?? 1);
  return 8 + (52 * t.epoch) / Math.max(1, t.maxEpochs);
}

function phaseText(t: Training): string {
  switch (t.phase) {
    case 'reading':
      return 'Reading the data file…';
    case 'features':
      return `Preparing features${t.rows ? ` from ${t.rows.toLocaleString()} rows` : ''}…`;
    case 'epoch':
      return `Epoch ${t.epoch} of at most ${t.maxEpochs} · held-out score ${percent(t.heldOutScore)}`;
    case 'calibrating':
      return 'Calibrating confidence on the held-out rows…';
    case 'installing':
      return 'Installing the new version…';
    case 'refit':
      return `Final pass over all ${t.rows ? `${t.rows.toLocaleString()} ` : ''}rows: epoch ${t.refitEpoch ?? 0} of ${t.refitEpochs ?? '?'}…`;
    default:
      return t.phase;
  }
}

export function TrainingStatus({ training: t, onCancel }: { training: Training; onCancel: () => void }) {
  const running = t.status === 'running';
  const color =
    t.status === 'failed'
      ? 'red.8'
      : t.status === 'cancelled'
        ? 'gray.6'
        : t.status === 'done'
          ? 'teal.8'
          : undefined;
  return (
    <Stack gap={6} data-testid="training-status">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          Training {t.modelId}
          {t.rows ? ` on ${t.rows.toLocaleString()} rows` : ''}
        </Text>
        {running && t.phase !== 'installing' ? (
          <Button size="compact-sm" variant="default" onClick={onCancel}>
            Cancel training
          </Button>
        ) : null}
      </Group>
      <Progress
        value={progressValue(t)}
        color={color}
        animated={running}
        striped={running}
        size="lg"
        aria-label={`Training ${t.modelId}`}
      />
      <Text size="sm" role="status" data-testid="training-phase">
        {running ? phaseText(t) : null}
        {t.status === 'done'
          ? `Done in ${duration(t)}: version ${t.version} of ${t.modelId} is installed and in use.` +
            (t.epoch > 0 && t.epoch < t.maxEpochs
              ? ` Training stopped after epoch ${t.epoch} of ${t.maxEpochs}, when the held-out score stopped improving.`
              : '')
          : null}
        {t.status === 'cancelled' ? 'Cancelled. Nothing was installed.' : null}
        {t.status === 'failed' ? 'Training failed. Nothing was installed.' : null}
      </Text>
      {t.status === 'failed' && t.error ? (
        <Alert color="red" title="Why the training failed" role="alert">
          {t.error}
        </Alert>
      ) : null}
    </Stack>
  );
}

export function TrainPanel({
  existingIds,
  trainings,
}: {
  existingIds: readonly string[];
  trainings: readonly Training[];
}) {
  const queryClient = useQueryClient();
  const fileId = useId();
  const [fileName, setFileName] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadProblem, setUploadProblem] = useState<Problem | null>(null);
  const [data, setData] = useState<DataPreview | null>(null);
  const [textColumn, setTextColumn] = useState<string | null>(null);
  const [labelColumn, setLabelColumn] = useState<string | null>(null);
  const [modelId, setModelId] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [multiLabel, setMultiLabel] = useState(false);
  const [separator, setSeparator] = useState('|');
  const [seed, setSeed] = useState<number | string>(1);
  const [starting, setStarting] = useState(false);
  const [trainProblem, setTrainProblem] = useState<Problem | null>(null);
  const [watchedId, setWatchedId] = useState<number | null>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.currentTarget.files?.[0];
    setUploadProblem(null);
    setData(null);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_BYTES) {
      setUploadProblem({ message: `${file.name} is larger than 100 MB; split it or use a sample.` });
      return;
    }
    setUploading(true);
    try {
      const preview = await api.call('models.uploadData', {
        name: file.name,
        dataBase64: await readAsBase64(file),
      });
      const guess = guessColumns(preview);
      setData(preview);
      setTextColumn(guess.text);
      setLabelColumn(guess.label);
      if (!nameTouched || !modelId) setModelId(suggestModelId(file.name));
    } catch (err) {
      setUploadProblem(toProblem(err));
    } finally {
      setUploading(false);
    }
  };

  const nameProblem = modelIdProblem(modelId);
  const sameColumns = textColumn !== null && textColumn === labelColumn;
  const watched = trainings.find((t) => t.id === watchedId) ?? trainings.find((t) => t.status === 'running');
  const busy = watched?.status === 'running';
  const canTrain =
    data !== null &&
    textColumn !== null &&
    labelColumn !== null &&
    !sameColumns &&
    nameProblem === null &&
    (!multiLabel || separator.length > 0) &&
    !starting &&
    !busy;

  const train = async (): Promise<void> => {
    if (!canTrain || !data || !textColumn || !labelColumn) return;
    setTrainProblem(null);
    setStarting(true);
    try {
      const started = await api.call('models.train', {
        path: data.path,
        text: textColumn,
        label: labelColumn,
        modelId,
        multiLabel,
        ...(multiLabel ? { labelSeparator: separator } : {}),
        seed: typeof seed === 'number' ? seed : 1,
      });
      setWatchedId(started.id);
      queryClient.setQueryData<Training[]>(['models.trainings'], (old = []) => [
        started,
        ...old.filter((t) => t.id !== started.id),
      ]);
      void queryClient.invalidateQueries({ queryKey: ['models.trainings'] });
    } catch (err) {
      setTrainProblem(toProblem(err));
    } finally {
      setStarting(false);
    }
  };

  const cancel = async (id: number): Promise<void> => {
    try {
      await api.call('models.cancelTraining', { trainingId: id });
    } catch (err) {
      setTrainProblem(toProblem(err));
    }
    void queryClient.invalidateQueries({ queryKey: ['models.trainings'] });
  };

  const columnOptions = data?.columns.map((c) => ({ value: c, label: c })) ?? [];
  return (
    <Stack
      gap="sm"
      component="form"
      aria-label="Train a model"
      onSubmit={(e) => {
        e.preventDefault();
        void train();
      }}
    >
      <Input.Wrapper
        id={fileId}
        label="Training data"
        description="A CSV, TSV or JSONL file with one example per row: a text column and a label column."
        error={uploadProblem ? 'The file could not be used.' : undefined}
      >
        <input
          id={fileId}
          className="file-input"
          type="file"
          accept=".csv,.tsv,.jsonl"
          aria-describedby={`${fileId}-description`}
          onChange={(e) => void onFile(e)}
          disabled={uploading}
        />
      </Input.Wrapper>
      <ProblemAlert title="The file could not be used" problem={uploadProblem} />
      {uploading ? <Text size="sm">Reading {fileName}…</Text> : null}
      {data ? (
        <>
          <Text size="sm" data-testid="data-summary">
            <strong>{fileName}</strong>: {data.rows.toLocaleString()} rows, {data.columns.length} columns (
            {data.columns.join(', ')}). The first rows:
          </Text>
          <FirstRowsTable columns={data.columns} rows={data.preview} maxHeight={190} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label="Text column"
              description="What the model reads"
              data={columnOptions}
              value={textColumn}
              onChange={setTextColumn}
              allowDeselect={false}
              error={sameColumns ? 'Choose different columns for text and label' : undefined}
            />
            <Select
              label="Label column"
              description="What it learns to predict"
              data={columnOptions}
              value={labelColumn}
              onChange={setLabelColumn}
              allowDeselect={false}
            />
            <TextInput
              label="Model name"
              description={
                existingIds.includes(modelId)
                  ? `Adds a new version of ${modelId}`
                  : 'Lower-case letters, digits, . _ -'
              }
              value={modelId}
              onChange={(e) => {
                setNameTouched(true);
                setModelId(e.currentTarget.value);
              }}
              error={nameTouched || modelId ? nameProblem : undefined}
              spellCheck={false}
              autoComplete="off"
            />
          </SimpleGrid>
          <Group align="flex-end" gap="md">
            <Checkbox
              label="Several labels per row (multi-label)"
              checked={multiLabel}
              onChange={(e) => setMultiLabel(e.currentTarget.checked)}
              mb={8}
            />
            {multiLabel ? (
              <TextInput
                label="Label separator"
                description="Between labels in one cell"
                value={separator}
                onChange={(e) => setSeparator(e.currentTarget.value)}
                maxLength={5}
                w={150}
                error={separator ? undefined : 'Needed for multi-label data'}
              />
            ) : null}
            <NumberInput
              label="Random seed"
              description="For repeatable results"
              value={seed}
              onChange={setSeed}
              allowDecimal={false}
              min={0}
              max={2_147_483_647}
              w={170}
            />
            <Button type="submit" disabled={!canTrain} loading={starting} ml="auto">
              Train
            </Button>
          </Group>
        </>
      ) : null}
      <ProblemAlert title="Training could not start" problem={trainProblem} />
      {watched ? <TrainingStatus training={watched} onCancel={() => void cancel(watched.id)} /> : null}
    </Stack>
  );
}
