import { useEffect, useRef } from "react";

/**
 * Acknowledged from the keyboard: focus goes on to the next button, or to the banner's heading,
 * or (the banner gone with the last one) to the page's, rather than being lost.
 */
export function useAckFocus(shownIds: string[]) {
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusAfter = useRef<{ id: string; index: number } | null>(null);
  useEffect(() => {
    const after = focusAfter.current;
    if (!after || shownIds.includes(after.id)) return;
    focusAfter.current = null;
    const buttons = section.current?.querySelectorAll<HTMLElement>("[data-testid=alert-banner-ack]") ?? [];
    (buttons[Math.min(after.index, buttons.length - 1)] ?? heading.current ?? pageHeading())?.focus();
  });
  return {
    section,
    heading,
    /** An acknowledgement started: from the keyboard, focus is moved once the alert is gone. */
    started: (id: string, index: number, fromKeyboard: boolean) => {
      focusAfter.current = fromKeyboard ? { id, index } : null;
    },
    failed: () => {
      focusAfter.current = null;
    },
  };
}

/** The heading of the page under the banner, made focusable (not in the tab order) to take focus. */
function pageHeading(): HTMLElement | null {
  const h = document.querySelector<HTMLElement>("main h1, main h2");
  if (h && !h.hasAttribute("tabindex")) h.tabIndex = -1;
  return h;
}
