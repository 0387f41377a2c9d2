import { useEffect, useRef } from "react";

/** Input types that take no typed text: a shortcut pressed while one has the focus still acts. */
const NOT_TYPED = new Set([
  "button",
  "checkbox",
  "color",
  "file",
  "image",
  "radio",
  "range",
  "reset",
  "submit",
]);

/**
 * Whether a key pressed with the focus on `target` is typing: in a text field (input, textarea,
 * select, contenteditable) or inside an open dialog. Anywhere else (a button, the RU/EN switch's
 * radio, the page) it is a shortcut.
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest("textarea, select, [contenteditable]:not([contenteditable=false]), [role=dialog]"))
    return true;
  const input = target.closest("input");
  return input !== null && !NOT_TYPED.has(input.type);
}

/**
 * Keyboard shortcuts by physical key (`KeyC`…), so they work in the Russian layout too; wherever
 * the focus is, but not while typing (`isTyping`), not with modifier keys, and a held key acts once.
 */
export function useShortcuts(map: Partial<Record<string, () => void>>) {
  const current = useRef(map);
  current.current = map;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.ctrlKey || e.altKey || e.metaKey) return;
      if (isTyping(e.target)) return;
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
