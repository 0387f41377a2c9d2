import { Table, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";

/** A column of a figures table: its heading, whether it holds numbers (right-aligned), its hint. */
export interface Column {
  /** None for a column of names that needs no heading. */
  label?: string;
  numeric?: boolean;
  width?: number;
  /** What the figure means, on hover over the heading. */
  hint?: string;
}

/** The heading row of a figures table. */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed; labels may repeat or be empty
          <Table.Th key={i} ta={c.numeric ? "right" : undefined} w={c.width}>
            {c.hint ? (
              <Tooltip label={c.hint} multiline w={260}>
                <span>{c.label}</span>
              </Tooltip>
            ) : (
              c.label
            )}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A report's table: scrolls sideways on narrow screens, rows striped and lit under the pointer. */
export function ReportTable({
  minWidth,
  columns,
  fz,
  children,
}: {
  minWidth: number;
  columns: Column[];
  fz?: "sm";
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover fz={fz}>
        <TableHead columns={columns} />
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
