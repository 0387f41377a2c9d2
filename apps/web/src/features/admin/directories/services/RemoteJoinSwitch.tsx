import { Divider, Switch } from "@mantine/core";
import "../../settings/remote-texts.ts";
import { useDirectoryTranslation } from "../texts.ts";
import type { ServiceFormType } from "./values.ts";

/** «Можно встать в очередь удалённо»: whether /join offers this service (docs/remote-join.md). */
export function RemoteJoinSwitch({ form }: { form: ServiceFormType }) {
  const { t } = useDirectoryTranslation();
  return (
    <>
      <Divider label={t("remote.section")} labelPosition="left" />
      <Switch
        label={t("remote.serviceSwitch")}
        description={t("remote.serviceSwitchHint")}
        data-testid="service-remote-join"
        {...form.getInputProps("remoteJoin", { type: "checkbox" })}
      />
    </>
  );
}
