// The workspace in use (yours or the sample one), followed while the sample data loads. When the workspace
// changes, every cached answer belonged to the other database: they are dropped before the new state is
// rendered (and App remounts the views), so nothing of one workspace shows in the other.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Output } from '../../../main/api/contract.ts';
import { api } from './client.ts';

export type WorkspaceState = Output<'workspace.get'>;
const KEY = ['workspace'];

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
    queryFn: async () => takeState(queryClient, await api.call('workspace.get', {})),
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
    mutationFn: () => api.call(name, {}),
    onSuccess: (state) => queryClient.setQueryData(KEY, takeState(queryClient, state)),
  });
}
