import { describe, expect, it } from "vitest";
import { isOffered, isUnder, lineage, offeredTree, treeIndex } from "../src/service-tree.ts";

/**
 * A small office:
 *   docs (group)
 *     passports (group)
 *       passport      (service)
 *       foreign       (service)
 *     certificate     (service)
 *   cash (group)      — nothing inside
 *   pay               (service, at the top)
 */
const node = (id: string, parentId: string | null, isGroup = false) => ({ id, parentId, isGroup });
const tree = [
  node("docs", null, true),
  node("passports", "docs", true),
  node("passport", "passports"),
  node("foreign", "passports"),
  node("certificate", "docs"),
  node("cash", null, true),
  node("pay", null),
];
const index = treeIndex(tree);
const byId = (id: string) => index.get(id)!;
const ids = (nodes: readonly { id: string }[]) => nodes.map((n) => n.id);

describe("lineage", () => {
  it("walks from the node up to the root, nearest first", () => {
    expect(ids(lineage(index, byId("passport")))).toEqual(["passport", "passports", "docs"]);
    expect(ids(lineage(index, byId("pay")))).toEqual(["pay"]);
  });

  it("stops at a parent the index does not hold", () => {
    const orphan = node("orphan", "archived-group");
    expect(ids(lineage(index, orphan))).toEqual(["orphan"]);
  });

  it("stops at a loop instead of walking forever", () => {
    const loop = [node("a", "b", true), node("b", "a", true)];
    expect(ids(lineage(treeIndex(loop), loop[0]!))).toEqual(["a", "b"]);
  });
});

describe("isUnder", () => {
  it("is true at any depth below the group", () => {
    expect(isUnder(index, byId("passport"), "passports")).toBe(true);
    expect(isUnder(index, byId("passport"), "docs")).toBe(true);
    expect(isUnder(index, byId("certificate"), "docs")).toBe(true);
  });

  it("is false for the group itself, for siblings and for the top level", () => {
    expect(isUnder(index, byId("docs"), "docs")).toBe(false);
    expect(isUnder(index, byId("certificate"), "passports")).toBe(false);
    expect(isUnder(index, byId("pay"), "docs")).toBe(false);
  });
});

describe("isOffered", () => {
  it("offers everything when the kiosk has no list", () => {
    expect(isOffered(index, byId("passport"), null)).toBe(true);
    expect(isOffered(index, byId("passport"), undefined)).toBe(true);
    expect(isOffered(index, byId("passport"), [])).toBe(true);
  });

  it("offers a listed service and everything inside a listed group", () => {
    expect(isOffered(index, byId("pay"), ["pay"])).toBe(true);
    expect(isOffered(index, byId("passport"), ["docs"])).toBe(true);
    expect(isOffered(index, byId("foreign"), ["passports"])).toBe(true);
  });

  it("does not offer what is neither listed nor inside a listed group", () => {
    expect(isOffered(index, byId("certificate"), ["passports"])).toBe(false);
    expect(isOffered(index, byId("pay"), ["docs"])).toBe(false);
    expect(isOffered(index, byId("docs"), ["passport"])).toBe(false);
  });
});

describe("offeredTree", () => {
  it("without a list keeps every service with its groups and drops empty groups", () => {
    expect(offeredTree(tree, null)).toEqual(tree.filter((n) => n.id !== "cash"));
  });

  it("keeps the groups that lead to an offered service, in their order", () => {
    expect(offeredTree(tree, ["foreign", "pay"])).toEqual([
      node("docs", null, true),
      node("passports", "docs", true),
      node("foreign", "passports"),
      node("pay", null),
    ]);
  });

  it("a listed group brings its whole subtree", () => {
    expect(ids(offeredTree(tree, ["passports"]))).toEqual(["docs", "passports", "passport", "foreign"]);
  });

  it("lifts a service whose group is not in the list given to the top", () => {
    const withoutDocs = tree.filter((n) => n.id !== "docs");
    expect(offeredTree(withoutDocs, ["passports"])).toEqual([
      node("passports", null, true),
      node("passport", "passports"),
      node("foreign", "passports"),
    ]);
  });

  it("offers nothing when the list names nothing there", () => {
    expect(offeredTree(tree, ["cash"])).toEqual([]);
    expect(offeredTree(tree, ["gone"])).toEqual([]);
  });
});
