import { useEffect, useState } from 'react';
import { Alert, AppShell, Badge, Button, Group, Kbd, NavLink, Stack, Text, Title } from '@mantine/core';
import { areas, areaFromHash, type Area } from './areas.ts';
import { useStatus } from './api/hooks.ts';
import { StatusBar } from './components/StatusBar.tsx';
import { AreaView } from './views/AreaView.tsx';
import { useWorkspace, useWorkspaceAction } from './api/workspace.ts';
import { SampleBanner, SampleError } from './components/workspace/SampleBanner.tsx';
import { SampleLoading } from './components/workspace/WelcomePanel.tsx';

function useHashArea(): string {
  const [area, setArea] = useState(() => areaFromHash(window.location.hash));
  useEffect(() => {
    const onHash = (): void => setArea(areaFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return area;
}

/** Alt+1 … Alt+8 jump between areas. */
function useAreaShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const target = areas.find((a) => a.key === e.key);
      if (target) {
        e.preventDefault();
        window.location.hash = `#/${target.id}`;
        document.getElementById('main')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  const current = useHashArea();
  const area = areas.find((a) => a.id === current) as Area;
  const { status, error } = useStatus();
  const workspace = useWorkspace();
  const openSample = useWorkspaceAction('workspace.trySample');
  const [sampleDeleted, setSampleDeleted] = useState(false);
  useAreaShortcuts();
  const inSample = workspace?.active === 'sample';
  // The welcome (with its own progress) shows on an empty workspace's inbox; elsewhere loading shows on top.
  const empty = status !== null && status.counts.files + status.counts.records === 0;
  const welcomeShown = !inSample && empty && area.id === 'inbox';

  useEffect(() => {
    document.title = `${area.label} · Docket`;
  }, [area]);

  return (
    <>
      <a
        className="skip-link"
        href={`#/${area.id}`}
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <AppShell navbar={{ width: 220, breakpoint: 0 }} footer={{ height: 30 }} padding="lg">
        <AppShell.Navbar p="xs" component="nav" aria-label="Areas">
          <Stack gap={2}>
            <Title order={1} size="h4" px="sm" py="xs">
              Docket
            </Title>
            {areas.map((a) => (
              <NavLink
                key={a.id}
                component="a"
                href={`#/${a.id}`}
                label={a.label}
                active={a.id === area.id}
                variant="filled"
                aria-current={a.id === area.id ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${a.key}`}
                rightSection={
                  <Text span size="xs" c="dimmed" aria-hidden="true">
                    <Kbd size="xs">Alt+{a.key}</Kbd>
                  </Text>
                }
              />
            ))}
            {inSample ? (
              <Badge color="grape" variant="light" mx="sm" mt="sm">
                Sample workspace
              </Badge>
            ) : workspace?.sample.exists && !workspace.sample.loading ? (
              <Button
                variant="subtle"
                size="xs"
                mx="xs"
                mt="sm"
                onClick={() => openSample.mutate()}
                loading={openSample.isPending}
              >
                Open the sample workspace
              </Button>
            ) : null}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1} aria-label={area.heading} style={{ outline: 'none' }}>
          <Group mb="md">
            <Title order={2}>{area.heading}</Title>
          </Group>
          {workspace && (inSample || workspace.activeReport) ? (
            <SampleBanner workspace={workspace} onDeleted={() => setSampleDeleted(true)} />
          ) : null}
          {workspace?.sample.loading && !welcomeShown ? (
            <Alert
              color="blue"
              variant="light"
              mb="md"
              title="Loading the sample workspace"
              role="region"
              aria-label="Sample workspace loading"
            >
              <SampleLoading loading={workspace.sample.loading} />
            </Alert>
          ) : null}
          {workspace && !inSample && !welcomeShown && (workspace.sample.error || openSample.error) ? (
            <SampleError
              workspace={workspace}
              message={openSample.error?.message ?? workspace.sample.error!}
              onDeleted={() => openSample.reset()}
            />
          ) : null}
          {sampleDeleted && !inSample && !workspace?.sample.loading && !workspace?.sample.exists ? (
            <Alert
              color="teal"
              variant="light"
              mb="md"
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => setSampleDeleted(false)}
              role="status"
            >
              The sample workspace was deleted. You are in your own workspace.
            </Alert>
          ) : null}
          <AreaView
            key={workspace?.active ?? 'main'}
            area={area}
            status={status}
            workspace={welcomeShown ? workspace : undefined}
          />
        </AppShell.Main>
        <AppShell.Footer component="footer">
          <StatusBar status={status} error={error} />
        </AppShell.Footer>
      </AppShell>
    </>
  );
}
