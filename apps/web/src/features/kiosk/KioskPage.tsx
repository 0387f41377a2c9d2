import { type KioskMenu, type KioskService, kioskMenuSchema, type Ticket, ticketSchema } from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api, isServerUnreachable } from "../../app/api.ts";
import { readDeviceToken } from "../../app/device-token.ts";
import { type Language, setLanguage } from "../../app/i18n.ts";
import {
  LanguageButtons,
  NotLinked,
  OfflineBanner,
  useNow,
  useSurfaceFormat,
} from "../surface-kit/common.tsx";
import { issueRetryDelayMs, shouldRetryIssue } from "./issue-retry.ts";
import { newIdempotencyKey } from "./keys.ts";
import css from "./kiosk.module.css";
import { QrCode } from "./QrCode.tsx";
import { Receipt } from "./Receipt.tsx";

const TICKET_SCREEN_SECONDS = 20;
const IDLE_SECONDS = 45;

type Screen =
  | { name: "menu"; groupId: string | null }
  | { name: "category"; service: KioskService }
  | { name: "issuing"; service: KioskService }
  | { name: "ticket"; service: KioskService; ticket: Ticket; issuedAt: Date }
  | { name: "failed"; message: string };

const START: Screen = { name: "menu", groupId: null };

export default function KioskPage() {
  const [token] = useState(() => readDeviceToken("kiosk"));
  const client = api.as(token);
  const menu = useQuery({
    queryKey: ["kiosk", token],
    queryFn: () => client.get("/api/v1/kiosk", kioskMenuSchema),
    refetchInterval: 30_000,
    // Retried while the server is unreachable or failing; a 4xx (a kiosk not linked) is final.
    retry: (_, error) => isServerUnreachable(error) || (error instanceof ApiError && error.status >= 500),
  });
  const f = useSurfaceFormat(menu.data?.branch.timezone);
  const [screen, setScreen] = useState<Screen>(START);
  const lastTouch = useRef(Date.now());

  const defaultLanguage = (menu.data?.device?.language ??
    menu.data?.branch.defaultLanguage ??
    null) as Language | null;
  const reset = useCallback(() => {
    setScreen(START);
    // The next visitor starts in the kiosk's own language.
    if (defaultLanguage) setLanguage(defaultLanguage);
  }, [defaultLanguage]);

  // Back to the start by itself when a visitor walks away mid-way, or leaves the kiosk in
  // another language than its own.
  const atStart = screen.name === "menu" && screen.groupId === null && f.lang === (defaultLanguage ?? f.lang);
  useEffect(() => {
    if (screen.name !== "menu" && screen.name !== "category") return;
    if (atStart) return;
    const timer = setInterval(() => {
      if (Date.now() - lastTouch.current > IDLE_SECONDS * 1000) reset();
    }, 1000);
    return () => clearInterval(timer);
  }, [screen, atStart, reset]);

  if (menu.error instanceof ApiError && (menu.error.status === 401 || menu.error.status === 403))
    return <NotLinked />;

  const issue = async (service: KioskService, categoryId: string | null) => {
    setScreen({ name: "issuing", service });
    // One key per visitor's choice: a double tap or a retry after a dropped connection gets the
    // same ticket instead of a second one.
    const key = newIdempotencyKey();
    const started = Date.now();
    for (;;) {
      try {
        const ticket = await client.post(
          "/api/v1/tickets",
          { serviceId: service.id, ...(categoryId ? { categoryId } : {}), language: f.lang },
          ticketSchema,
          { "idempotency-key": key },
        );
        setScreen({ name: "ticket", service, ticket, issuedAt: new Date(ticket.issuedAt) });
        void menu.refetch();
        return;
      } catch (error) {
        // Unreachable (the strip says "reconnecting" meanwhile), or the same request is still being
        // processed: try again with the same key.
        if (shouldRetryIssue(error, Date.now() - started)) {
          await new Promise((r) => setTimeout(r, issueRetryDelayMs(error)));
          continue;
        }
        const code = error instanceof ApiError ? error.code : "unknown";
        const known: Record<string, string> = {
          service_closed: f.t("state.closed"),
          outside_opening_hours: f.t("state.outside_hours"),
          daily_limit_reached: f.t("state.limit_reached"),
        };
        setScreen({ name: "failed", message: known[code] ?? f.t("kiosk.tryAgain") });
        void menu.refetch();
        return;
      }
    }
  };

  const choose = (service: KioskService) => {
    if (service.isGroup) return setScreen({ name: "menu", groupId: service.id });
    if (service.state !== "open") return;
    const m = menu.data!;
    if (m.device?.showCategories && m.categories.length > 0) return setScreen({ name: "category", service });
    void issue(service, null);
  };

  return (
    <div
      className={css.kiosk}
      onPointerDown={() => {
        lastTouch.current = Date.now();
      }}
    >
      <OfflineBanner />
      <header className={css.header}>
        <div>
          <div className={css.office}>{menu.data?.branch.name ?? ""}</div>
          <Clock timeZone={menu.data?.branch.timezone} />
        </div>
        {screen.name === "menu" && menu.data && <LanguageButtons languages={menu.data.branch.languages} />}
      </header>
      <main className={css.main}>
        {!menu.data ? null : screen.name === "menu" ? (
          <ServiceMenu
            menu={menu.data}
            groupId={screen.groupId}
            onChoose={choose}
            onBack={(id) => setScreen({ name: "menu", groupId: id })}
          />
        ) : screen.name === "category" ? (
          <CategoryStep
            menu={menu.data}
            onChoose={(categoryId) => void issue(screen.service, categoryId)}
            onBack={() => setScreen({ name: "menu", groupId: screen.service.parentId })}
          />
        ) : screen.name === "issuing" ? (
          <p className={css.message} aria-live="polite">
            {f.t(menu.data.device?.autoPrint === false ? "kiosk.issuingNoPrint" : "kiosk.issuing")}
          </p>
        ) : screen.name === "ticket" ? (
          <TicketScreen menu={menu.data} screen={screen} onDone={reset} />
        ) : (
          <FailedScreen message={screen.message} onDone={reset} />
        )}
      </main>
    </div>
  );
}

function Clock({ timeZone }: { timeZone: string | undefined }) {
  const now = useNow(10_000);
  const f = useSurfaceFormat(timeZone);
  return (
    <div className={css.clock}>
      {f.time(now)} · {f.date(now)}
    </div>
  );
}

function ServiceMenu({
  menu,
  groupId,
  onChoose,
  onBack,
}: {
  menu: KioskMenu;
  groupId: string | null;
  onChoose: (s: KioskService) => void;
  onBack: (groupId: string | null) => void;
}) {
  const f = useSurfaceFormat();
  const items = menu.services.filter((s) => s.parentId === groupId);
  const group = groupId ? menu.services.find((s) => s.id === groupId) : null;
  const groupOpen = (g: KioskService) =>
    menu.services.some((s) => !s.isGroup && s.state === "open" && isUnder(menu.services, s, g.id));
  return (
    <>
      <div className={css.titleRow}>
        {group && (
          <button type="button" className={css.back} onClick={() => onBack(group.parentId)}>
            ← {f.t("kiosk.back")}
          </button>
        )}
        <h1 className={css.title}>{group ? f.name(group) : f.t("kiosk.welcome")}</h1>
      </div>
      {items.length === 0 && <p className={css.message}>{f.t("kiosk.empty")}</p>}
      <div className={css.tiles}>
        {items.map((s) => {
          const available = s.isGroup ? groupOpen(s) : s.state === "open";
          return (
            <button
              key={s.id}
              type="button"
              className={css.tile}
              style={{ ["--tile-color" as string]: s.color }}
              disabled={!available}
              onClick={() => onChoose(s)}
              data-testid={`service-${s.id}`}
            >
              <span className={css.tileName}>
                {f.name(s)}
                {s.isGroup && <span aria-hidden="true"> ›</span>}
              </span>
              {/* Descriptions are written in the office's own language only. */}
              {s.description && f.lang === menu.branch.defaultLanguage && (
                <span className={css.tileDescription}>{s.description}</span>
              )}
              <span className={css.tileMeta}>
                {s.isGroup
                  ? available
                    ? null
                    : f.t("state.outside_hours")
                  : available
                    ? s.waiting === 0
                      ? f.t("noQueue")
                      : [f.t("waitingCount", { count: s.waiting }), f.wait(s.estimatedWait)].join(" · ")
                    : [f.t(`state.${s.state}`), f.opens(s.opensAt)].filter(Boolean).join(". ")}
              </span>
            </button>
          );
        })}
      </div>
    </>
  );
}

function isUnder(all: KioskService[], s: KioskService, groupId: string): boolean {
  for (let cur: KioskService | undefined = s; cur?.parentId; ) {
    if (cur.parentId === groupId) return true;
    cur = all.find((x) => x.id === cur!.parentId);
  }
  return false;
}

function CategoryStep({
  menu,
  onChoose,
  onBack,
}: {
  menu: KioskMenu;
  onChoose: (categoryId: string | null) => void;
  onBack: () => void;
}) {
  const f = useSurfaceFormat();
  return (
    <>
      <div className={css.titleRow}>
        <button type="button" className={css.back} onClick={onBack}>
          ← {f.t("kiosk.back")}
        </button>
        <h1 className={css.title}>{f.t("kiosk.category")}</h1>
      </div>
      <p className={css.hint}>{f.t("kiosk.categoryHint")}</p>
      <div className={css.tiles}>
        {menu.categories.map((c) => (
          <button key={c.id} type="button" className={css.tile} onClick={() => onChoose(c.id)}>
            <span className={css.tileName}>{f.name(c)}</span>
          </button>
        ))}
        <button type="button" className={`${css.tile} ${css.tilePlain}`} onClick={() => onChoose(null)}>
          <span className={css.tileName}>{f.t("kiosk.noCategory")}</span>
        </button>
      </div>
    </>
  );
}

function TicketScreen({
  menu,
  screen,
  onDone,
}: {
  menu: KioskMenu;
  screen: Extract<Screen, { name: "ticket" }>;
  onDone: () => void;
}) {
  const f = useSurfaceFormat();
  const [left, setLeft] = useState(TICKET_SCREEN_SECONDS);
  const { ticket, service } = screen;
  const printed = useRef(false);
  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) onDone();
  }, [left, onDone]);
  useEffect(() => {
    if (printed.current || !(menu.device?.autoPrint ?? true)) return;
    printed.current = true;
    // After the receipt is laid out; Chrome's --kiosk-printing makes this silent.
    requestAnimationFrame(() => window.print());
  }, [menu.device]);
  const trackUrl = `${window.location.origin}/t/${ticket.code}`;
  return (
    <section className={css.ticket} aria-label={f.t("kiosk.yourTicket")}>
      <div className={css.ticketCard}>
        <div className={css.ticketCaption}>{f.t("kiosk.yourTicket")}</div>
        <div className={css.ticketLabel} data-testid="ticket-label">
          {ticket.label}
        </div>
        <div className={css.ticketService}>{f.name(service)}</div>
        <div className={css.ticketFacts}>
          <div data-testid="people-ahead">
            {ticket.position ? f.t("peopleAhead", { count: ticket.position }) : f.t("nobodyAhead")}
          </div>
          {ticket.estimatedWait && (
            <div>
              {f.t("kiosk.estimatedWait")}: {f.wait(ticket.estimatedWait)}
            </div>
          )}
        </div>
        <div className={css.qrRow}>
          <QrCode value={trackUrl} className={css.qr} />
          <span>{f.t("kiosk.scan")}</span>
        </div>
      </div>
      <div className={css.actions}>
        <button type="button" className={css.secondary} onClick={() => window.print()}>
          {f.t(menu.device?.autoPrint === false ? "kiosk.printOnce" : "kiosk.print")}
        </button>
        <button type="button" className={css.primary} onClick={onDone}>
          {f.t("kiosk.done")}
        </button>
      </div>
      <p className={css.hint}>{f.t("kiosk.returning", { count: Math.max(0, left) })}</p>
      <Receipt
        office={menu.branch.name}
        ticket={ticket}
        serviceName={f.name(service)}
        issuedAt={screen.issuedAt}
        trackUrl={trackUrl}
        ticketText={menu.branch.ticketText}
        paperWidth={menu.device?.paperWidth ?? 80}
        timeZone={menu.branch.timezone}
      />
    </section>
  );
}

function FailedScreen({ message, onDone }: { message: string; onDone: () => void }) {
  const f = useSurfaceFormat();
  useEffect(() => {
    const timer = setTimeout(onDone, 10_000);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <section className={css.failed} role="alert">
      <h1 className={css.title}>{f.t("kiosk.failed")}</h1>
      <p className={css.message}>{message}</p>
      <button type="button" className={css.primary} onClick={onDone}>
        {f.t("kiosk.done")}
      </button>
    </section>
  );
}
