/**
 * Operational figures: Powertools Metrics (CloudWatch embedded metric format, written to the
 * function's log and turned into metrics by CloudWatch at no API cost) on Lambda; on a laptop a
 * tally in memory (`counts()`), printed nowhere. infra/alarms.ts watches some of these.
 */
import { Metrics as PowertoolsMetrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { config } from "./config.ts";
import { METRIC_NAMESPACE, METRIC_SERVICE, type MetricName } from "./metric-names.ts";

export { METRIC_NAMESPACE, METRIC_SERVICE, METRICS, type MetricName } from "./metric-names.ts";

export interface Metrics {
  count(name: MetricName, value?: number): void;
  /** Writes what was counted (Lambda: at the end of each invocation). */
  flush(): void;
  /** What was counted in this process (locally; empty on Lambda). */
  counts(): Partial<Record<MetricName, number>>;
}

function tally(): Metrics {
  const counted: Partial<Record<MetricName, number>> = {};
  return {
    count: (name, value = 1) => void (counted[name] = (counted[name] ?? 0) + value),
    flush: () => {},
    counts: () => ({ ...counted }),
  };
}

function powertools(): Metrics {
  const metrics = new PowertoolsMetrics({ namespace: METRIC_NAMESPACE, serviceName: METRIC_SERVICE });
  return {
    count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
    flush: () => {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
    counts: () => ({}),
  };
}

let current: Metrics | undefined;

/** The process's metrics. */
export function metrics(): Metrics {
  return (current ??= config().onAws ? powertools() : tally());
}

/**
 * A handler that flushes the metrics it counted when it returns or throws.
 *
 * @example export const handler = flushingMetrics(ctx.metrics, (event) => weeklyDigest(ctx, queue, event));
 */
export function flushingMetrics<A extends unknown[], R>(m: Metrics, handler: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await handler(...args);
    } finally {
      m.flush();
    }
  };
}
