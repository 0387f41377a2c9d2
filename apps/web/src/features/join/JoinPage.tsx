import type { PublicTicket, RemoteJoinInfo } from "@dq/shared";
import { useState } from "react";
import { isServerUnreachable } from "../../app/api.ts";
import { PublicFrame } from "../surface-kit/PublicFrame.tsx";
import { rememberTicket } from "../track/my-tickets.ts";
import { subscribe } from "../track/notify-api.ts";
import { type JoinChoice, JoinForm } from "./JoinForm.tsx";
import { JoinServiceList } from "./JoinServiceList.tsx";
import css from "./join.module.css";
import { trackPath, useRemoteJoinInfo } from "./join-api.ts";
import { useJoinText } from "./use-join-text.ts";

type Service = RemoteJoinInfo["services"][number];

/**
 * `/join`: a visitor takes a ticket from his phone, anywhere. `?service=<id>` (a QR poster, a link
 * on the office's site) opens on that service; `?branch=<id>` names another office than the first.
 */
export default function JoinPage() {
  const x = useJoinText();
  const [query] = useState(() => new URLSearchParams(window.location.search));
  const info = useRemoteJoinInfo(query.get("branch"));
  const [chosenId, setChosenId] = useState<string | null>(() => query.get("service"));
  const [choice, setChoice] = useState<JoinChoice>({ categoryId: null, phone: "", consent: false });
  const data = info.data;

  if (!data) {
    const failed = info.error && !isServerUnreachable(info.error);
    return (
      <PublicFrame officeTestId="join-office">
        <h1 className={css.title}>{x.t("title")}</h1>
        <p className={failed ? css.error : css.muted} role={failed ? "alert" : undefined}>
          {failed ? x.t("errors.generic") : x.t("loading")}
        </p>
      </PublicFrame>
    );
  }
  const office = x.name({ name: data.branchName, translations: data.branchTranslations });
  // The chosen service as the latest read has it (it may have closed meanwhile: the form says why).
  const chosen = data.services.find((s) => s.id === chosenId && !s.isGroup);
  return (
    <PublicFrame office={office} officeTestId="join-office">
      <h1 className={css.title}>{x.t("title")}</h1>
      {!data.enabled ? (
        <section className={css.card} data-testid="join-unavailable">
          <h2 className={css.subtitle}>{x.t("unavailable")}</h2>
          <p className={css.muted}>{x.t("unavailableHint")}</p>
        </section>
      ) : chosen ? (
        <JoinForm
          info={data}
          service={chosen}
          choice={choice}
          onChoice={setChoice}
          onBack={() => setChosenId(null)}
          onJoined={(ticket, smsPhone) => void openTicket(ticket, smsPhone, x.lang)}
          onRefused={() => void info.refetch()}
        />
      ) : (
        <>
          <h2 className={css.subtitle}>{x.t("chooseService")}</h2>
          <JoinServiceList services={data.services} onPick={(s: Service) => setChosenId(s.id)} />
        </>
      )}
    </PublicFrame>
  );
}

/**
 * Keeps the ticket in this browser (for the door's QR page), subscribes the phone the visitor agreed
 * to keep for SMS, and opens the ticket's page. The subscription is not worth holding him up: the
 * tracking page offers it again if it did not go through.
 */
async function openTicket(ticket: PublicTicket, smsPhone: string | null, language: "ru" | "en") {
  rememberTicket(ticket);
  if (smsPhone) {
    await Promise.race([
      subscribe(ticket.code, { channel: "sms", phone: smsPhone, consent: true, language }).catch(() => {}),
      new Promise((r) => setTimeout(r, 5000)),
    ]);
  }
  window.location.assign(trackPath(ticket.code));
}
