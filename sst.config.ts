/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Tidings on AWS. The resources live in infra/, one file per concern, each exporting what others
 * link; code learns resource names only through `link` (read in packages/core/src/config.ts).
 * Deploy: `npx sst deploy --stage production` (see README).
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
    const { table } = await import("./infra/storage.ts");
    const { cdn } = await import("./infra/cdn.ts");
    await import("./infra/email.ts");
    await import("./infra/app.ts");
    await import("./infra/confirmations.ts");
    await import("./infra/delivery.ts");
    await import("./infra/schedules.ts");
    await import("./infra/alarms.ts");
    return { url: cdn.url, table: table.name };
  },
});
