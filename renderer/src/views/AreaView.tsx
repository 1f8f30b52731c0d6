import type { Status } from '../../../main/api/contract.ts';
import type { Area } from '../areas.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { WelcomePanel } from '../components/workspace/WelcomePanel.tsx';
import type { WorkspaceState } from '../api/workspace.ts';
import { CrmView } from './CrmView.tsx';
import { DocumentsView } from './DocumentsView.tsx';
import { ImportsView } from './ImportsView.tsx';
import { InvoicesView } from './InvoicesView.tsx';
import { ModelsView } from './ModelsView.tsx';
import { SettingsView } from './SettingsView.tsx';
import { TicketsView } from './TicketsView.tsx';

export function AreaView({
  area,
  status,
  workspace,
}: {
  area: Area;
  status: Status | null;
  /** Given when the workspace is empty: the inbox welcomes with the sample data and the user's folder. */
  workspace?: WorkspaceState | undefined;
}) {
  switch (area.id) {
    case 'inbox':
      return workspace ? (
        <WelcomePanel workspace={workspace} />
      ) : (
        <EmptyState title={area.emptyTitle}>{area.emptyBody}</EmptyState>
      );
    case 'documents':
      return <DocumentsView area={area} />;
    case 'invoices':
      return <InvoicesView area={area} status={status} />;
    case 'tickets':
      return <TicketsView area={area} status={status} />;
    case 'crm':
      return <CrmView area={area} status={status} />;
    case 'imports':
      return <ImportsView area={area} />;
    case 'models':
      return <ModelsView area={area} status={status} />;
    case 'settings':
      return <SettingsView status={status} />;
    default:
      return <EmptyState title={area.emptyTitle}>{area.emptyBody}</EmptyState>;
  }
}
