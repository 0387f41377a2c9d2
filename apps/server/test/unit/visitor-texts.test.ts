import { describe, expect, it } from "vitest";
import { type MessageFacts, messageText } from "../../src/modules/notifications/texts.ts";

const facts = (over: Partial<MessageFacts>): MessageFacts => ({
  language: "ru",
  office: "Центр госуслуг",
  label: "А-012",
  service: "Паспорт",
  position: null,
  wait: null,
  window: null,
  appointmentStart: null,
  timezone: "Europe/Moscow",
  alreadyClose: false,
  pageUrl: null,
  unsubscribeUrl: null,
  ...over,
});

describe("the called message names the window", () => {
  it("by its number, adding its name only when the name says more than the number", () => {
    const called = (window: MessageFacts["window"], language: "ru" | "en" = "ru") =>
      messageText("called", facts({ window, language })).body;
    expect(called({ number: "3", name: "Окно 3" })).toBe("Талон А-012: вас приглашают в окно 3.");
    expect(called({ number: "3", name: "окно  №3" })).toBe("Талон А-012: вас приглашают в окно 3.");
    expect(called({ number: "3", name: "Касса возвратов" })).toBe(
      "Талон А-012: вас приглашают в окно 3 («Касса возвратов»).",
    );
    expect(called({ number: "3", name: "Окно 3" }, "en")).toBe("Ticket А-012: please come to window 3.");
    expect(called({ number: "12A", name: "Window 12a" }, "en")).toBe(
      "Ticket А-012: please come to window 12A.",
    );
    expect(called(null, "en")).toBe("Ticket А-012: please come to the window.");
  });

  it("with the tracking and unsubscribe links on their own lines", () => {
    const m = messageText(
      "called",
      facts({ window: { number: "1", name: "" }, pageUrl: "https://q/t/x", unsubscribeUrl: "https://q/u/y" }),
    );
    expect(m).toEqual({
      title: "Центр госуслуг · А-012",
      body: "Талон А-012: вас приглашают в окно 1.\nСледить за очередью: https://q/t/x\nОтписаться: https://q/u/y",
    });
  });
});
