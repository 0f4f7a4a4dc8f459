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

    /** Settings every function reads through config.ts; empty means "use the default". */
    const environment = {
      FEEDS: process.env.FEEDS ?? "https://www.scmp.com/rss/519738/feed",
      PUBLIC_URL: process.env.PUBLIC_URL ?? "",
      DIGEST_TIMEZONE: process.env.DIGEST_TIMEZONE ?? "UTC",
      POSTAL_ADDRESS: process.env.POSTAL_ADDRESS ?? "",
    };
    const nodejs = { runtime: "nodejs22.x", architecture: "arm64", environment } as const;

    const api = new sst.aws.Function("Api", {
      ...nodejs,
      handler: "packages/functions/src/lambda/api.handler",
      url: true,
      link: [table, tokenSecret],
      memory: "512 MB",
      timeout: "10 seconds",
    });

    // Weekly digest: builds the last complete week's digest. The schedule is read in
    // DIGEST_TIMEZONE; the default, Monday 06:00, leaves late items of Sunday a few hours to arrive.
    new sst.aws.CronV2("WeeklyDigest", {
      schedule: (process.env.DIGEST_SCHEDULE ?? "cron(0 6 ? * MON *)") as `cron(${string})`,
      timezone: environment.DIGEST_TIMEZONE,
      function: {
        ...nodejs,
        handler: "packages/functions/src/lambda/digest.handler",
        link: [table],
        // The MJML templates are read at render time; mjml and handlebars load modules dynamically.
        copyFiles: [{ from: "templates" }],
        nodejs: { install: ["mjml", "handlebars"] },
        memory: "1024 MB",
        timeout: "5 minutes",
      },
    });

    // Hourly ingest: every feed in FEEDS fetched conditionally; new and changed items stored.
    new sst.aws.CronV2("HourlyIngest", {
      schedule: "rate(1 hour)",
      function: {
        ...nodejs,
        handler: "packages/functions/src/lambda/ingest.handler",
        link: [table],
        memory: "512 MB",
        timeout: "5 minutes",
      },
    });

    return { url: api.url, table: table.name };
  },
});
