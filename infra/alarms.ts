/**
 * Operations that warn: CloudWatch alarms on what needs a person, published to a topic that
 * emails the editors (ADMIN_EMAILS; each address confirms its subscription once, from the
 * email AWS sends it). Alarms say when they fire and when they clear.
 */
import { METRIC_NAMESPACE, METRIC_SERVICE } from "../packages/core/src/metric-names.ts";
import { api } from "./app.ts";
import { confirmConsumer } from "./confirmations.ts";
import { sendConsumer, sendDeadLetters } from "./delivery.ts";
import { sesEventFailures, sesEventsHandler } from "./email.ts";
import { confirmDeadLetters } from "./outbox.ts";
import { hourlyIngest, weeklyDigest } from "./schedules.ts";
import { settings } from "./settings.ts";

export const alarmTopic = new sst.aws.SnsTopic("Alarms");

settings.adminEmails
  .split(",")
  .map((address) => address.trim())
  .filter(Boolean)
  .forEach(
    (address, i) =>
      new aws.sns.TopicSubscription(`AlarmsToEditor${i}`, {
        topic: alarmTopic.arn,
        protocol: "email",
        endpoint: address,
      }),
  );

type AlarmArgs = Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions" | "comparisonOperator">;

function alarm(name: string, args: AlarmArgs) {
  return new aws.cloudwatch.MetricAlarm(name, {
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    treatMissingData: "notBreaching",
    alarmActions: [alarmTopic.arn],
    okActions: [alarmTopic.arn],
    ...args,
  });
}

// A message in any dead-letter queue: a send job, a confirmation email or an SES event that kept
// failing (README, "When something goes wrong", says what to do with each).
for (const [name, queue] of [
  ["SendDeadLetters", sendDeadLetters],
  ["ConfirmDeadLetters", confirmDeadLetters],
  ["SesEventFailures", sesEventFailures],
] as const) {
  alarm(`${name}NotEmpty`, {
    alarmDescription: `A message is waiting in ${name}: it failed every retry.`,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: queue.nodes.queue.name },
    statistic: "Maximum",
    period: 300,
    evaluationPeriods: 1,
  });
}

// Each hourly ingest reports how many feeds are failing; 24 hours in a row of at least one.
alarm("FeedFailingForADay", {
  alarmDescription: "At least one feed has failed (or backed off after failing) in every ingest for 24 hours.",
  namespace: METRIC_NAMESPACE,
  metricName: "FeedsFailing",
  dimensions: { service: METRIC_SERVICE },
  statistic: "Minimum",
  period: 3600,
  evaluationPeriods: 24,
  datapointsToAlarm: 24,
});

// SES refused the account (paused, suspended, out of quota) or the reputation guard paused a send.
alarm("SendStopped", {
  alarmDescription:
    "A send stopped: SES refused to send, or the reputation guard paused it (the editors were emailed).",
  namespace: METRIC_NAMESPACE,
  metricName: "SendsStopped",
  dimensions: { service: METRIC_SERVICE },
  statistic: "Sum",
  period: 300,
  evaluationPeriods: 1,
});

for (const [name, functionName] of [
  ["Api", api.name],
  ["ConfirmQueueConsumer", confirmConsumer.nodes.function.name],
  ["SendQueueConsumer", sendConsumer.nodes.function.name],
  ["HandleSesEvents", sesEventsHandler.nodes.function.name],
  ["WeeklyDigest", weeklyDigest.nodes.function.name],
  ["HourlyIngest", hourlyIngest.nodes.function.name],
] as const) {
  alarm(`${name}Errors`, {
    alarmDescription: `The ${name} function failed (an error or a timeout): see its logs.`,
    namespace: "AWS/Lambda",
    metricName: "Errors",
    dimensions: { FunctionName: functionName },
    statistic: "Sum",
    period: 300,
    evaluationPeriods: 1,
  });
}
