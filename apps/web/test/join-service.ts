import type { RemoteJoinInfo } from "@dq/shared";

/** A /join service for the tests: open, nobody waiting, named by its id. */
export const joinService = (id: string, parentId: string | null, isGroup = false) =>
  ({
    id,
    parentId,
    isGroup,
    name: id,
    translations: {},
    description: "",
    color: "#000",
    open: true,
    reason: null,
    waiting: 0,
    estimatedWait: null,
  }) satisfies RemoteJoinInfo["services"][number];
