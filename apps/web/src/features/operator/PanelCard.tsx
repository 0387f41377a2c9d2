import { Card, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled card of the workplace's side panel. */
export function PanelCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}
