import type { Service } from "@dq/shared";
import { Button, CopyButton, Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { serviceTree } from "../directories/texts.ts";
import { joinUrl } from "./poster-links.ts";
import { NS } from "./texts.ts";

/**
 * Each service's own /join link, for the office's website: copied in one click, or put on the
 * poster. Services that opted out of remote join are listed greyed, without a link.
 */
export function ServiceLinks({
  services,
  origin,
  onPoster,
}: {
  services: Service[];
  origin: string;
  onPoster: (serviceId: string) => void;
}) {
  const { t } = useTranslation(NS);
  const rows = serviceTree(services).filter((r) => !r.service.isGroup && r.service.active);
  return (
    <Stack gap="xs">
      <Text fw={600}>{t("serviceLinks")}</Text>
      <Text size="sm" c="dimmed">
        {t("serviceLinksHint")}
      </Text>
      {rows.every((r) => !r.service.remoteJoin) && (
        <Text size="sm" c="orange">
          {t("noServices")}
        </Text>
      )}
      <Table data-testid="service-links" verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(({ service, path }) => {
            const url = joinUrl(origin, service.id);
            return (
              <Table.Tr key={service.id} data-testid="service-link" data-service={service.name}>
                <Table.Td c={service.remoteJoin ? undefined : "dimmed"}>{path}</Table.Td>
                <Table.Td>
                  {service.remoteJoin ? (
                    <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
                      {url}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("notRemote")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td w={1}>
                  {service.remoteJoin && (
                    <Group gap={6} wrap="nowrap">
                      <CopyButton value={url}>
                        {({ copied, copy }) => (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color={copied ? "teal" : undefined}
                            onClick={copy}
                          >
                            {copied ? t("copied") : t("copy")}
                          </Button>
                        )}
                      </CopyButton>
                      <Button size="compact-sm" variant="subtle" onClick={() => onPoster(service.id)}>
                        {t("onPoster")}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
