/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Tidings on AWS. Code learns resource names only through `link` (read in
 * packages/core/src/config.ts). Deploy: `npx sst deploy --stage production` (see README).
 */
export default $config({
  app(input) {
    return {
      name: "tidings",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
      home: "aws",
    };
  },
  async run() {
    // One source of truth for keys and indexes, shared with the local stack.
    const { tableDefinition } = await import("./packages/core/src/store/table.ts");

    const table = new sst.aws.Dynamo("Table", {
      fields: tableDefinition.fields,
      primaryIndex: tableDefinition.primaryIndex,
      globalIndexes: tableDefinition.globalIndexes,
      ttl: tableDefinition.ttl,
    });

    // The key that signs subscribers' confirm and unsubscribe links: `npx sst secret set TokenSecret …`.
    const tokenSecret = new sst.Secret("TokenSecret");

    // The From address, e.g. "Semiconductor Tidings <digest@news.example.com>". SES sends from its
    // domain (verified by DKIM records: added to Route 53 with SENDER_DNS=route53, else by hand).
    const sender = process.env.SENDER;
    const senderDomain = sender ? /@([^@\s<>]+)>?\s*$/.exec(sender)?.[1]?.toLowerCase() : undefined;
    if (!sender || !senderDomain) {
      throw new Error(
        `Set SENDER to the newsletter's From address before deploying, e.g. SENDER="Tidings <digest@news.example.com>"`,
      );
    }

    // Every email's footer carries it: the law (CAN-SPAM, PECR) asks for a real postal address.
    const postalAddress = process.env.POSTAL_ADDRESS;
    if (!postalAddress)
      throw new Error(`Set POSTAL_ADDRESS, the postal address every email's footer shows, before deploying`);

    // SES events: the identity's configuration set publishes them to a topic whose subscriber
    // suppresses bounced and complaining addresses and completes digest send records.
    const sesEvents = new sst.aws.SnsTopic("SesEvents");
    const email = new sst.aws.Email("Email", {
      sender: senderDomain,
      dns: process.env.SENDER_DNS === "route53" ? sst.aws.dns() : false,
      events: [
        { name: "BouncesAndComplaints", types: ["bounce", "complaint"], topic: sesEvents.arn },
        // Send events complete digest send records whose consumer crashed after SES took the message.
        { name: "Sends", types: ["send"], topic: sesEvents.arn },
      ],
    });

    /** Settings every function reads through config.ts; empty means "use the default". */
    const environment = {
      SENDER: sender,
      FEEDS: process.env.FEEDS ?? "https://www.scmp.com/rss/519738/feed",
      PUBLIC_URL: process.env.PUBLIC_URL ?? "",
      DIGEST_TIMEZONE: process.env.DIGEST_TIMEZONE ?? "UTC",
      POSTAL_ADDRESS: postalAddress,
    };
    // `satisfies`: a misspelt property here fails the type check like one written inline.
    const nodejs = {
      runtime: "nodejs22.x",
      architecture: "arm64",
      environment,
    } as const satisfies Partial<sst.aws.FunctionArgs>;

    // Confirmation emails: POST /subscribe does the same work for every address and queues one
    // message here, so its timing says nothing about who is subscribed; the consumer (below)
    // sends the email only when the signup made one due. It needs no SES rights in the Api.
    const confirmDeadLetters = new sst.aws.Queue("ConfirmDeadLetters");
    const confirmQueue = new sst.aws.Queue("ConfirmQueue", {
      // Six times the consumer's timeout (AWS's advice for Lambda consumers): never two at once.
      visibilityTimeout: "3 minutes",
      dlq: { queue: confirmDeadLetters.arn, retry: 5 },
    });

    const api = new sst.aws.Function("Api", {
      ...nodejs,
      handler: "packages/functions/src/lambda/api.handler",
      url: true,
      link: [table, tokenSecret, confirmQueue],
      // The app module also holds the in-process outbox (npm start), whose renderer reads these.
      copyFiles: [{ from: "templates" }],
      nodejs: { install: ["mjml", "handlebars"] },
      memory: "512 MB",
      timeout: "10 seconds",
    });

    confirmQueue.subscribe(
      {
        ...nodejs,
        handler: "packages/functions/src/lambda/confirm.handler",
        // `api` for its URL: the confirm link's base when PUBLIC_URL is not set.
        link: [table, tokenSecret, email, api],
        copyFiles: [{ from: "templates" }],
        nodejs: { install: ["mjml", "handlebars"] },
        memory: "512 MB",
        timeout: "30 seconds",
      },
      { batch: { size: 10, partialResponses: true } },
    );

    // SNS invokes the handler asynchronously: what still fails after Lambda's two retries is kept
    // in this queue instead of being dropped (a lost bounce would mean mailing a dead address).
    const sesEventFailures = new sst.aws.Queue("SesEventFailures");
    sesEvents.subscribe("HandleSesEvents", {
      ...nodejs,
      handler: "packages/functions/src/lambda/ses-events.handler",
      link: [table, tokenSecret, sesEventFailures],
      timeout: "30 seconds",
      transform: { function: { deadLetterConfig: { targetArn: sesEventFailures.arn } } },
    });

    // Delivery: the weekly job puts batches of recipients on this queue; a few consumers send them,
    // each at its share of the account's SES rate. A job that keeps failing goes to the DLQ.
    const sendConsumers = 2;
    const deadLetters = new sst.aws.Queue("SendDeadLetters", { visibilityTimeout: "5 minutes" });
    const sendQueue = new sst.aws.Queue("SendQueue", {
      // At least the consumer's timeout, so a job is never handed to two consumers at once.
      visibilityTimeout: "6 minutes",
      dlq: { queue: deadLetters.arn, retry: 8 },
    });
    sendQueue.subscribe(
      {
        ...nodejs,
        handler: "packages/functions/src/lambda/send.handler",
        environment: { ...environment, SEND_CONSUMERS: String(sendConsumers), SEND_RATE: process.env.SEND_RATE ?? "" },
        link: [table, tokenSecret, email, api],
        // MaxSendRate comes from the account; the identity's own permissions come with `email`.
        permissions: [{ actions: ["ses:GetAccount"], resources: ["*"] }],
        memory: "512 MB",
        timeout: "5 minutes",
      },
      {
        // One job (50 recipients) per call keeps each call well inside its timeout at any rate.
        batch: { size: 1, partialResponses: true },
        // At most `sendConsumers` at once, capped at the queue (not by reserved concurrency, which
        // new accounts cannot spare and which would bounce throttled jobs towards the DLQ).
        transform: { eventSourceMapping: { scalingConfig: { maximumConcurrency: sendConsumers } } },
      },
    );

    // Weekly digest: builds the last complete week's digest and queues its delivery. The schedule
    // is read in DIGEST_TIMEZONE; the default, Monday 06:00, leaves late items of Sunday a few
    // hours to arrive.
    new sst.aws.CronV2("WeeklyDigest", {
      schedule: (process.env.DIGEST_SCHEDULE ?? "cron(0 6 ? * MON *)") as `cron(${string})`,
      timezone: environment.DIGEST_TIMEZONE,
      function: {
        ...nodejs,
        handler: "packages/functions/src/lambda/digest.handler",
        link: [table, sendQueue, api],
        // The MJML templates are read at render time; mjml and handlebars load modules dynamically.
        // The theme classifier reads its word neighbours when it learns (only this function does).
        copyFiles: [
          { from: "templates" },
          { from: "packages/core/data/word-neighbours.bin", to: "data/word-neighbours.bin" },
        ],
        nodejs: { install: ["mjml", "handlebars"] },
        memory: "1024 MB",
        timeout: "15 minutes",
      },
    });

    // Hourly ingest: every feed in FEEDS fetched conditionally; new and changed items stored.
    new sst.aws.CronV2("HourlyIngest", {
      schedule: "rate(1 hour)",
      function: {
        ...nodejs,
        handler: "packages/functions/src/lambda/ingest.handler",
        link: [table, api],
        memory: "1024 MB",
        timeout: "5 minutes",
      },
    });

    return { url: api.url, table: table.name };
  },
});
