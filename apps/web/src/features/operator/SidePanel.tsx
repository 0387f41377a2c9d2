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
        serviceName={serviceName}
        canCall={canCall}
        onCall={onCall}
      />
      <MyDay today={data.today.data} watched={watched} />
    </Stack>
  );
}
