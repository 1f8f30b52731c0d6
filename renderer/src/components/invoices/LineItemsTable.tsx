// The invoice's line items as Docket read them from the table on the page.
import { Table, Text } from '@mantine/core';
import type { LineItem } from './fields.ts';
import { formatAmount, formatNumber } from './format.ts';

export function LineItemsTable({ items, currency }: { items: readonly LineItem[]; currency: string | null }) {
  if (items.length === 0) return <Text size="sm">No line items were found on this invoice.</Text>;
  const hasCodes = items.some((i) => i.productCode);
  const hasUnits = items.some((i) => i.unit);
  const hasTax = items.some((i) => i.taxRate !== null);
  return (
    <div className="line-items-scroll">
      <Table fz="sm" striped withTableBorder aria-label="Line items" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className="num">
              #
            </Table.Th>
            {hasCodes ? <Table.Th scope="col">Code</Table.Th> : null}
            <Table.Th scope="col">Description</Table.Th>
            <Table.Th scope="col" className="num">
              Quantity
            </Table.Th>
            {hasUnits ? <Table.Th scope="col">Unit</Table.Th> : null}
            <Table.Th scope="col" className="num">
              Unit price
            </Table.Th>
            {hasTax ? (
              <Table.Th scope="col" className="num">
                Tax rate
              </Table.Th>
            ) : null}
            <Table.Th scope="col" className="num">
              Amount
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item, i) => (
            <Table.Tr key={i}>
              <Table.Td className="num">{i + 1}</Table.Td>
              {hasCodes ? <Table.Td>{item.productCode ?? '—'}</Table.Td> : null}
              <Table.Td style={{ whiteSpace: 'pre-line' }}>{item.description ?? '—'}</Table.Td>
              <Table.Td className="num">{formatNumber(item.quantity)}</Table.Td>
              {hasUnits ? <Table.Td>{item.unit ?? '—'}</Table.Td> : null}
              <Table.Td className="num">{formatAmount(item.unitPrice, currency)}</Table.Td>
              {hasTax ? (
                <Table.Td className="num">
                  {item.taxRate === null ? '—' : `${formatNumber(item.taxRate)}%`}
                </Table.Td>
              ) : null}
              <Table.Td className="num">{formatAmount(item.amount, currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
