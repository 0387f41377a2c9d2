import { Table, type TableProps, type TableTdProps, type TableTrProps } from "@mantine/core";
import type { Key, ReactNode } from "react";

/** `data-testid` and the like, which the e2e tests find rows and cells by. */
export type DataAttributes = { [name: `data-${string}`]: string | undefined };

/** One column of a directory table: its heading and what a row shows in it. */
export interface Column<T> {
  header?: ReactNode;
  cell: (item: T) => ReactNode;
  td?: TableTdProps & DataAttributes;
}

export interface DirectoryTableProps<T> {
  items: T[];
  columns: Column<T>[];
  rowKey: (item: T) => Key;
  row?: (item: T) => TableTrProps & DataAttributes;
  table: TableProps & DataAttributes;
}

/** A directory's list as a table: a heading per column, a row per item. */
export function DirectoryTable<T>(props: DirectoryTableProps<T>) {
  return (
    <Table {...props.table}>
      <Table.Thead>
        <Table.Tr>
          {props.columns.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a screen
            <Table.Th key={i}>{c.header}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.items.map((item) => (
          <Table.Tr key={props.rowKey(item)} {...props.row?.(item)}>
            {props.columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a screen
              <Table.Td key={i} {...c.td}>
                {c.cell(item)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
