import { describe, expect, it } from "vitest";
import {
  formatTicketCode,
  normalizeTicketCode,
  TICKET_CODE_ALPHABET,
  ticketCodeParamsSchema,
  ticketCodeSchema,
} from "../src/index.ts";

describe("ticket codes", () => {
  it("the alphabet has 32 symbols and none of the look-alikes 0, o, 1, l", () => {
    expect(new Set(TICKET_CODE_ALPHABET).size).toBe(32);
    for (const c of "0o1l") expect(TICKET_CODE_ALPHABET).not.toContain(c);
  });

  it("prints a code in upper case in groups of four", () => {
    expect(formatTicketCode("k7qm4xpa")).toBe("K7QM-4XPA");
    // An older 12-symbol code.
    expect(formatTicketCode("abcdefghjkmn")).toBe("ABCD-EFGH-JKMN");
  });

  it("reads a code as printed, in any case, with or without the dash or spaces", () => {
    for (const typed of ["K7QM-4XPA", "k7qm-4xpa", "K7QM 4XPA", " k7qm4xpa ", "K7QM–4XPA", "k7QM4xPA"]) {
      expect(ticketCodeSchema.parse(typed)).toBe("k7qm4xpa");
    }
    expect(ticketCodeParamsSchema.parse({ code: "ABCD-EFGH-JKMN" })).toEqual({ code: "abcdefghjkmn" });
    // An upper-case I read as 1 or l is the i it is (neither is ever printed).
    expect(normalizeTicketCode("K1QM-4XPL")).toBe("kiqm4xpi");
  });

  it("refuses what cannot be a code: other lengths, look-alikes, other symbols", () => {
    for (const bad of [
      "",
      "K7QM-4XP",
      "K7QM-4XPAB",
      "K7QM-4XP0",
      "K7QM-4XPO",
      "abcdefghjkmnp",
      "K7QM/4XPA",
    ]) {
      expect(ticketCodeSchema.safeParse(bad).success, bad).toBe(false);
    }
    const issue = ticketCodeSchema.safeParse("K7QM-4XP").error!.issues[0]!;
    expect(issue.message).toBe(
      "must be a ticket code: 8 letters and digits such as K7QM-4XPA (older tickets: 12)",
    );
  });
});
