/**
 * Events of the exact shapes AWS hands to Lambda, for the handlers' tests and the Lambda check:
 * a function URL request (payload format 2.0), an SQS batch, an SNS notification carrying an SES
 * event (configuration-set event publishing), and EventBridge Scheduler's invocation.
 */
import { createHash, randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, SQSEvent } from "aws-lambda";

// The replay command (npm run ses-event) delivers SES events the same way: one factory for both.
export { snsEvent } from "@tidings/local/sns";

const region = "us-east-1";
const account = "123456789012";

export interface UrlRequest {
  method?: string;
  /** Path and query, e.g. "/confirm?token=…". */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The client address Lambda reports (`requestContext.http.sourceIp`). */
  sourceIp?: string;
  /** The function URL's host. */
  domainName?: string;
}

// Function URLs pass text bodies as they are and base64-encode the rest (forms included).
const textual = /^(text\/|application\/(json|xml|javascript)|[^;]*\+(json|xml))/i;

/** A Lambda function URL request, as Lambda builds it (payload format version 2.0). */
export function functionUrlEvent(request: UrlRequest, now = new Date()): APIGatewayProxyEventV2 {
  const method = request.method ?? "GET";
  const [rawPath = "/", rawQueryString = ""] = request.path.split("?", 2) as [string, string?];
  const domainName = request.domainName ?? "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws";
  const headers: Record<string, string> = {
    "x-amzn-tls-cipher-suite": "TLS_AES_128_GCM_SHA256",
    "x-amzn-tls-version": "TLSv1.3",
    "x-amzn-trace-id": `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().replaceAll("-", "").slice(0, 24)}`,
    "x-forwarded-proto": "https",
    host: domainName,
    "x-forwarded-port": "443",
    "x-forwarded-for": request.sourceIp ?? "203.0.113.7",
    accept: "*/*",
    "user-agent": "Mozilla/5.0 (lambda-check)",
    ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const query = new URLSearchParams(rawQueryString);
  const isBase64Encoded = request.body !== undefined && !textual.test(headers["content-type"] ?? "");
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    requestContext: {
      accountId: "anonymous",
      apiId: domainName.split(".")[0]!,
      domainName,
      domainPrefix: domainName.split(".")[0]!,
      http: {
        method,
        path: rawPath,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp ?? "203.0.113.7",
        userAgent: headers["user-agent"]!,
      },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(request.body !== undefined
      ? { body: isBase64Encoded ? Buffer.from(request.body).toString("base64") : request.body }
      : {}),
    isBase64Encoded,
  };
}

/**
 * An SQS batch as the event source mapping delivers it to a consumer: one record per message, ids
 * `m-0`, `m-1`…; a message that is not a string is sent as its JSON.
 */
export function sqsEvent(messages: (object | string)[], queue = "SendQueue", now = new Date()): SQSEvent {
  return {
    Records: messages.map((message, i) => {
      const body = typeof message === "string" ? message : JSON.stringify(message);
      return {
        messageId: `m-${i}`,
        receiptHandle: Buffer.from(randomUUID()).toString("base64"),
        body,
        attributes: {
          ApproximateReceiveCount: "1",
          SentTimestamp: String(now.getTime()),
          SenderId: "AROAEXAMPLEROLEID:tidings-Api",
          ApproximateFirstReceiveTimestamp: String(now.getTime() + 5),
        },
        messageAttributes: {},
        md5OfBody: createHash("md5").update(body).digest("hex"),
        eventSource: "aws:sqs",
        eventSourceARN: `arn:aws:sqs:${region}:${account}:${queue}`,
        awsRegion: region,
      };
    }),
  };
}

interface SesMail {
  messageId: string;
  to: string;
  from: string;
  /** Message tags, as SES publishes them (each a list). */
  tags?: Record<string, string[]>;
}

function mail({ messageId, to, from, tags = {} }: SesMail, now: Date) {
  return {
    timestamp: now.toISOString(),
    source: from,
    sourceArn: `arn:aws:ses:${region}:${account}:identity/${from.split("@")[1]}`,
    sendingAccountId: account,
    messageId,
    destination: [to],
    headersTruncated: false,
    tags: { "ses:configuration-set": ["tidings-Email"], "ses:source-ip": ["192.0.2.1"], ...tags },
  };
}

/** SES event publishing's record for a message SES accepted ("Send"). */
export function sesSendEvent(sent: SesMail, now = new Date()) {
  return { eventType: "Send", mail: mail(sent, now), send: {} };
}

/** SES event publishing's record for a hard bounce. */
export function sesBounceEvent(sent: SesMail, now = new Date()) {
  return {
    eventType: "Bounce",
    bounce: {
      feedbackId: `${randomUUID()}-000000`,
      bounceType: "Permanent",
      bounceSubType: "General",
      bouncedRecipients: [
        {
          emailAddress: sent.to,
          action: "failed",
          status: "5.1.1",
          diagnosticCode: "smtp; 550 5.1.1 user unknown",
        },
      ],
      timestamp: now.toISOString(),
      reportingMTA: "dns; b224-13.smtp-out.amazonses.com",
    },
    mail: mail(sent, now),
  };
}

/**
 * EventBridge Scheduler's invocation of a CronV2 function: the schedule target's `input`, which
 * SST sets to the cron's `event` as JSON (`{}` when none is given). No envelope is added.
 */
export function schedulerEvent(event: unknown = {}): unknown {
  return JSON.parse(JSON.stringify(event));
}
