// The workspace in use (yours or the sample one), followed while the sample data loads. When the workspace
// changes, every cached answer belonged to the other database: they are dropped before the new state is
// rendered (and App remounts the views), so nothing of one workspace shows in the other.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Output } from '../../../main/api/contract.ts';
import { api } from './client.ts';

export type WorkspaceState = Output<'workspace.get'>;
const KEY = ['workspace'];

/** This window asked for the sample workspace and waits for it to load, to use it then. */
let waitingForSample = false;

function takeState(queryClient: QueryClient, next: WorkspaceState): WorkspaceState {
  const previous = queryClient.getQueryData<WorkspaceState>(KEY);
  if (previous && previous.active !== next.active) {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== KEY[0] });
  }
  return next;
}

export function useWorkspace(): WorkspaceState | undefined {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: KEY,
    queryFn: async () => {
      let next = await api.call('workspace.get', {});
      // Loaded: the server never switches by itself, so this window asks to use the sample workspace now.
      if (waitingForSample && !next.sample.loading) {
        waitingForSample = false;
        if (next.sample.report && next.active === 'main') next = await api.call('workspace.trySample', {});
      }
      return takeState(queryClient, next);
    },
    // Loading reports its progress here; otherwise the state changes only by the window's own actions.
    refetchInterval: (q) => (q.state.data?.sample.loading ? 500 : false),
  });
  return data;
}

/** A workspace action; its answer is the new state, which replaces the cached one. */
export function useWorkspaceAction(
  name: 'workspace.trySample' | 'workspace.useMain' | 'workspace.deleteSample',
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => {
      waitingForSample = name === 'workspace.trySample';
      return api.call(name, {});
    },
    onSuccess: (state) => {
      if (!state.sample.loading) waitingForSample = false;
      queryClient.setQueryData(KEY, takeState(queryClient, state));
    },
    // The server may have changed workspace before failing (a delete that removed only part of the files):
    // ask it where things stand, so the window never shows one workspace while calling the other.
    onError: () => {
      waitingForSample = false;
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
}
