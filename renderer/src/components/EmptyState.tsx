import type { ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md" maw={720} role="status">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {children}
        </Text>
      </Stack>
    </Paper>
  );
}
