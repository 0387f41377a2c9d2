import { isUnder, type KioskMenu, type KioskService, treeIndex } from "@dq/shared";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { callAfterClosing } from "../surface-kit/wait-quote.ts";
import "./checkin-texts.ts";
import css from "./kiosk.module.css";
import { tileGridStyle } from "./tile-grid.ts";

/**
 * An open service's line: how many wait and how long a ticket taken now would wait — or, while
 * nobody serves it, that nobody does (no minutes are promised then; the ticket can still be taken).
 */
export function openServiceMeta(f: ReturnType<typeof useSurfaceFormat>, s: KioskService): string {
  const waiting = s.waiting === 0 ? f.t("noQueue") : f.t("waitingCount", { count: s.waiting });
  if (!s.serving) return [waiting, f.t("kiosk.nobodyServing")].join(" · ");
  // With nobody waiting a new ticket can still wait (its operators busy with other services): say
  // how long when it is more than a minute.
  const quiet = s.waiting === 0 && (s.estimatedWait?.maxMinutes ?? 0) <= 1;
  return quiet ? waiting : [waiting, f.compactWait(s.estimatedWait)].filter(Boolean).join(" · ");
}

/** A tile's warning when a ticket taken now is expected to be called after the service closes. */
function ClosingWarning({ f, s }: { f: ReturnType<typeof useSurfaceFormat>; s: KioskService }) {
  if (s.isGroup || s.state !== "open" || !callAfterClosing(s)) return null;
  return (
    <span className={css.tileWarning} data-testid="service-closing">
      ⚠ {f.t("kiosk.closesSoon", { closes: f.clock(s.closesAt!) })}
    </span>
  );
}

/** The tiles of one level of the service tree: services to take a ticket for, groups to open. */
export function ServiceMenu({
  menu,
  groupId,
  onChoose,
  onBack,
  onCheckIn,
}: {
  menu: KioskMenu;
  groupId: string | null;
  onChoose: (s: KioskService) => void;
  onBack: (groupId: string | null) => void;
  /** «У меня запись»: a booked visitor checks in instead of choosing a service. */
  onCheckIn?: () => void;
}) {
  const f = useSurfaceFormat(menu.branch.timezone);
  const items = menu.services.filter((s) => s.parentId === groupId);
  const group = groupId ? menu.services.find((s) => s.id === groupId) : null;
  const tree = treeIndex(menu.services);
  // A group can be entered when something inside it, at any depth, takes tickets now.
  const groupOpen = (g: KioskService) =>
    menu.services.some((s) => !s.isGroup && s.state === "open" && isUnder(tree, s, g.id));
  return (
    <>
      <div className={css.titleRow}>
        {group && (
          <button type="button" className={css.back} onClick={() => onBack(group.parentId)}>
            ← {f.t("kiosk.back")}
          </button>
        )}
        <h1 className={css.title}>{group ? f.name(group) : f.t("kiosk.welcome")}</h1>
        {!group && onCheckIn && (
          <button type="button" className={css.checkinButton} onClick={onCheckIn} data-testid="kiosk-checkin">
            <span className={css.checkinButtonName}>{f.t("checkin.button")}</span>
            <span className={css.checkinButtonHint}>{f.t("checkin.buttonHint")}</span>
          </button>
        )}
      </div>
      {items.length === 0 && <p className={css.message}>{f.t("kiosk.empty")}</p>}
      <div className={css.tiles} style={tileGridStyle(items.length)}>
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
              <span className={css.tileMeta} data-testid="service-meta">
                {s.isGroup
                  ? available
                    ? null
                    : f.t("state.outside_hours")
                  : available
                    ? openServiceMeta(f, s)
                    : [f.t(`state.${s.state}`), f.opens(s.opensAt)].filter(Boolean).join(". ")}
              </span>
              <ClosingWarning f={f} s={s} />
            </button>
          );
        })}
      </div>
    </>
  );
}
