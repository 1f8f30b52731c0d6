// What the routing-rules and tag-taxonomy editors share: a draft form whose save the core checks (its
// objections under the fields, cleared by the next change), a line saying what was saved, and a delete that
// is confirmed first.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Text } from '@mantine/core';
import { NO_ERRORS, type FieldErrors } from './fieldErrors.ts';

export function useDefinitionEditor<
  Draft extends { id?: number },
  Saved,
  Item extends { id: number },
>(options: {
  empty: Draft;
  save: (draft: Draft) => Promise<Saved>;
  remove: (id: number) => Promise<unknown>;
  /** After a save or a delete: the lists that show the definitions. */
  refresh: () => Promise<unknown>;
  savedMessage: (saved: Saved) => string;
  /** A refused save, split for the form. */
  saveErrors: (e: Error) => FieldErrors;
}) {
  const { empty, refresh } = options;
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Item | null>(null);
  /** A change to the form: the objections to the last save no longer apply. */
  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors(NO_ERRORS);
  };
  /** Start editing a definition from the list. */
  const edit = (next: Draft) => {
    setErrors(NO_ERRORS);
    setDraft(next);
  };
  const save = useMutation({
    mutationFn: options.save,
    onMutate: () => {
      setErrors(NO_ERRORS);
      setSaved(null);
    },
    onSuccess: async (result) => {
      setDraft(empty);
      setSaved(options.savedMessage(result));
      await refresh();
    },
    onError: (e) => setErrors(options.saveErrors(e)),
  });
  const remove = useMutation({
    mutationFn: options.remove,
    onSuccess: async () => {
      setDeleting(null);
      await refresh();
    },
    onError: (e) => {
      setDeleting(null);
      setErrors({ fields: {}, general: e.message });
    },
  });
  /** An objection that is no field's (a failed toggle, a failed delete). */
  const fail = (e: Error) => setErrors({ fields: {}, general: e.message });
  return {
    draft,
    update,
    edit,
    cancel: () => setDraft(empty),
    errors,
    fail,
    saved,
    save,
    remove,
    deleting,
    setDeleting,
  };
}

/** Under the form: the objection no field owns, Add/Save and Cancel, and what the last save did. */
export function EditorFooter({
  noun,
  editing,
  canSave,
  saving,
  general,
  saved,
  onCancel,
}: {
  noun: string;
  editing: boolean;
  canSave: boolean;
  saving: boolean;
  general: string | null;
  saved: string | null;
  onCancel: () => void;
}) {
  return (
    <>
      {general ? (
        <Text size="sm" c="red.9" role="alert">
          {general}
        </Text>
      ) : null}
      <Group gap="xs">
        <Button type="submit" size="xs" loading={saving} disabled={!canSave}>
          {editing ? `Save ${noun}` : `Add ${noun}`}
        </Button>
        {editing ? (
          <Button size="xs" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </Group>
      {saved ? (
        <Text size="sm" role="status">
          {saved}
        </Text>
      ) : null}
    </>
  );
}
