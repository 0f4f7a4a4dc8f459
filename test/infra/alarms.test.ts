/**
 * infra/ for the production stage, as declared (the SST stand-in of the Lambda check): alarms on
 * every dead-letter queue, a feed failing for a day, a stopped send and each function's errors,
 * all to a topic that emails each editor; the table protected from deletion and restorable.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { declaredInfra, type Declared } from "../support/sst-recorder.ts";

let declared: Declared;
beforeAll(async () => {
  declared = await declaredInfra({
    SST_STAGE: "production",
    SENDER: "Tidings <digest@news.example.com>",
    POSTAL_ADDRESS: "1 Main St",
    ADMIN_EMAILS: "ed@example.com, ops@example.com",
  });
});

const of = (type: string) => declared.components.filter((c) => c.type === type);
type Alarm = { name: string; args: Record<string, unknown> };

describe("alarms", () => {
  it("email every editor through one topic", () => {
    expect(of("sst.aws.SnsTopic").map((c) => c.name)).toContain("Alarms");
    const subscriptions = of("aws.sns.TopicSubscription").map((c) => c.args as Record<string, unknown>);
    expect(subscriptions).toEqual([
      { topic: "arn:stand-in:Alarms", protocol: "email", endpoint: "ed@example.com" },
      { topic: "arn:stand-in:Alarms", protocol: "email", endpoint: "ops@example.com" },
    ]);
  });

  it("watch every dead-letter queue, a feed failing for a day, a stopped send and each function", () => {
    const alarms = of("aws.cloudwatch.MetricAlarm") as Alarm[];
    for (const a of alarms) {
      expect(a.args.alarmActions, a.name).toEqual(["arn:stand-in:Alarms"]);
      expect(a.args.okActions, a.name).toEqual(["arn:stand-in:Alarms"]);
    }
    const byName = new Map(alarms.map((a) => [a.name, a.args]));
    for (const queue of ["SendDeadLetters", "ConfirmDeadLetters", "SesEventFailures"]) {
      expect(byName.get(`${queue}NotEmpty`)).toMatchObject({
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: queue },
        threshold: 0,
      });
    }
    expect(byName.get("FeedFailingForADay")).toMatchObject({
      namespace: "Tidings",
      metricName: "FeedsFailing",
      dimensions: { service: "tidings" },
      statistic: "Minimum",
      period: 3600,
      evaluationPeriods: 24,
      datapointsToAlarm: 24,
    });
    expect(byName.get("SendStopped")).toMatchObject({ namespace: "Tidings", metricName: "SendsStopped" });
    const functionAlarms = alarms.filter((a) => a.args.namespace === "AWS/Lambda");
    expect(functionAlarms).toHaveLength(declared.functions.length);
    expect(functionAlarms.every((a) => a.args.metricName === "Errors")).toBe(true);
  });
});

describe("the production table", () => {
  it("has deletion protection and point-in-time recovery", () => {
    const [table] = of("sst.aws.Dynamo");
    const args = table!.args as { deletionProtection: boolean; transform: { table: (a: object) => void } };
    expect(args.deletionProtection).toBe(true);
    const tableArgs: Record<string, unknown> = {};
    args.transform.table(tableArgs);
    expect(tableArgs).toEqual({ pointInTimeRecovery: { enabled: true } });
  });
});
