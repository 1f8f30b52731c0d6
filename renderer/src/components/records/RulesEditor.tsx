// Routing rules for tickets: a keyword, regex, sender or domain that sets the queue or priority. A rule
// that matches always wins over the model and is shown as the reason. The core checks each rule when it is
// saved (a regex must compile and be safe) and its objections appear under the field in words.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { api } from '../../api/client.ts';
import { ConfirmDialog } from '../models/ConfirmDialog.tsx';
import { EditorFooter, useDefinitionEditor } from './definition-editor.tsx';
import { fieldErrors } from './fieldErrors.ts';
import type { RoutingRule } from './format.ts';
import { useRules } from './hooks.ts';

const MATCHES = [
  { value: 'keyword', label: 'Keyword or phrase', hint: 'in the subject or body, e.g. invoice' },
  { value: 'regex', label: 'Regular expression', hint: 'on the subject and body, e.g. \\bVPN\\b' },
  { value: 'sender', label: 'Sender address', hint: 'the requester, e.g. ceo@acme.com' },
  { value: 'domain', label: 'Sender domain', hint: 'the requester’s domain, e.g. acme.com' },
] as const;
type Match = RoutingRule['match'];
type RuleTask = RoutingRule['task'];

const MATCH_NAMES = Object.fromEntries(MATCHES.map((m) => [m.value, m.label])) as Record<Match, string>;

interface Draft {
  id?: number;
  task: RuleTask;
  match: Match;
  pattern: string;
  value: string;
  enabled: boolean;
}

const EMPTY: Draft = { task: 'queue', match: 'keyword', pattern: '', value: '', enabled: true };

export function RulesEditor({ labels }: { labels: Partial<Record<RuleTask, string[]>> }) {
  const queryClient = useQueryClient();
  const rules = useRules();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['rules.list'] });
  const { draft, update, edit, cancel, errors, fail, saved, save, remove, deleting, setDeleting } =
    useDefinitionEditor<Draft, RoutingRule, RoutingRule>({
      empty: EMPTY,
      save: (d) =>
        api.call('rules.save', {
          ...(d.id !== undefined ? { id: d.id } : {}),
          task: d.task,
          match: d.match,
          pattern: d.pattern,
          value: d.value,
          enabled: d.enabled,
        }),
      remove: (id) => api.call('rules.delete', { id }),
      refresh,
      savedMessage: (rule) =>
        `Saved: ${MATCH_NAMES[rule.match].toLowerCase()} “${rule.pattern}” → ${rule.task} ${rule.value}. Route the tickets to apply it to those not reviewed yet.`,
      saveErrors: (e) => fieldErrors(e, ['task', 'match', 'pattern', 'value']),
    });
  const toggle = useMutation({
    mutationFn: (r: RoutingRule) =>
      api.call('rules.save', {
        id: r.id,
        task: r.task,
        match: r.match,
        pattern: r.pattern,
        value: r.value,
        enabled: !r.enabled,
      }),
    onSuccess: refresh,
    onError: fail,
  });

  const hint = MATCHES.find((m) => m.value === draft.match)?.hint;
  const list = rules.data ?? [];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={760}>
        Rules are tried in order; the first that matches sets the queue or priority, whatever the model
        thinks, and is shown as the reason. Use them for what must never be missed (an important customer, a
        security keyword).
      </Text>
      {rules.error ? (
        <Alert color="red" title="Could not list the rules">
          {rules.error.message}
        </Alert>
      ) : null}
      {list.length ? (
        <table className="records-small-table" aria-label="Routing rules" style={{ maxWidth: 980 }}>
          <thead>
            <tr>
              <th scope="col" style={{ width: 40 }}>
                #
              </th>
              <th scope="col">When</th>
              <th scope="col">Sets</th>
              <th scope="col" style={{ width: 90 }}>
                On
              </th>
              <th scope="col" style={{ width: 150 }}>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((r, i) => {
              const what = `${MATCH_NAMES[r.match].toLowerCase()} “${r.pattern}”`;
              return (
                <tr key={r.id} className={r.enabled ? undefined : 'undone'}>
                  <td className="num">{i + 1}</td>
                  <td>
                    {MATCH_NAMES[r.match]}: <code>{r.pattern}</code>
                  </td>
                  <td>
                    {r.task} → <strong>{r.value}</strong>
                  </td>
                  <td>
                    <Switch
                      size="xs"
                      checked={r.enabled}
                      onChange={() => toggle.mutate(r)}
                      aria-label={`Rule ${what} is on`}
                    />
                  </td>
                  <td>
                    <Group gap={4}>
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() =>
                          edit({
                            id: r.id,
                            task: r.task,
                            match: r.match,
                            pattern: r.pattern,
                            value: r.value,
                            enabled: r.enabled,
                          })
                        }
                        aria-label={`Edit rule ${what}`}
                      >
                        Edit
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="default"
                        color="red.8"
                        onClick={() => setDeleting(r)}
                        aria-label={`Delete rule ${what}`}
                      >
                        Delete
                      </Button>
                    </Group>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : rules.data ? (
        <Text size="sm">No rules yet: every ticket is routed by the model.</Text>
      ) : null}
      <Stack
        gap="xs"
        component="form"
        aria-labelledby="rule-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(draft);
        }}
        maw={980}
      >
        <Title order={3} size="h6" id="rule-form-title">
          {draft.id !== undefined ? 'Change the rule' : 'Add a rule'}
        </Title>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label="Sets the"
            data={[
              { value: 'queue', label: 'Queue' },
              { value: 'priority', label: 'Priority' },
            ]}
            value={draft.task}
            onChange={(v) => update({ task: (v as RuleTask | null) ?? 'queue' })}
            allowDeselect={false}
            error={errors.fields.task}
            w={120}
          />
          <Select
            label="Match"
            data={MATCHES.map((m) => ({ value: m.value, label: m.label }))}
            value={draft.match}
            onChange={(v) => update({ match: (v as Match | null) ?? 'keyword' })}
            allowDeselect={false}
            error={errors.fields.match}
            w={190}
          />
          <TextInput
            label="Pattern"
            description={hint}
            value={draft.pattern}
            onChange={(e) => update({ pattern: e.currentTarget.value })}
            error={errors.fields.pattern}
            maxLength={300}
            spellCheck={false}
            w={280}
          />
          <Autocomplete
            label="Value"
            description={`The ${draft.task} to set, new or existing`}
            data={labels[draft.task] ?? []}
            value={draft.value}
            onChange={(v) => update({ value: v })}
            error={errors.fields.value}
            maxLength={100}
            w={220}
          />
        </Group>
        <EditorFooter
          noun="rule"
          editing={draft.id !== undefined}
          canSave={draft.pattern.trim() !== '' && draft.value.trim() !== ''}
          saving={save.isPending}
          general={errors.general}
          saved={saved}
          onCancel={cancel}
        />
      </Stack>
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this rule?"
        confirmLabel="Delete rule"
        keepLabel="Keep it"
        danger
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      >
        {deleting
          ? `${MATCH_NAMES[deleting.match]} “${deleting.pattern}” → ${deleting.task} ${deleting.value}. Labels it already set stay as they are.`
          : null}
      </ConfirmDialog>
    </Stack>
  );
}
