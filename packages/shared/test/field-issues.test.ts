import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  FIELD_ISSUE_CODES,
  FIELD_ISSUE_MESSAGES,
  fieldIssueCode,
  fieldIssueMessage,
} from "../src/field-issues.ts";
import { categoryCreateSchema, serviceCreateSchema, weekScheduleSchema } from "../src/index.ts";

const codesOf = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => [i.path.join("."), fieldIssueCode(i)]);

describe("field issue codes", () => {
  it("each message of the table is its code's alone, so a message always finds its code back", () => {
    const messages = Object.values(FIELD_ISSUE_MESSAGES);
    expect(new Set(messages).size).toBe(messages.length);
    for (const [code, message] of Object.entries(FIELD_ISSUE_MESSAGES)) {
      expect(fieldIssueCode({ code: "custom", message })).toEqual({ code });
    }
    expect(new Set(FIELD_ISSUE_CODES).size).toBe(FIELD_ISSUE_CODES.length);
  });

  it("the schemas' own messages come back as their codes", () => {
    expect(codesOf(serviceCreateSchema, { name: " ", prefix: "a1", isGroup: false })).toEqual([
      ["name", { code: "empty" }],
      ["prefix", { code: "prefix" }],
    ]);
    expect(codesOf(weekScheduleSchema, { mon: [{ from: "10:00", to: "09:00" }] })).toEqual([
      ["mon.0.to", { code: "interval" }],
    ]);
  });

  it("zod's own checks get the kind of check and the bound it names", () => {
    expect(codesOf(categoryCreateSchema, { name: "VIP", priority: 101 })).toEqual([
      ["priority", { code: "max", params: { n: 100 } }],
    ]);
    expect(codesOf(categoryCreateSchema, { name: "VIP", priority: 1.5 })).toEqual([
      ["priority", { code: "integer" }],
    ]);
    expect(codesOf(z.object({ s: z.string().max(3) }), { s: "abcd" })).toEqual([
      ["s", { code: "maxLength", params: { n: 3 } }],
    ]);
    expect(codesOf(z.object({ s: z.string().min(4) }), { s: "abc" })).toEqual([
      ["s", { code: "minLength", params: { n: 4 } }],
    ]);
    expect(codesOf(z.object({ a: z.array(z.string()).min(1).max(2) }), { a: [] })).toEqual([
      ["a", { code: "minItems", params: { n: 1 } }],
    ]);
    expect(codesOf(z.object({ n: z.number() }), { n: "7" })).toEqual([["n", { code: "number" }]]);
    expect(codesOf(z.object({ e: z.enum(["a", "b"]) }), { e: "c" })).toEqual([["e", { code: "invalid" }]]);
  });

  it("messages with placeholders are filled in", () => {
    expect(fieldIssueMessage("noSuchServices", { ids: "7, 9" })).toBe("no such services: 7, 9");
    expect(fieldIssueMessage("listedTwice", { id: "12" })).toBe("service 12 is listed twice");
  });
});
