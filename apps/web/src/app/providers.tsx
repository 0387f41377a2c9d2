import "@mantine/core/styles.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { retryDelay, staffRetry } from "./retry.ts";
import { theme } from "./theme.ts";

export const queryClient = new QueryClient({
  defaultOptions: {
    // While the server is unreachable reads keep trying by themselves (the layout says
    // "reconnecting"); other errors are shown after a few tries.
    queries: { refetchOnWindowFocus: true, staleTime: 5_000, retry: staffRetry, retryDelay },
  },
});

/** Staff screens: Mantine (components and its styles) and the query cache. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
