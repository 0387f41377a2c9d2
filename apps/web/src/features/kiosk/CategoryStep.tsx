import type { KioskMenu } from "@dq/shared";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import css from "./kiosk.module.css";
import { tileGridStyle } from "./tile-grid.ts";

/** The visitor says which client category he is in, or none. */
export function CategoryStep({
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
      <div className={css.tiles} style={tileGridStyle(menu.categories.length + 1)}>
        {menu.categories.map((c) => (
          <button
            key={c.id}
            type="button"
            className={css.tile}
            onClick={() => onChoose(c.id)}
            data-testid={`category-${c.id}`}
          >
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
