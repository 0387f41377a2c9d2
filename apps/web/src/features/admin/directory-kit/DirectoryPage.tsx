import { Alert, Button, Group, Stack, Text, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { dirError, useDirectoryTranslation } from "../directories/texts.ts";
import { DirectoryTable, type DirectoryTableProps } from "./DirectoryTable.tsx";

/** A failure shown above the table: a failed read, archive or other change. */
export interface PageError {
  error: unknown;
  /** Given, the alert can be closed (what failed is reset). */
  onClose?: () => void;
  testId?: string;
  /** The words for it; the directory screens' own texts by default. */
  describe?: (t: TFunction, error: unknown) => string;
}

/**
 * The skeleton of a directory screen: a title (with a hint), its "add" buttons, the failures, the
 * table, a line under it (by default "empty" when the list is read and has nothing), and its dialogs.
 */
export function DirectoryPage<T>(
  props: DirectoryTableProps<T> & {
    title: string;
    hint?: string;
    /** The buttons at the right of the title; by default one "add" that calls `onCreate`. */
    actions?: ReactNode;
    onCreate?: () => void;
    errors: PageError[];
    /** The list is read (so an empty one is really empty). */
    loaded: boolean;
    /** Under a list that has items. */
    summary?: ReactNode;
    children?: ReactNode;
  },
) {
  const { t } = useDirectoryTranslation();
  return (
    <Stack>
      <PageHeader title={props.title} hint={props.hint}>
        {props.actions ?? <Button onClick={props.onCreate}>{t("common.create")}</Button>}
      </PageHeader>
      {props.errors.map(
        (e, i) =>
          Boolean(e.error) && (
            <Alert
              // biome-ignore lint/suspicious/noArrayIndexKey: a screen's failures are fixed in number and order
              key={i}
              color="red"
              withCloseButton={Boolean(e.onClose)}
              onClose={e.onClose}
              data-testid={e.testId}
            >
              {(e.describe ?? dirError)(t, e.error)}
            </Alert>
          ),
      )}
      <DirectoryTable
        items={props.items}
        columns={props.columns}
        rowKey={props.rowKey}
        row={props.row}
        table={props.table}
      />
      {props.loaded &&
        (props.items.length === 0 ? <Text c="dimmed">{t("common.empty")}</Text> : props.summary)}
      {props.children}
    </Stack>
  );
}

function PageHeader(props: { title: string; hint?: string; children: ReactNode }) {
  const title = <Title order={2}>{props.title}</Title>;
  if (props.hint === undefined) {
    return (
      <Group justify="space-between">
        {title}
        {props.children}
      </Group>
    );
  }
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        {title}
        <Text c="dimmed" size="sm">
          {props.hint}
        </Text>
      </div>
      {props.children}
    </Group>
  );
}
