import {
  categorySchema,
  listOf,
  operatorStateSchema,
  operatorTodaySchema,
  pauseReasonSchema,
  queueSummarySchema,
  serviceSchema,
  ticketSchema,
  workstationChoiceSchema,
} from "@dq/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../app/api.ts";

const LAST_WORKSTATION = "dq.operator.workstation";

export const rememberWorkstation = (id: string) => localStorage.setItem(LAST_WORKSTATION, id);
export const lastWorkstation = () => localStorage.getItem(LAST_WORKSTATION);

/** Reads of the workplace; `watch` is a workstation a supervisor looks at instead of his own. */
export function useWorkplaceData(watch: string | null) {
  const q = watch ? `?workstationId=${encodeURIComponent(watch)}` : "";
  const key = ["operator", watch ?? "own"] as const;
  return {
    state: useQuery({
      queryKey: [...key, "state"],
      queryFn: () => api.get(`/api/v1/operator/state${q}`, operatorStateSchema),
    }),
    queues: useQuery({
      queryKey: [...key, "queues"],
      queryFn: () => api.get(`/api/v1/operator/queues${q}`, listOf(queueSummarySchema)),
    }),
    waiting: useQuery({
      queryKey: [...key, "waiting"],
      queryFn: () => api.get(`/api/v1/operator/waiting${q}`, listOf(ticketSchema)),
    }),
    today: useQuery({
      queryKey: [...key, "today"],
      queryFn: () => api.get(`/api/v1/operator/today${q}`, operatorTodaySchema),
    }),
  };
}

/** Directories the workplace shows names from; they change rarely. */
export function useDirectories() {
  const options = { staleTime: 5 * 60_000 };
  return {
    services: useQuery({
      queryKey: ["dir", "services"],
      queryFn: () => api.get("/api/v1/services", listOf(serviceSchema)),
      ...options,
    }),
    categories: useQuery({
      queryKey: ["dir", "categories"],
      queryFn: () => api.get("/api/v1/categories", listOf(categorySchema)),
      ...options,
    }),
    pauseReasons: useQuery({
      queryKey: ["dir", "pause-reasons"],
      queryFn: () => api.get("/api/v1/pause-reasons", listOf(pauseReasonSchema)),
      ...options,
    }),
  };
}

/** The workstations to choose from, each with which of my services it serves. */
export function useWorkstations() {
  return useQuery({
    queryKey: ["operator", "workstations"],
    queryFn: () => api.get("/api/v1/operator/workstations", listOf(workstationChoiceSchema)),
  });
}

export type Action =
  | { kind: "callNext" }
  | { kind: "call"; ticketId: string }
  | { kind: "recall" | "start" | "noShow" | "undoNoShow"; ticketId: string }
  | { kind: "finish"; ticketId: string; note?: string }
  | { kind: "return"; ticketId: string; toEnd: boolean }
  | { kind: "redirect"; ticketId: string; serviceId: string; note?: string }
  | { kind: "pause"; reasonId?: string; reason?: string }
  | { kind: "resume" }
  | { kind: "take"; workstationId: string }
  | { kind: "leave" };

const PATHS = { recall: "recall", start: "start", noShow: "no-show", undoNoShow: "undo-no-show" } as const;

function run(a: Action): Promise<unknown> {
  const t = (id: string, path: string) => `/api/v1/operator/tickets/${encodeURIComponent(id)}/${path}`;
  switch (a.kind) {
    case "callNext":
      return api.post("/api/v1/operator/call-next", undefined);
    case "call":
      return api.post(t(a.ticketId, "call"), undefined, ticketSchema);
    case "recall":
    case "start":
    case "noShow":
    case "undoNoShow":
      return api.post(t(a.ticketId, PATHS[a.kind]), undefined, ticketSchema);
    case "finish":
      return api.post(t(a.ticketId, "finish"), a.note ? { note: a.note } : {}, ticketSchema);
    case "return":
      return api.post(t(a.ticketId, "return"), { toEnd: a.toEnd }, ticketSchema);
    case "redirect":
      return api.post(
        t(a.ticketId, "redirect"),
        { serviceId: a.serviceId, ...(a.note ? { note: a.note } : {}) },
        ticketSchema,
      );
    case "pause":
      return api.post(
        "/api/v1/operator/pause",
        a.reasonId ? { reasonId: a.reasonId } : { reason: a.reason },
        operatorStateSchema,
      );
    case "resume":
      return api.post("/api/v1/operator/resume", undefined, operatorStateSchema);
    case "take":
      return api.post(
        "/api/v1/operator/workstation",
        { workstationId: a.workstationId },
        operatorStateSchema,
      );
    case "leave":
      return api.delete("/api/v1/operator/workstation");
  }
}

/**
 * Every operator action goes through one mutation: while one runs, no other starts (a double click
 * or a held key acts once), and afterwards everything the workplace shows is read again.
 */
export function useAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    // Here, not in the caller: the screen that took the workstation is gone once it succeeds.
    onSuccess: (_, a) => a.kind === "take" && rememberWorkstation(a.workstationId),
    // Pending until the fresh data is read after a success; not after a failure, whose reads may
    // be waiting for an unreachable server.
    onSettled: (_, error) => {
      const refresh = client.invalidateQueries({ queryKey: ["operator"] });
      return error ? undefined : refresh;
    },
  });
}
