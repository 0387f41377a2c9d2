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

/** Everything under a group, nested groups' services too (the group itself left out), in order. */
export function servicesUnder(services: Service[], groupId: string): Service[] {
  const under = new Set([groupId]);
  // Parents may be listed after their children: repeat until nothing more joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of services) {
      if (s.parentId && under.has(s.parentId) && !under.has(s.id)) {
        under.add(s.id);
        grew = true;
      }
    }
  }
  return services.filter((s) => s.id !== groupId && under.has(s.id));
}

/** What `?service=<id>` names: a service to open, a group to list, or nothing the office has. */
export type LinkedService =
  | { kind: "none" }
  | { kind: "service"; service: Service }
  | { kind: "group"; group: Service; services: Service[] }
  | { kind: "unknown" };

export function linkedService(services: Service[], id: string | null): LinkedService {
  if (!id) return { kind: "none" };
  const found = services.find((s) => s.id === id);
  if (!found) return { kind: "unknown" };
  return found.isGroup
    ? { kind: "group", group: found, services: servicesUnder(services, found.id) }
    : { kind: "service", service: found };
}
