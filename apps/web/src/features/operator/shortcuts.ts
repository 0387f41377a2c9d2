import { useEffect, useRef } from "react";

/**
 * Keyboard shortcuts by physical key (`KeyC`…), so they work in the Russian layout too; not while
 * typing in a field, not with modifier keys, and a held key acts once.
 */
export function useShortcuts(map: Partial<Record<string, () => void>>) {
  const current = useRef(map);
  current.current = map;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.ctrlKey || e.altKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true], [role=dialog]")) return;
      const action = current.current[e.code];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** The letter shown on a button for a key code. */
export const keyLabel = (code: string) => code.replace(/^Key/, "");
