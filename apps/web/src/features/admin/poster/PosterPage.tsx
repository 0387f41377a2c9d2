import { type Branch, type Service, serviceSchema } from "@dq/shared";
import { Alert, Anchor, Button, Group, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../app/errors.ts";
import { useOffice } from "../../../app/office.ts";
import { localName } from "../../operator/format.ts";
import { useDirectory } from "../useDirectory.ts";
import { PosterSheet } from "./PosterSheet.tsx";
import css from "./poster.module.css";
import { absoluteUrl, joinUrl, sheetLanguages } from "./poster-links.ts";
import { ServiceLinks } from "./ServiceLinks.tsx";
import { NS } from "./texts.ts";
import { useDoor } from "./useDoor.ts";

/**
 * «Плакат для входа»: the QR code of /join (or of one service's form) for the door and the
 * office's site, each service's link to copy, and with arrival check-in on the door's «Я на
 * месте» code. Printed, only the sheets come out, one per page.
 */
export default function PosterPage() {
  const { t } = useTranslation(NS);
  const office = useOffice();
  const services = useDirectory("services", serviceSchema).list;
  return (
    <Stack maw={880}>
      <Group justify="space-between" className={css.noPrint}>
        <Title order={2}>{t("title")}</Title>
        <Button onClick={() => window.print()} disabled={!office.data} data-testid="poster-print">
          {t("print")}
        </Button>
      </Group>
      <Text c="dimmed" size="sm" className={css.noPrint}>
        {t("hint")}
      </Text>
      {office.error && <Alert color="red">{errorMessage(t, office.error)}</Alert>}
      {office.isPending && (
        <Group>
          <Loader size="sm" />
          <Text c="dimmed">{t("loading")}</Text>
        </Group>
      )}
      {office.data && <Posters branch={office.data} services={services.data?.items ?? []} />}
    </Stack>
  );
}

/** The choice of what the code opens, the sheets, and the services' links. */
function Posters({ branch, services }: { branch: Branch; services: Service[] }) {
  const { t, i18n } = useTranslation(NS);
  const origin = window.location.origin;
  const [serviceId, setServiceId] = useState<string | null>(null);
  const remote = branch.settings.remoteJoin;
  const door = useDoor(remote.arrivalCheckIn);
  const joinable = services.filter((s) => !s.isGroup && s.active && s.remoteJoin);
  const service = joinable.find((s) => s.id === serviceId) ?? null;
  return (
    <>
      {!remote.enabled && (
        <Alert color="orange" className={css.noPrint} data-testid="poster-disabled">
          {t("disabled")}{" "}
          <Anchor component={Link} to="/admin/settings">
            {t("toSettings")}
          </Anchor>
        </Alert>
      )}
      <Select
        className={css.noPrint}
        w={{ base: "100%", sm: 420 }}
        label={t("forService")}
        data={[
          { value: "", label: t("allServices") },
          ...joinable.map((s) => ({ value: s.id, label: localName(s, i18n.language) })),
        ]}
        value={service?.id ?? ""}
        onChange={(value) => setServiceId(value || null)}
        allowDeselect={false}
        data-testid="poster-service"
      />
      <div className={css.sheets}>
        <PosterSheet
          kind="join"
          url={joinUrl(origin, service?.id ?? null)}
          languages={sheetLanguages(branch, service)}
          testId="join-poster"
        />
        {remote.arrivalCheckIn && <DoorNote door={door} />}
        {remote.arrivalCheckIn && door.data && (
          <PosterSheet
            kind="door"
            url={absoluteUrl(door.data.url, origin)}
            languages={sheetLanguages(branch, null)}
            testId="door-poster"
          />
        )}
      </div>
      <div className={css.noPrint}>
        <ServiceLinks services={services} origin={origin} onPoster={setServiceId} />
      </div>
    </>
  );
}

/** What the door's code is for, and why it is missing if the server did not give it. */
function DoorNote({ door }: { door: ReturnType<typeof useDoor> }) {
  const { t } = useTranslation(NS);
  return (
    <Stack gap={4} my="lg" className={css.noPrint}>
      <Text fw={600}>{t("doorTitle")}</Text>
      <Text size="sm" c="dimmed">
        {t("doorHint")}
      </Text>
      {door.isPending && <Loader size="sm" />}
      {door.error && (
        <Alert color="red" data-testid="door-error">
          {t("doorFailed", { error: errorMessage(t, door.error) })}
        </Alert>
      )}
    </Stack>
  );
}
