import type { RemoteJoinInfo } from "@dq/shared";

type Service = RemoteJoinInfo["services"][number];

/** The services in the office's order, each group's services under its name (groups may nest). */
export function serviceTree(services: Service[]): { service: Service; depth: number }[] {
  const ids = new Set(services.map((s) => s.id));
  const children = new Map<string | null, Service[]>();
  for (const s of services) {
    // A service whose group is not listed is shown at the top, not lost.
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const out: { service: Service; depth: number }[] = [];
  const walk = (parent: string | null, depth: number, seen: Set<string>) => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({ service: s, depth });
      if (s.isGroup) walk(s.id, depth + 1, seen);
    }
  };
  walk(null, 0, new Set());
  return out;
}
