import { collectDefaultMetrics, Registry } from "prom-client";

let registry: Registry | null = null;

/**
 * prom-client's default metrics (`process_*`, `nodejs_*`: CPU, memory, heap, GC, event-loop lag)
 * describe the process, not an app instance: one registry per process, made on first use, which
 * every app in it renders (tests build several apps in one process). Each call to
 * `collectDefaultMetrics` starts its own event-loop monitor and GC observer, and neither can be
 * stopped, so it is called once. Never prom-client's global registry: nothing else can add to it.
 */
export function processRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}
