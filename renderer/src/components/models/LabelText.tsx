import { Fragment } from 'react';

/** A label such as "card_payment_not_recognised", allowed to wrap after its separators rather than mid-word. */
export function LabelText({ label }: { label: string }) {
  const parts = label.split(/(?<=[_\-./:])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
