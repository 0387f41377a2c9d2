import type { Metric, Registry } from "prom-client";
import type { HistogramData } from "./queue-figures.ts";

type Labels = Record<string, string>;

/**
 * A histogram whose buckets are set whole, from figures the database counted, rather than
 * observed one value at a time (prom-client's Histogram can only observe). It renders exactly like
 * a prom-client histogram: `_bucket{le}` (cumulative), `_sum` and `_count`.
 */
export class SnapshotHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = "histogram";
  readonly aggregator = "sum";
  readonly #bounds: readonly number[];
  #series: { labels: Labels; data: HistogramData }[] = [];

  constructor(options: { name: string; help: string; buckets: readonly number[]; registry: Registry }) {
    this.name = options.name;
    this.help = options.help;
    this.#bounds = options.buckets;
    // The registry renders whatever has a name and get(); its types list only its own classes.
    options.registry.registerMetric(this as unknown as Metric);
  }

  /** Replaces every series. */
  set(series: { labels: Labels; data: HistogramData }[]) {
    this.#series = series;
  }

  async get() {
    const values = this.#series.flatMap(({ labels, data }) => [
      ...this.#bounds.map((le, i) => ({
        metricName: `${this.name}_bucket`,
        labels: { ...labels, le },
        value: data.buckets[i] ?? 0,
      })),
      { metricName: `${this.name}_bucket`, labels: { ...labels, le: "+Inf" }, value: data.count },
      { metricName: `${this.name}_sum`, labels, value: data.sum },
      { metricName: `${this.name}_count`, labels, value: data.count },
    ]);
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset() {
    this.#series = [];
  }
}
