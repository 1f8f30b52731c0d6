// Small pieces that show where a task's label stands: its status badge, the "rule" marker, the label
// (or the suggestion, in italics, with its confidence) and tags as chips.
import type { LabelStatus, RecordLabel } from './format.ts';
import { STATUS_HINTS, STATUS_NAMES, percent, shownValue, valueList } from './format.ts';

export function StatusBadge({ status }: { status: LabelStatus }) {
  return (
    <span className={`status-badge status-${status}`} title={STATUS_HINTS[status]}>
      {STATUS_NAMES[status]}
    </span>
  );
}

export function RuleMarker() {
  return (
    <span className="rule-marker" title="Set by a routing rule, which always wins over the model">
      rule
    </span>
  );
}

/** A queue or priority cell: the label (or suggestion), then its status, confidence and rule marker. */
export function LabelCell({ label }: { label: RecordLabel | undefined }) {
  if (!label) return <span className="muted">—</span>;
  const shown = shownValue(label);
  return (
    <>
      <span className="line1" title={label.reason ?? shown.text}>
        {shown.suggestion ? (
          <span className="label-suggested-text">
            <span className="visually-hidden">suggested: </span>
            {shown.text}
          </span>
        ) : shown.text === '—' ? (
          <span className="muted">—</span>
        ) : (
          shown.text
        )}
      </span>
      <span className="line2">
        <StatusBadge status={label.status} />
        {label.probability !== null && label.source !== 'history' && label.source !== 'user' ? (
          <span className="label-conf">{percent(label.probability)}</span>
        ) : null}
        {label.source === 'rule' ? <RuleMarker /> : null}
      </span>
    </>
  );
}

/** Tags as chips: applied ones plain, suggested ones dashed and in italics. */
export function TagChips({ label }: { label: RecordLabel | undefined }) {
  if (!label) return <span className="muted">—</span>;
  const applied = valueList(label.value);
  const suggested = applied.length === 0 && label.status === 'suggested' ? label.top.map((t) => t.label) : [];
  return (
    <>
      <span className="line1 tag-cell">
        {applied.map((t) => (
          <span className="tag-chip" key={t}>
            {t}
          </span>
        ))}
        {suggested.map((t) => (
          <span className="tag-chip tag-chip-suggested" key={t} title="Suggested, not applied yet">
            <span className="visually-hidden">suggested: </span>
            {t}
          </span>
        ))}
        {applied.length === 0 && suggested.length === 0 ? <span className="muted">no tags</span> : null}
      </span>
      <span className="line2">
        <StatusBadge status={label.status} />
        {label.probability !== null && label.source !== 'history' && label.source !== 'user' ? (
          <span className="label-conf">{percent(label.probability)}</span>
        ) : null}
      </span>
    </>
  );
}
