// The CRM tag taxonomy: each tag's name, a description and example keywords. Until enough records are
// reviewed, tags come from these keywords and descriptions (the cold start); then the learned model takes
// over. The core's objections (a name used twice) appear under the field in words.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { api, ApiCallError } from '../../api/client.ts';
import { ConfirmDialog } from '../models/ConfirmDialog.tsx';
import { EditorFooter, useDefinitionEditor } from './definition-editor.tsx';
import { fieldErrors } from './fieldErrors.ts';
import type { TagDefinition } from './format.ts';
import { useTags } from './hooks.ts';

interface Draft {
  id?: number;
  name: string;
  description: string;
  keywords: string;
}

const EMPTY: Draft = { name: '', description: '', keywords: '' };

/** "renewal, contract end,  price" → ["renewal", "contract end", "price"]. */
export function splitKeywords(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
}

export function TagTaxonomyEditor({ onChanged }: { onChanged?: () => void }) {
  const queryClient = useQueryClient();
  const tags = useTags();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['tags.list'] });
    await queryClient.invalidateQueries({ queryKey: ['records.status', 'crm'] });
    onChanged?.();
  };
  const { draft, update, edit, cancel, errors, saved, save, remove, deleting, setDeleting } =
    useDefinitionEditor<Draft, TagDefinition, TagDefinition>({
      empty: EMPTY,
      save: (d) =>
        api.call('tags.save', {
          ...(d.id !== undefined ? { id: d.id } : {}),
          name: d.name,
          description: d.description,
          keywords: splitKeywords(d.keywords),
        }),
      remove: (id) => api.call('tags.delete', { id }),
      refresh,
      savedMessage: (tag) =>
        `Saved the tag “${tag.name}”. Tag the records to apply the taxonomy to those not reviewed yet.`,
      // A name already taken is the name field's problem.
      saveErrors: (e) =>
        e instanceof ApiCallError && e.code === 'CONFLICT'
          ? { fields: { name: e.message }, general: null }
          : fieldErrors(e, ['name', 'description', 'keywords']),
    });

  const list = tags.data ?? [];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={760}>
        Your own tags (intent, interest, risk, industry…). Give each a short description and a few example
        keywords: until enough records are reviewed, Docket tags from these; then a model learned from your
        reviews takes over.
      </Text>
      {tags.error ? (
        <Alert color="red" title="Could not list the tags">
          {tags.error.message}
        </Alert>
      ) : null}
      {list.length ? (
        <table className="records-small-table" aria-label="Tag taxonomy" style={{ maxWidth: 980 }}>
          <thead>
            <tr>
              <th scope="col" style={{ width: 160 }}>
                Tag
              </th>
              <th scope="col">Description</th>
              <th scope="col">Keywords</th>
              <th scope="col" style={{ width: 140 }}>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((t) => (
              <tr key={t.id}>
                <td>
                  <span className="tag-chip">{t.name}</span>
                </td>
                <td>{t.description || <span className="muted">—</span>}</td>
                <td>{t.keywords.length ? t.keywords.join(', ') : <span className="muted">—</span>}</td>
                <td>
                  <Group gap={4}>
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() =>
                        edit({
                          id: t.id,
                          name: t.name,
                          description: t.description,
                          keywords: t.keywords.join(', '),
                        })
                      }
                      aria-label={`Edit tag ${t.name}`}
                    >
                      Edit
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="default"
                      color="red.8"
                      onClick={() => setDeleting(t)}
                      aria-label={`Delete tag ${t.name}`}
                    >
                      Delete
                    </Button>
                  </Group>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : tags.data ? (
        <Text size="sm">No tags defined yet.</Text>
      ) : null}
      <Stack
        gap="xs"
        component="form"
        aria-labelledby="tag-form-title"
        maw={980}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(draft);
        }}
      >
        <Title order={3} size="h6" id="tag-form-title">
          {draft.id !== undefined ? `Change the tag “${draft.name}”` : 'Define a tag'}
        </Title>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Tag name"
            value={draft.name}
            onChange={(e) => update({ name: e.currentTarget.value })}
            error={errors.fields.name}
            maxLength={60}
            w={200}
          />
          <Textarea
            label="Description"
            description="What the tag means, in a sentence"
            value={draft.description}
            onChange={(e) => update({ description: e.currentTarget.value })}
            error={errors.fields.description}
            maxLength={500}
            autosize
            minRows={1}
            maxRows={4}
            w={340}
          />
          <TextInput
            label="Keywords"
            description="Comma separated, e.g. renewal, contract end"
            value={draft.keywords}
            onChange={(e) => update({ keywords: e.currentTarget.value })}
            error={errors.fields.keywords}
            w={320}
          />
        </Group>
        <EditorFooter
          noun="tag"
          editing={draft.id !== undefined}
          canSave={draft.name.trim() !== ''}
          saving={save.isPending}
          general={errors.general}
          saved={saved}
          onCancel={cancel}
        />
      </Stack>
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete the tag “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete tag"
        keepLabel="Keep it"
        danger
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      >
        It leaves the taxonomy; records already tagged with it keep the tag.
      </ConfirmDialog>
    </Stack>
  );
}
