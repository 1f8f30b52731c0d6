// The CRM area: contacts, accounts and notes imported, normalised, checked for duplicates and tagged with
// the team's own taxonomy; reviewed with the keyboard; the model status; and the tag taxonomy editor.
import type { Status } from '../../../main/api/contract.ts';
import type { Area } from '../areas.ts';
import { RecordsArea } from '../components/records/RecordsArea.tsx';
import { TagTaxonomyEditor } from '../components/records/TagTaxonomyEditor.tsx';

export function CrmView({ area, status }: { area: Area; status: Status | null }) {
  return (
    <RecordsArea
      kind="crm"
      area={area}
      status={status}
      editorTab={{
        value: 'tags',
        label: 'Tag taxonomy',
        panel: (predictButton) => (
          <>
            <TagTaxonomyEditor />
            <div style={{ marginTop: 12 }}>{predictButton}</div>
          </>
        ),
      }}
    />
  );
}
