// The checks run on the invoice: failed ones as warnings with the fields they involve (a click moves to
// the field), passed ones folded away.
import { Alert, Button, Group, List, Text } from '@mantine/core';
import { FIELD_LABELS, RULE_FIELDS, type InvoiceFieldName, type ValidationResult } from './fields.ts';

export function ValidationList({
  validation,
  onChoose,
}: {
  validation: readonly ValidationResult[];
  onChoose: (field: InvoiceFieldName) => void;
}) {
  const failed = validation.filter((v) => !v.ok);
  const passed = validation.filter((v) => v.ok);
  return (
    <section aria-label="Checks" data-testid="invoice-checks">
      {failed.length ? (
        <Alert
          color="#8a3c00"
          variant="light"
          title={`${failed.length} ${failed.length === 1 ? 'warning' : 'warnings'}: check these against the page`}
          mb="xs"
        >
          <List size="sm" spacing={4} data-testid="invoice-warnings">
            {failed.map((v) => (
              <List.Item key={v.rule}>
                <Text size="sm" span>
                  {v.message}
                </Text>
                {(RULE_FIELDS[v.rule] ?? []).length ? (
                  <Group gap={4} mt={2}>
                    {(RULE_FIELDS[v.rule] ?? []).map((f) => (
                      <Button
                        key={f}
                        size="compact-xs"
                        variant="default"
                        onClick={() => onChoose(f)}
                        aria-label={`Go to ${FIELD_LABELS[f]}`}
                      >
                        {FIELD_LABELS[f]}
                      </Button>
                    ))}
                  </Group>
                ) : null}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {passed.length ? (
        <details className="checks-passed">
          <summary>
            <span aria-hidden="true">✓ </span>
            {failed.length === 0 ? 'All ' : ''}
            {passed.length} {passed.length === 1 ? 'check' : 'checks'} passed
          </summary>
          <List size="sm" spacing={2} mt={4}>
            {passed.map((v) => (
              <List.Item key={v.rule}>{v.message}</List.Item>
            ))}
          </List>
        </details>
      ) : null}
    </section>
  );
}
