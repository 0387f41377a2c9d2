import { describe, expect, it } from "vitest";
import {
  CODE_KEYS,
  cleanCodeInput,
  codeFromScan,
  codeSlots,
} from "../src/features/kiosk/appointment-code.ts";

describe("the kiosk's booking code entry", () => {
  it("offers the code's 32 symbols, digits first, in upper case, without look-alikes", () => {
    expect(CODE_KEYS).toHaveLength(32);
    expect(CODE_KEYS.slice(0, 8).join("")).toBe("23456789");
    expect(CODE_KEYS.slice(8).join("")).toBe("ABCDEFGHIJKMNPQRSTUVWXYZ");
  });

  it("keeps what is typed in the printed form, at most eight symbols", () => {
    expect(cleanCodeInput("k7qm-4xpa")).toBe("K7QM4XPA");
    expect(cleanCodeInput("K7QM 4XPA 99")).toBe("K7QM4XPA");
    // 1 and L are never printed: they are read as the I they were meant to be; 0 and O are dropped.
    expect(cleanCodeInput("1l0o")).toBe("II");
  });

  it("shows the eight places as XXXX-XXXX while the code fills in", () => {
    expect(codeSlots("")).toBe("····-····");
    expect(codeSlots("K7QM4")).toBe("K7QM-4···");
    expect(codeSlots("K7QM4XPA")).toBe("K7QM-4XPA");
  });

  it("takes the code from the confirmation's QR (the /b/<code> address) or a bare code", () => {
    expect(codeFromScan("https://queue.example.ru/b/k7qm4xpa")).toBe("K7QM4XPA");
    expect(codeFromScan("http://10.0.0.5:3000/b/K7QM-4XPA?lang=en")).toBe("K7QM4XPA");
    expect(codeFromScan("K7QM-4XPA")).toBe("K7QM4XPA");
    // A ticket's tracking address, another site, or a code with a symbol outside the alphabet.
    expect(codeFromScan("https://queue.example.ru/t/k7qm4xpa")).toBeNull();
    expect(codeFromScan("https://example.com/")).toBeNull();
    expect(codeFromScan("K7QM-4XP0")).toBeNull();
    expect(codeFromScan("K7QM-4XPA-BCDE")).toBeNull();
  });
});
