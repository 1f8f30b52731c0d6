// The Tickets area: help desk exports imported, each ticket routed to a queue and priority, reviewed with
// the keyboard; the model status; and the routing rules that always win over the model.
import type { Status } from '../../../main/api/contract.ts';
import type { Area } from '../areas.ts';
import { RecordsArea } from '../components/records/RecordsArea.tsx';
import { RulesEditor } from '../components/records/RulesEditor.tsx';
import { useModelStatus } from '../components/records/hooks.ts';

function Rules() {
  // The values offered for a rule: the queues and priorities Docket knows.
  const model = useModelStatus('tickets');
  const labels = {
    queue: model.data?.find((s) => s.task === 'queue')?.labels ?? [],
    priority: model.data?.find((s) => s.task === 'priority')?.labels ?? [],
  };
  return <RulesEditor labels={labels} />;
}

export function TicketsView({ area, status }: { area: Area; status: Status | null }) {
  return (
    <RecordsArea
      kind="tickets"
      area={area}
      status={status}
      editorTab={{
        value: 'rules',
        label: 'Routing rules',
        panel: (predictButton) => (
          <>
            <Rules />
            <div style={{ marginTop: 12 }}>{predictButton}</div>
          </>
        ),
      }}
    />
  );
}
