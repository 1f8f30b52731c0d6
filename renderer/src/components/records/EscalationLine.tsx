// Whether unsure items may go to an outside (OpenAI-compatible) endpoint. Read-only here: turning it on
// is an admin's action with the docket command, and this computer's policy may forbid it outright.
import { Text } from '@mantine/core';
import { useEscalation } from './hooks.ts';

function host(url: string | null): string {
  if (!url) return 'an endpoint';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function EscalationLine() {
  const escalation = useEscalation();
  const e = escalation.data;
  let text: string;
  if (escalation.error) text = `Escalation: unknown (${escalation.error.message}).`;
  else if (!e) text = 'Escalation: checking…';
  else if (e.forbiddenByPolicy)
    text = 'Escalation of unsure items: forbidden by this computer’s policy. Nothing leaves this machine.';
  else if (e.enabled)
    text = `Escalation of unsure items: on, to ${host(e.url)}${e.model ? ` (${e.model})` : ''}. Items below the low threshold are sent there; each record shows what came back. An admin turns it off with the docket command.`;
  else
    text =
      'Escalation of unsure items: off. Nothing leaves this machine. An admin can turn it on with the docket command.';
  return (
    <Text size="xs" c="dimmed" data-testid="escalation-line">
      {text}
    </Text>
  );
}
