/** The metrics Tidings emits (metrics.ts) and the alarms watch (infra/alarms.ts): names only, no code. */
export const METRICS = [
  "ItemsIngested",
  /** Feeds failing (or backing off after failing) in an ingest run: one figure per run. */
  "FeedsFailing",
  "Signups",
  "EmailsSent",
  "EmailsFailed",
  /** SES calls answered with throttling (each is retried, paced). */
  "EmailsThrottled",
  "Bounces",
  "Complaints",
  /** A send stopped: SES refused the account, or the reputation guard paused it. */
  "SendsStopped",
] as const;
export type MetricName = (typeof METRICS)[number];

/** The namespace and the `service` dimension the metrics carry (the alarms name both). */
export const METRIC_NAMESPACE = "Tidings";
export const METRIC_SERVICE = "tidings";
