import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";

const queryClient = new QueryClient({
  defaultOptions: {
    // Devices run unattended: keep retrying quietly, a screen shows its own "no connection" state.
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 2_000,
      retry: true,
      retryDelay: (n) => Math.min(1000 * 2 ** n, 15_000),
    },
  },
});

/**
 * Kiosks, boards, counter displays and the public pages: only the query cache, no component
 * library, so a cheap box downloads and runs as little as possible. Their looks are in plain CSS.
 */
export function DeviceProviders({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
