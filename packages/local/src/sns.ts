/**
 * An SNS notification as SNS delivers it to a Lambda subscriber, for the replay command
 * (`npm run ses-event`) and the tests (test/support/events.ts re-exports it).
 */
import { randomUUID } from "node:crypto";
import type { SNSEvent } from "aws-lambda";

const region = "us-east-1";
const account = "123456789012";

/** An SNS notification to a Lambda subscriber, one record per message. */
export function snsEvent(topic: string, messages: unknown[], now = new Date()): SNSEvent {
  const topicArn = `arn:aws:sns:${region}:${account}:${topic}`;
  return {
    Records: messages.map((message) => ({
      EventSource: "aws:sns",
      EventVersion: "1.0",
      EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
      Sns: {
        Type: "Notification",
        MessageId: randomUUID(),
        TopicArn: topicArn,
        Subject: null as unknown as string, // SES events have none; SNS sends null
        Message: typeof message === "string" ? message : JSON.stringify(message),
        Timestamp: now.toISOString(),
        SignatureVersion: "1",
        Signature:
          "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
        SigningCertUrl: `https://sns.${region}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem`,
        UnsubscribeUrl: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}`,
        MessageAttributes: {},
      },
    })),
  };
}
