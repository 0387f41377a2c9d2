import { type Ticket, ticketSchema } from "@dq/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { api } from "../../../app/api.ts";
import { NS } from "../texts.ts";

const closeDaySchema = z.object({
  closed: z.number(),
  cancelled: z.number(),
  noShow: z.number(),
  served: z.number(),
});

/** Everything a supervisor changes from the queue page. */
export type Change =
  | { kind: "cancel"; ticket: Ticket }
  | { kind: "category"; ticket: Ticket; categoryId: string | null }
  | { kind: "move"; ticket: Ticket; serviceId: string }
  | { kind: "send"; ticket: Ticket; workstationId: string }
  | { kind: "accepting"; serviceId: string; accepting: boolean }
  | { kind: "closeDay" };

function run(c: Change): Promise<unknown> {
  switch (c.kind) {
    case "cancel":
      return api.post(`/api/v1/queue/tickets/${c.ticket.id}/cancel`, undefined, ticketSchema);
    case "category":
      return api.patch(`/api/v1/queue/tickets/${c.ticket.id}`, { categoryId: c.categoryId }, ticketSchema);
    case "move":
      return api.patch(`/api/v1/queue/tickets/${c.ticket.id}`, { serviceId: c.serviceId }, ticketSchema);
    case "send":
      return api.post(
        `/api/v1/queue/tickets/${c.ticket.id}/send`,
        { workstationId: c.workstationId },
        ticketSchema,
      );
    case "accepting":
      return api.post(`/api/v1/queue/services/${c.serviceId}/${c.accepting ? "open" : "close"}`, undefined);
    case "closeDay":
      return api.post("/api/v1/queue/close-day", undefined, closeDaySchema);
  }
}

/**
 * One mutation for every change; afterwards the queue, the dashboard and the services are read
 * again. `result` is what closing the day did, until dismissed.
 */
export function useQueueChange() {
  const { t } = useTranslation(NS);
  const client = useQueryClient();
  const [result, setResult] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: run,
    onSuccess: (data, c) => {
      if (c.kind === "closeDay") setResult(t("queue.closedDay", data as z.infer<typeof closeDaySchema>));
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ["queue"] });
      void client.invalidateQueries({ queryKey: ["dashboard"] });
      void client.invalidateQueries({ queryKey: ["dir", "services"] });
    },
  });
  return { change, result, clearResult: () => setResult(null) };
}
