/**
 * The Lambda check's world: local DynamoDB, SES and SQS, a feed server, every function infra/
 * declares packaged as SST would, and each started cold on first use (then kept warm, as Lambda
 * keeps an instance) with links pointing at those services.
 */
import { readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { functionUrlEvent } from "../support/events.ts";
import { repoRoot } from "../support/processes.ts";
import { startTestServices, type TestServices } from "../support/services.ts";
import { startLocalSqs, type LocalSqs } from "../support/sqs.ts";
import { declaredInfra, declaredInfraApart } from "../support/sst-recorder.ts";
import { lambdaEnvironment, startFunction, type Invocation, type LinkValue, type RunningFunction } from "./invoke.ts";
import { checkRoot, packageFunction, type FunctionPackage } from "./package.ts";

/** The Api's function URL, as its link carries it. */
export const apiUrl = "https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws/";
/** CloudFront's URL (infra/cdn.ts), as its link carries it: the base of links when PUBLIC_URL is unset. */
export const cdnUrl = "https://d1234abcdef8.cloudfront.net";

/**
 * What SES's GetAccount answers; the local SES reads it from AWS_SES_ACCOUNT in its process. The
 * send consumer asks for MaxSendRate when SEND_RATE is not set, as by default it is not.
 */
export const sesAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: "EN",
    MailType: "MARKETING",
    ReviewDetails: { CaseId: "check", Status: "GRANTED" },
    UseCaseDescription: "newsletter",
    WebsiteURL: "https://news.example.com",
  },
  EnforcementStatus: "HEALTHY",
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

export interface ApiResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

export interface Harness {
  services: TestServices;
  sqs: LocalSqs;
  packages: Map<string, FunctionPackage>;
  /** The function, started cold on first use. */
  fn(name: string): Promise<RunningFunction>;
  /** Invokes a function; a handler error fails with the function's log. */
  invoke(name: string, event: unknown): Promise<Invocation>;
  /** GET through the Api's function URL. */
  get(path: string): Promise<ApiResponse>;
  /**
   * The named functions as a deploy with `settings` added to the deploy-time environment declares
   * them, packaged apart and run against the same services.
   */
  redeploy(settings: Record<string, string>, names: string[]): Promise<Redeployed>;
  stop(): Promise<void>;
}

export interface Redeployed {
  packages: Map<string, FunctionPackage>;
  invoke(name: string, event: unknown): Promise<Invocation>;
}

export async function startHarness(): Promise<Harness> {
  const services = await startTestServices({ TABLE_NAME: "tidings-check-TableTable-abcdef" });
  const sqs = await startLocalSqs();
  const seedFeed = readFileSync(join(repoRoot, "templates/feeds/scmp-semiconductors.xml"));
  const feeds = createServer((_, res) => res.writeHead(200, { "content-type": "application/rss+xml" }).end(seedFeed));
  await new Promise<void>((resolve) => feeds.listen(0, "127.0.0.1", resolve));
  // `sst deploy`'s environment: the required settings, and a feed this machine can reach.
  const deployEnv = {
    SENDER: "Tidings <digest@news.example.com>",
    POSTAL_ADDRESS: "1 Check Street",
    ADMIN_EMAILS: "editor@news.example.com",
    FEEDS: `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/scmp-semiconductors.xml`,
  };
  const declared = await declaredInfra(deployEnv);
  const root = checkRoot();
  const packages = new Map<string, FunctionPackage>();
  for (const fn of declared.functions) packages.set(fn.name, await packageFunction(fn, root));

  // What each link holds once deployed, pointing at this machine's services.
  const links: Record<string, LinkValue> = {
    Table: { type: "sst.aws.Dynamo", name: services.ctx.config.tableName },
    TokenSecret: { type: "sst.sst.Secret", value: services.ctx.config.tokenSecret },
    TokenSecretPrevious: { type: "sst.sst.Secret", value: "" },
    Email: { type: "sst.aws.Email", sender: "news.example.com", configSet: "tidings-check-EmailConfigSet-abcdef" },
    Api: { type: "sst.aws.Function", name: "tidings-check-ApiFunction-abcdef", url: apiUrl },
    Cdn: { type: "sst.aws.Router", url: cdnUrl },
    ConfirmQueue: { type: "sst.aws.Queue", url: sqs.queueUrl("ConfirmQueue") },
    SendQueue: { type: "sst.aws.Queue", url: sqs.queueUrl("SendQueue") },
    SesEventFailures: { type: "sst.aws.Queue", url: sqs.queueUrl("SesEventFailures") },
  };
  // Only for this check: the SDK clients talk to the local services (config.ts honours these).
  const local = { DYNAMODB_ENDPOINT: services.dynamodbEndpoint, SES_ENDPOINT: services.sesEndpoint };

  const running = new Map<string, RunningFunction>();
  /** Runs the packages of one deploy, each started cold on first use, under `prefix` in `running`. */
  const runner = (pkgs: Map<string, FunctionPackage>, prefix = "") => {
    const fn = async (name: string) => {
      if (!running.has(prefix + name)) {
        const pkg = pkgs.get(name);
        if (!pkg) throw new Error(`no function ${name} in infra/`);
        running.set(prefix + name, await startFunction(pkg, lambdaEnvironment(pkg, links, local)));
      }
      return running.get(prefix + name)!;
    };
    const invoke = async (name: string, event: unknown) => {
      const f = await fn(name);
      const result = await f.invoke(event);
      if (!result.ok) throw new Error(`${name}: ${result.error?.stack ?? result.error?.message}\n${f.logs()}`);
      return result;
    };
    return { fn, invoke };
  };
  const { fn, invoke } = runner(packages);
  let redeploys = 0;

  return {
    services,
    sqs,
    packages,
    fn,
    invoke,
    get: async (path) => (await invoke("Api", functionUrlEvent({ path }))).value as ApiResponse,
    async redeploy(settings, names) {
      const dir = join(root, `redeploy-${++redeploys}`);
      const pkgs = new Map<string, FunctionPackage>();
      for (const f of (await declaredInfraApart({ ...deployEnv, ...settings })).functions)
        if (names.includes(f.name)) pkgs.set(f.name, await packageFunction(f, dir));
      return { packages: pkgs, invoke: runner(pkgs, `${dir}/`).invoke };
    },
    async stop() {
      await Promise.all([...running.values()].map((f) => f.stop()));
      feeds.closeAllConnections(); // the functions' keep-alive fetches would hold close() open
      await Promise.all([services.close(), sqs.close(), new Promise((r) => feeds.close(r))]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
