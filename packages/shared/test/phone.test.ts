import { describe, expect, it } from "vitest";
import { formatPhone, phoneSchema } from "../src/schemas/appointments.ts";

describe("phone numbers", () => {
  it("are stored as + and digits, a Russian trunk 8 read as +7", () => {
    expect(phoneSchema.parse("+7 (912) 345-67-89")).toBe("+79123456789");
    expect(phoneSchema.parse("8 912 345 67 89")).toBe("+79123456789");
    expect(phoneSchema.parse("+375 29 123-45-67")).toBe("+375291234567");
  });

  it("refuse what is not a number of 10–15 digits", () => {
    for (const bad of ["12345", "+7 912 abc 67 89", "+1234567890123456", ""]) {
      expect(phoneSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("are written for people in the usual groups, +7 ones as +7 912 345-67-89", () => {
    expect(formatPhone("+79123456789")).toBe("+7 912 345-67-89");
    expect(formatPhone("+375291234567")).toBe("+375291234567");
  });
});
