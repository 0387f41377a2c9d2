import { type KioskMenu, type KioskService, kioskMenuSchema } from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api, isServerUnreachable } from "../../app/api.ts";
import { readDeviceToken } from "../../app/device-token.ts";
import { type LiveEvent, useEventStream } from "../../app/events.ts";
import { type Language, setLanguage } from "../../app/i18n.ts";
import { localText } from "../../app/local-text.ts";
import {
  LanguageButtons,
  NotLinked,
  OfflineBanner,
  useNow,
  useSurfaceFormat,
} from "../surface-kit/common.tsx";
import { callAfterClosing } from "../surface-kit/wait-quote.ts";
import { CategoryStep } from "./CategoryStep.tsx";
import { CheckInStep } from "./CheckInStep.tsx";
import { FailedScreen } from "./FailedScreen.tsx";
import css from "./kiosk.module.css";
import { IDLE_SCREENS, type Screen, START } from "./kiosk-screen.ts";
import { LateStep } from "./LateStep.tsx";
import { ServiceMenu } from "./ServiceMenu.tsx";
import { TicketScreen } from "./TicketScreen.tsx";
import { useCheckIn } from "./use-check-in.ts";
import { useIssueTicket } from "./use-issue-ticket.ts";

const IDLE_SECONDS = 45;
/** A service added, renamed, opened or closed shows at once; queue movements at most this often. */
const SERVICE_CHANGE_DELAY_MS = 300;
const QUEUE_CHANGE_DELAY_MS = 3000;

/**
 * Live updates of the menu: the kiosk follows its office's public event stream and fetches the
 * menu again after a service changes (at once) or the queues move (waiting counts, estimates;
 * throttled, however busy the office). The 30-second refetch is the fallback.
 */
function useLiveMenu(token: string | null, refetch: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const due = useRef(0);
  const refetchWithin = (ms: number) => {
    const at = Date.now() + ms;
    if (timer.current && due.current <= at) return;
    clearTimeout(timer.current);
    due.current = at;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      refetch();
    }, ms);
  };
  useEventStream({
    channel: "board",
    token,
    onOpen: () => refetchWithin(0),
    onEvent: (e: LiveEvent) =>
      refetchWithin(
        e.type === "service.updated" || e.type === "reset" ? SERVICE_CHANGE_DELAY_MS : QUEUE_CHANGE_DELAY_MS,
      ),
  });
  useEffect(() => () => clearTimeout(timer.current), []);
}

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
  useLiveMenu(token, () => void menu.refetch());
  const f = useSurfaceFormat(menu.data?.branch.timezone);
  const [screen, setScreen] = useState<Screen>(START);
  const lastTouch = useRef(Date.now());
  const issue = useIssueTicket(client, setScreen, () => void menu.refetch());
  const checkIn = useCheckIn(client, menu.data?.branch.timezone, setScreen, () => void menu.refetch());

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
    if (!IDLE_SCREENS.has(screen.name)) return;
    if (atStart) return;
    const timer = setInterval(() => {
      if (Date.now() - lastTouch.current > IDLE_SECONDS * 1000) reset();
    }, 1000);
    return () => clearInterval(timer);
  }, [screen, atStart, reset]);

  if (menu.error instanceof ApiError && (menu.error.status === 401 || menu.error.status === 403))
    return <NotLinked />;

  const choose = (service: KioskService) => {
    if (service.isGroup) return setScreen({ name: "menu", groupId: service.id });
    if (service.state !== "open") return;
    if (callAfterClosing(service)) return setScreen({ name: "late", service });
    take(service);
  };
  const take = (service: KioskService) => {
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
          <div className={css.office}>
            {menu.data ? localText(menu.data.branch.name, menu.data.branch.nameTranslations, f.lang) : ""}
          </div>
          <Clock timeZone={menu.data?.branch.timezone} />
        </div>
        {/* On every step: a visitor may need his language at the category question or on his ticket. */}
        {menu.data && (
          <div className={css.languages}>
            <LanguageButtons languages={menu.data.branch.languages} />
          </div>
        )}
      </header>
      <main className={css.main}>
        {menu.data && (
          <KioskStep
            menu={menu.data}
            screen={screen}
            show={setScreen}
            onChoose={choose}
            onCategory={(service, categoryId) => void issue(service, categoryId)}
            onTake={take}
            onCheckIn={(code) => void checkIn(menu.data!, code)}
            onDone={reset}
          />
        )}
      </main>
    </div>
  );
}

/** The step the visitor is at. */
function KioskStep(props: {
  menu: KioskMenu;
  screen: Screen;
  show: (screen: Screen) => void;
  onChoose: (service: KioskService) => void;
  onCategory: (service: KioskService, categoryId: string | null) => void;
  onTake: (service: KioskService) => void;
  onCheckIn: (code: string) => void;
  onDone: () => void;
}) {
  const { menu, screen, show } = props;
  const f = useSurfaceFormat(menu.branch.timezone);
  switch (screen.name) {
    case "menu":
      return (
        <ServiceMenu
          menu={menu}
          groupId={screen.groupId}
          onChoose={props.onChoose}
          onBack={(id) => show({ name: "menu", groupId: id })}
          onCheckIn={menu.checkIn ? () => show({ name: "checkin" }) : undefined}
        />
      );
    case "late":
      return (
        <LateStep
          service={screen.service}
          timeZone={menu.branch.timezone}
          onTake={() => props.onTake(screen.service)}
          onBack={() => show({ name: "menu", groupId: screen.service.parentId })}
        />
      );
    case "category":
      return (
        <CategoryStep
          menu={menu}
          onChoose={(categoryId) => props.onCategory(screen.service, categoryId)}
          onBack={() => show({ name: "menu", groupId: screen.service.parentId })}
        />
      );
    case "checkin":
      return (
        <CheckInStep
          // A fresh step (and code) each time the visitor is sent back to it.
          key={`${screen.code}:${screen.error}`}
          initialCode={screen.code}
          error={screen.error}
          onSubmit={props.onCheckIn}
          onBack={() => show(START)}
        />
      );
    case "issuing":
    case "checkingIn":
      return (
        <p className={css.message} aria-live="polite">
          {screen.name === "checkingIn"
            ? f.t("checkin.checkingIn")
            : f.t(menu.device?.autoPrint === false ? "kiosk.issuingNoPrint" : "kiosk.issuing")}
        </p>
      );
    case "ticket":
      return <TicketScreen menu={menu} screen={screen} onDone={props.onDone} />;
    case "failed":
      return <FailedScreen title={screen.title} message={screen.message} onDone={props.onDone} />;
  }
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
