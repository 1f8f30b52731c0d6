// A boxed note with a coloured edge: its text stays dark on white (AA contrast), the colour only marks it.
import type { ReactNode } from 'react';
import { Paper, Text } from '@mantine/core';

const EDGE = { ok: '#2b8a3e', warn: '#d9480f', bad: '#c92a2a', info: '#364fc7' } as const;

export function Callout({
  tone,
  title,
  children,
  testId,
}: {
  tone: keyof typeof EDGE;
  title?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      style={{ borderLeft: `4px solid ${EDGE[tone]}` }}
      data-testid={testId}
    >
      {title ? (
        <Text size="sm" fw={700} mb={2}>
          {title}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}
