import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { retryDelay } from "./retry.ts";

const queryClient = new QueryClient({
  defaultOptions: {
    // Devices run unattended: keep retrying quietly (a screen narrows this where an answer is
    // final), respecting the server's Retry-After; the screens show "reconnecting" meanwhile.
    queries: { refetchOnWindowFocus: false, staleTime: 2_000, retry: true, retryDelay },
  },
});

/**
 * Kiosks, boards, counter displays and the public pages: only the query cache, no component
 * library, so a cheap box downloads and runs as little as possible. Their looks are in plain CSS.
 */
export function DeviceProviders({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
