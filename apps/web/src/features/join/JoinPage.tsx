import type { PublicTicket, RemoteJoinInfo } from "@dq/shared";
import { useState } from "react";
import { isServerUnreachable } from "../../app/api.ts";
import { PublicFrame } from "../surface-kit/PublicFrame.tsx";
import { rememberTicket } from "../track/my-tickets.ts";
import { subscribe } from "../track/notify-api.ts";
import { ActiveTickets } from "./ActiveTickets.tsx";
import { type JoinChoice, JoinForm } from "./JoinForm.tsx";
import { JoinServiceList } from "./JoinServiceList.tsx";
import css from "./join.module.css";
import { trackPath, useRemoteJoinInfo } from "./join-api.ts";
import { linkedService } from "./service-tree.ts";
import { useJoinText } from "./use-join-text.ts";

type Service = RemoteJoinInfo["services"][number];

/**
 * `/join`: a visitor takes a ticket from his phone, anywhere. `?service=<id>` (a QR poster, a link
 * on the office's site) opens on that service (or group); `?branch=<id>` names another office than
 * the first. Live tickets this browser already holds there are offered first.
 */
export default function JoinPage() {
  const x = useJoinText();
  const [query] = useState(() => new URLSearchParams(window.location.search));
  const info = useRemoteJoinInfo(query.get("branch"));
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
  return (
    <PublicFrame office={office} officeTestId="join-office">
      <h1 className={css.title}>{x.t("title")}</h1>
      <ActiveTickets branchId={data.branchId} />
      {!data.enabled ? (
        <section className={css.card} data-testid="join-unavailable">
          <h2 className={css.subtitle}>{x.t("unavailable")}</h2>
          <p className={css.muted}>{x.t("unavailableHint")}</p>
        </section>
      ) : (
        <JoinSteps info={data} linkedId={query.get("service")} onRefused={() => void info.refetch()} />
      )}
    </PublicFrame>
  );
}

/**
 * Choosing, then the form. `linkedId` (`?service=`) opens on a service, or lists a group's services,
 * or, when the office has no such service, says so above the full list.
 */
function JoinSteps({
  info,
  linkedId,
  onRefused,
}: {
  info: RemoteJoinInfo;
  linkedId: string | null;
  onRefused: () => void;
}) {
  const x = useJoinText();
  // What is shown: a service's form or a group's list (as the latest read has it); null: everything.
  const [shownId, setShownId] = useState<string | null>(linkedId);
  // The group a service was picked from: «Изменить» goes back to it.
  const [fromGroup, setFromGroup] = useState<string | null>(null);
  const [choice, setChoice] = useState<JoinChoice>({ categoryId: null, phone: "", consent: false });
  const shown = linkedService(info.services, shownId);

  if (shown.kind === "service") {
    return (
      <JoinForm
        info={info}
        service={shown.service}
        choice={choice}
        onChoice={setChoice}
        onBack={() => setShownId(fromGroup)}
        onJoined={(ticket, smsPhone) => void openTicket(ticket, smsPhone, x.lang)}
        onRefused={onRefused}
      />
    );
  }
  const pick = (s: Service) => {
    setFromGroup(shown.kind === "group" ? shown.group.id : null);
    setShownId(s.id);
  };
  if (shown.kind === "group") {
    return (
      <>
        <div className={css.groupHead}>
          <h2 className={css.subtitle} data-testid="join-group">
            {x.name(shown.group)}
          </h2>
          <button type="button" className={css.linkButton} onClick={() => setShownId(null)}>
            {x.t("allServices")}
          </button>
        </div>
        <JoinServiceList services={shown.services} onPick={pick} />
      </>
    );
  }
  return (
    <>
      {shown.kind === "unknown" && (
        <p className={css.notice} role="status" data-testid="join-link-unknown">
          {x.t(shownId === linkedId ? "linkNotFound" : "errors.serviceGone")}
        </p>
      )}
      <h2 className={css.subtitle}>{x.t("chooseService")}</h2>
      <JoinServiceList services={info.services} onPick={pick} />
    </>
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
