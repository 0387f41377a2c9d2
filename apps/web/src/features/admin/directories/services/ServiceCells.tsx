import type { Service } from "@dq/shared";
import { ActionIcon, Badge, Button, ColorSwatch, Group, Text, Tooltip } from "@mantine/core";
import { TranslatedName } from "../../directory-kit/fields.tsx";
import { ArchiveButton } from "../RowActions.tsx";
import { type TreeRow, useDirectoryTranslation } from "../texts.ts";
import "../../settings/remote-texts.ts";
import "./booking-texts.ts";
import { scheduleSummary } from "./schedule.ts";

/** A row of the tree: indented by depth, its colour, its name, and its queue's figures. */
export function ServiceName({ row, items }: { row: TreeRow; items: Service[] }) {
  const { t } = useDirectoryTranslation();
  const { service: s, depth } = row;
  const empty = s.isGroup && !items.some((c) => c.parentId === s.id);
  return (
    <Group gap="xs" wrap="nowrap" pl={depth * 28}>
      <ColorSwatch color={s.color} size={14} aria-hidden />
      <div>
        <Text fw={s.isGroup ? 700 : 500} c={s.active ? undefined : "dimmed"}>
          <TranslatedName name={s.isGroup ? `▸ ${s.name}` : s.name} en={s.translations.en} fw={400} />
        </Text>
        {s.isGroup ? (
          empty && (
            <Text size="xs" c="dimmed">
              {t("services.emptyGroup")}
            </Text>
          )
        ) : (
          <Text size="xs" c="dimmed">
            {[
              s.targetWaitMinutes !== null && t("services.target", { count: s.targetWaitMinutes }),
              t("services.expectedShort", { count: s.expectedServiceMinutes }),
              s.priority !== 0 && t("services.priorityShort", { count: s.priority }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        )}
      </div>
    </Group>
  );
}

export function ServiceHours({ service }: { service: Service }) {
  const { t } = useDirectoryTranslation();
  return (
    <div data-testid="service-hours">
      {scheduleSummary(t, service.schedule).map((line) => (
        <Text key={line} size="sm" style={{ whiteSpace: "nowrap" }}>
          {line}
        </Text>
      ))}
    </div>
  );
}

/** Active or not, and "closed now" for an active service outside its hours. */
export function ServiceState({ service: s }: { service: Service }) {
  const { t } = useDirectoryTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      {s.active ? (
        <Badge color="green" variant="light" miw="max-content" data-testid="service-state">
          {t("common.active")}
        </Badge>
      ) : (
        <Badge color="gray" miw="max-content" data-testid="service-state">
          {t("common.inactive")}
        </Badge>
      )}
      {!s.isGroup && s.booking.enabled && (
        <Tooltip label={t("booking.badgeHint", { count: s.booking.slotMinutes })}>
          <Badge color="teal" variant="light" miw="max-content" data-testid="service-booking">
            {t("booking.badge")}
          </Badge>
        </Tooltip>
      )}
      {!s.isGroup && !s.remoteJoin && (
        <Tooltip label={t("remote.notRemoteHint")}>
          <Badge color="gray" variant="light" miw="max-content" data-testid="service-not-remote">
            {t("remote.notRemote")}
          </Badge>
        </Tooltip>
      )}
      {!s.isGroup && s.active && !s.acceptingTickets && (
        <Badge color="orange" variant="light" miw="max-content">
          {t("services.closedNow")}
        </Badge>
      )}
    </Group>
  );
}

/** Move up/down among its siblings, add a service inside (a group), edit, archive. */
export function ServiceActions(props: {
  row: TreeRow;
  moving: boolean;
  onMove: (delta: number) => void;
  onAddInside: () => void;
  onEdit: () => void;
  onArchive: () => void;
}) {
  const { t } = useDirectoryTranslation();
  const { service: s, siblings } = props.row;
  const index = siblings.indexOf(s);
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <MoveButton
        label={t("services.moveUp")}
        disabled={index <= 0 || props.moving}
        onClick={() => props.onMove(-1)}
      >
        ↑
      </MoveButton>
      <MoveButton
        label={t("services.moveDown")}
        disabled={index >= siblings.length - 1 || props.moving}
        onClick={() => props.onMove(1)}
      >
        ↓
      </MoveButton>
      {s.isGroup && (
        <Button size="xs" variant="subtle" onClick={props.onAddInside}>
          + {t("services.addInside")}
        </Button>
      )}
      <Button size="xs" variant="light" onClick={props.onEdit}>
        {t("common.edit")}
      </Button>
      <ArchiveButton name={s.name} onArchive={props.onArchive} />
    </Group>
  );
}

function MoveButton(props: { label: string; disabled: boolean; onClick: () => void; children: string }) {
  return (
    <Tooltip label={props.label}>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={props.label}
        disabled={props.disabled}
        onClick={props.onClick}
      >
        {props.children}
      </ActionIcon>
    </Tooltip>
  );
}
