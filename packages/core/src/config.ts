/**
 * The one module that reads configuration. On AWS the values come from SST links
 * (`Resource.X`); locally from the environment, with defaults that work out of the box.
 * Nothing else in the code base touches `process.env`.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { Resource } from "sst";

export interface Config {
  /** Feed URLs or local files to ingest. */
  feeds: string[];
  /** Base of every link in emails and pages, without a trailing slash. */
  publicUrl: string;
  port: number;
  /** Where the local app listens (HOST): this machine only, unless told otherwise. */
  host: string;
  sender: string;
  digestTimezone: string;
  postalAddress: string;
  tableName: string;
  region: string;
  /** Set locally (dynalite); undefined on AWS, where the SDK finds DynamoDB itself. */
  dynamodbEndpoint: string | undefined;
  /** Set locally (aws-ses-v2-local); undefined on AWS. */
  sesEndpoint: string | undefined;
  /** SES configuration set whose bounce and complaint events reach us (AWS only). */
  sesConfigurationSet: string | undefined;
  /** Send queue URL (AWS only; locally an in-process queue). */
  sendQueueUrl: string | undefined;
  /** Confirmation outbox URL: the Api queues signups' confirmation emails here (AWS only; locally in-process). */
  confirmQueueUrl: string | undefined;
  /** Emails per second; undefined means "ask SES for the account's MaxSendRate". */
  sendRate: number | undefined;
  /** Send consumers running at once (the queue consumer's reserved concurrency on AWS). */
  sendConsumers: number;
  /** True inside a Lambda deployed by SST. */
  onAws: boolean;
  /**
   * True when a local command was told (`--aws`) to use the deployed stage's resources through
   * SST links, as `npx sst shell --stage STAGE` provides them: no local endpoints. Never set by
   * the environment alone.
   */
  linkedStage: boolean;
  /** Served through CloudFront (infra/cdn.ts): the reader's address comes from the edge's header. */
  behindCdn: boolean;
  /** Where the local stack keeps its data (repository root `.data/`). */
  dataDir: string;
  /** The key that signs subscriber tokens (TOKEN_SECRET). */
  tokenSecret: string;
  /** Older token keys that still verify (TOKEN_SECRET_PREVIOUS, comma-separated): links sent before a rotation. */
  tokenSecretPrevious: string[];
  /** The newsletter's themes file (THEMES_FILE); undefined: the shipped `templates/themes.json`. */
  themesFile: string | undefined;
  /** The editors who may sign in to the desk (ADMIN_EMAILS), lower-cased; none on AWS unless set. */
  adminEmails: string[];
  /** When a send pauses itself to protect the sender's reputation (send/reputation.ts). */
  guard: { bounceRate: number; complaintRate: number; minSends: number };
  /** REVIEW: "on", the weekly job builds a draft for the editors to approve; "off", it sends at once. */
  review: "off" | "on";
  /** REVIEW_DEADLINE: what the next week's job does with a draft still unapproved. */
  reviewDeadline: "skip" | "send";
}

type Env = Record<string, string | undefined>;

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const seedFeed = join(repoRoot, "templates", "feeds", "scmp-semiconductors.xml");

/** Values SST links into a Lambda; undefined when the resource is not linked. */
function linked<T>(name: string): T | undefined {
  try {
    return (Resource as unknown as Record<string, T>)[name];
  } catch {
    return undefined;
  }
}

function localTokenSecret(dataDir: string): string {
  const file = join(dataDir, "token-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    // wx: if another process won the race, keep theirs.
    try {
      writeFileSync(file, secret + "\n", { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}

function list(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function oneOf<T extends string>(name: string, raw: string | undefined, values: readonly [T, ...T[]]): T {
  if (raw === undefined) return values[0];
  const value = raw.trim().toLowerCase();
  if (!(values as readonly string[]).includes(value)) {
    throw new Error(`${name} must be ${values.join(" or ")}, got "${raw}"`);
  }
  return value as T;
}

function positiveNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

// The SDK warns on every command that it will soon want Node 22; Lambda runs 22 already, and a
// laptop on Node 20 is supported until then. Set the variable to "false" to see the warning.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export interface ReadOptions {
  /** Use the deployed stage's resources (SST links, e.g. under `sst shell`): asked for explicitly. */
  linkedStage?: boolean;
}

/** Reads the configuration from an environment (default: this process's). An empty value is unset. */
export function readConfig(raw: Env = process.env, { linkedStage = false }: ReadOptions = {}): Config {
  const env: Env = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const onAws = Boolean(env.AWS_LAMBDA_FUNCTION_NAME && env.SST_RESOURCE_App);
  const dataDir = env.TIDINGS_DATA_DIR ?? join(repoRoot, ".data");
  const port = positiveNumber("PORT", env.PORT) ?? 3000;
  const table = linked<{ name: string }>("Table");
  const email = linked<{ sender: string; configSet: string }>("Email");
  const queue = linked<{ url: string }>("SendQueue");
  const confirmQueue = linked<{ url: string }>("ConfirmQueue");
  const secret = linked<{ value: string }>("TokenSecret");
  const previousSecrets = linked<{ value: string }>("TokenSecretPrevious");
  const api = linked<{ url: string }>("Api");
  const cdn = linked<{ url: string }>("Cdn");
  if (linkedStage && !table) {
    throw new Error(
      "the deployed stage's table is not linked here: run the command through `npx sst shell --stage STAGE -- …`",
    );
  }
  const deployed = onAws || linkedStage;
  const local = (value: string | undefined, fallback: string) => (deployed ? value : (value ?? fallback));

  let tokenSecret: string | undefined = env.TOKEN_SECRET ?? secret?.value;
  return {
    feeds: (env.FEEDS ?? seedFeed)
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
    // On AWS without PUBLIC_URL: the CloudFront URL (linked; the app's own URL before the CDN), or,
    // in the app itself, the request's origin (an empty value here; see app.ts).
    publicUrl: (env.PUBLIC_URL ?? cdn?.url ?? api?.url ?? (onAws ? "" : `http://localhost:${port}`)).replace(
      /\/+$/,
      "",
    ),
    port,
    host: env.HOST ?? "127.0.0.1",
    sender: env.SENDER ?? email?.sender ?? "Tidings <digest@tidings.localhost>",
    digestTimezone: env.DIGEST_TIMEZONE ?? "UTC",
    postalAddress: env.POSTAL_ADDRESS ?? "Tidings, 1 Example Street, Springfield",
    tableName: env.TABLE_NAME ?? table?.name ?? "tidings",
    region: env.AWS_REGION ?? "us-east-1",
    dynamodbEndpoint: local(env.DYNAMODB_ENDPOINT, "http://127.0.0.1:8000"),
    sesEndpoint: local(env.SES_ENDPOINT, "http://127.0.0.1:8005"),
    sesConfigurationSet: env.SES_CONFIGURATION_SET ?? email?.configSet,
    sendQueueUrl: env.SEND_QUEUE_URL ?? queue?.url,
    confirmQueueUrl: env.CONFIRM_QUEUE_URL ?? confirmQueue?.url,
    sendRate: positiveNumber("SEND_RATE", env.SEND_RATE),
    sendConsumers: positiveNumber("SEND_CONSUMERS", env.SEND_CONSUMERS) ?? 4,
    onAws,
    linkedStage,
    behindCdn: onAws && cdn !== undefined,
    dataDir,
    // Relative to the working directory: the repository root locally, the bundle on AWS.
    themesFile: env.THEMES_FILE === undefined ? undefined : resolve(env.THEMES_FILE),
    adminEmails: (env.ADMIN_EMAILS ?? (onAws ? "" : "editor@tidings.localhost"))
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
    // SES reviews an account at 5% bounces or 0.1% complaints: pause before it does.
    guard: {
      bounceRate: (positiveNumber("GUARD_BOUNCE_PERCENT", env.GUARD_BOUNCE_PERCENT) ?? 4) / 100,
      complaintRate: (positiveNumber("GUARD_COMPLAINT_PERCENT", env.GUARD_COMPLAINT_PERCENT) ?? 0.08) / 100,
      minSends: positiveNumber("GUARD_MIN_SENDS", env.GUARD_MIN_SENDS) ?? 200,
    },
    tokenSecretPrevious: list(env.TOKEN_SECRET_PREVIOUS ?? previousSecrets?.value),
    review: oneOf("REVIEW", env.REVIEW, ["off", "on"]),
    reviewDeadline: oneOf("REVIEW_DEADLINE", env.REVIEW_DEADLINE, ["skip", "send"]),
    get tokenSecret() {
      // On AWS a missing link is a deploy mistake: say so, rather than write to a read-only disk.
      if (!tokenSecret && onAws) throw new Error("TokenSecret is not linked to this function (sst.config.ts)");
      return (tokenSecret ??= localTokenSecret(dataDir));
    },
  };
}

let current: Config | undefined;

/** This process's configuration, read once. */
export function config(): Config {
  return (current ??= readConfig());
}
