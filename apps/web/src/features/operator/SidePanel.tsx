import { Stack } from "@mantine/core";
import { MyDay } from "./MyDay.tsx";
import { MyQueues } from "./MyQueues.tsx";
import type { useWorkplaceData } from "./useWorkplace.ts";
import { WaitingList } from "./WaitingList.tsx";

/** What the operator serves: his queues, the clients he may call, and his own day. */
export function SidePanel({
  data,
  serviceName,
  canCall,
  onCall,
}: {
  data: ReturnType<typeof useWorkplaceData>;
  serviceName: (id: string) => string;
  canCall: boolean;
  /** Absent when the workplace is only watched. */
  onCall?: (ticketId: string) => void;
}) {
  const watched = !onCall;
  // Nothing served here at all: no queue fits both the operator and the workstation.
  const servesNothing = data.queues.isSuccess && data.queues.data.items.length === 0;
  const who = !watched
    ? "notServedHere"
    : data.state.data?.employee
      ? "notServedHereWatched"
      : "servesNothing";
  return (
    <Stack gap="md">
      <MyQueues
        queues={data.queues.data?.items ?? []}
        readAt={data.queues.dataUpdatedAt}
        serviceName={serviceName}
        watched={watched}
      />
      <WaitingList
        waiting={data.waiting.data?.items ?? []}
        whyNobody={servesNothing ? who : "empty"}
        serviceName={serviceName}
        canCall={canCall}
        onCall={onCall}
      />
      <MyDay today={data.today.data} watched={watched} />
    </Stack>
  );
}
