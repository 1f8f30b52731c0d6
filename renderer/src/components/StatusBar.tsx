import type { Status } from '../../../main/api/contract.ts';
import type { ApiCallError } from '../api/client.ts';

export function StatusBar({ status, error }: { status: Status | null; error: ApiCallError | null }) {
  if (error) {
    return (
      <div className="status-bar" role="status" aria-label="Status">
        <span>Not connected: {error.message}</span>
      </div>
    );
  }
  if (!status) {
    return (
      <div className="status-bar" role="status" aria-label="Status">
        <span>Connecting…</span>
      </div>
    );
  }
  return (
    <div className="status-bar" role="status" aria-label="Status">
      <span title={status.database}>
        Database: schema {status.schemaVersion},{' '}
        {status.encrypted ? `encrypted (${status.cipher})` : 'NOT encrypted'}
      </span>
      <span>Engine: {status.engine.message}</span>
      <span>
        {status.counts.documents} documents · {status.counts.records} records · {status.counts.models} models
      </span>
      <span style={{ marginLeft: 'auto' }}>Docket {status.appVersion}</span>
    </div>
  );
}
