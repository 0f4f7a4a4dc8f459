/**
 * Runs sst.config.ts and infra/ without SST or AWS: a stand-in for the few SST globals they use
 * records every component and every function as declared (handler, copyFiles, nodejs, environment,
 * links by name). The Lambda check builds and runs what this returns, so a copyFiles entry or a
 * link removed from infra/ is removed from the check too.
 */
import { execFile } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

export interface DeclaredFunction {
  /** The component that runs it: "Api", "ConfirmQueue", "HandleSesEvents", "WeeklyDigest" … */
  name: string;
  /** What invokes it: its function URL, a queue, the SNS topic or the scheduler. */
  trigger: "url" | "sqs" | "sns" | "schedule";
  handler: string;
  runtime: string;
  architecture: string;
  environment: Record<string, string>;
  /** Names of the linked components (Table, TokenSecret, Api …). */
  links: string[];
  copyFiles: { from: string; to?: string }[];
  nodejs: { install?: string[] | Record<string, string>; [key: string]: unknown };
  memory?: string;
  timeout?: string;
  /** A cron's `event` (what EventBridge Scheduler passes as the function's event). */
  event?: unknown;
  /** Everything else the function was given (permissions, transform …), for comparison. */
  args: Record<string, unknown>;
}

export interface DeclaredComponent {
  type: string;
  name: string;
  args: unknown;
}

export interface Declared {
  components: DeclaredComponent[];
  functions: DeclaredFunction[];
  /** What `run()` returned (the stack outputs), with stand-in values. */
  outputs: unknown;
}

const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * A stand-in for a component: its name, a type like SST's (`sst.aws.Queue`), an ARN and URL,
 * and the underlying resources infra/alarms.ts reads (`nodes.queue.name`, `nodes.function.name`).
 */
class Component {
  readonly arn: string;
  readonly url: string;
  readonly name: string;
  readonly nodes: { queue: { name: string }; function: { name: string } };
  constructor(
    readonly type: string,
    readonly componentName: string,
  ) {
    this.arn = `arn:stand-in:${componentName}`;
    this.url = `https://stand-in/${componentName}`;
    this.name = componentName;
    this.nodes = { queue: { name: componentName }, function: { name: `${componentName}Function` } };
  }
}

function describeFunction(
  name: string,
  trigger: DeclaredFunction["trigger"],
  args: Record<string, unknown>,
  event?: unknown,
): DeclaredFunction {
  const { handler, runtime, architecture, environment, link, copyFiles, nodejs, memory, timeout, ...rest } =
    args as Partial<Omit<DeclaredFunction, "links" | "args">> & { link?: Component[] };
  return {
    name,
    trigger,
    handler: handler ?? "",
    runtime: runtime ?? "",
    architecture: architecture ?? "",
    environment: environment ?? {},
    links: (link ?? []).map((c) => c.componentName),
    copyFiles: copyFiles ?? [],
    nodejs: nodejs ?? {},
    ...(memory ? { memory } : {}),
    ...(timeout ? { timeout } : {}),
    ...(trigger === "schedule" ? { event: event ?? {} } : {}),
    args: rest,
  };
}

let evaluated = false;

/**
 * Evaluates `configFile` (default sst.config.ts) with `env` as the deploy-time environment, and
 * returns what it declares. ES modules are evaluated once: once per process (or vitest file).
 */
export async function declaredInfra(
  env: Record<string, string>,
  configFile = `${root}sst.config.ts`,
): Promise<Declared> {
  if (evaluated) throw new Error("declaredInfra: infra/ can be evaluated once per process");
  evaluated = true;
  const components: DeclaredComponent[] = [];
  const functions: DeclaredFunction[] = [];
  const record = (type: string, name: string, args: unknown) => {
    components.push({ type, name, args });
    return new Component(type, name);
  };
  const component = (type: string) =>
    function (this: unknown, name: string, args?: unknown) {
      return record(type, name, args);
    } as unknown as new (name: string, args?: unknown) => Component;

  class Queue extends Component {
    constructor(name: string, args?: unknown) {
      super("sst.aws.Queue", name);
      components.push({ type: this.type, name, args });
    }
    subscribe(args: Record<string, unknown>, options?: unknown) {
      functions.push(describeFunction(this.componentName, "sqs", { ...args, subscription: options }));
      return new Component("sst.aws.QueueLambdaSubscriber", `${this.componentName}Subscriber`);
    }
  }
  class SnsTopic extends Component {
    constructor(name: string, args?: unknown) {
      super("sst.aws.SnsTopic", name);
      components.push({ type: this.type, name, args });
    }
    subscribe(name: string, args: Record<string, unknown>, options?: unknown) {
      functions.push(describeFunction(name, "sns", { ...args, subscription: options }));
      return new Component("sst.aws.SnsTopicLambdaSubscriber", name);
    }
  }
  class LambdaFunction extends Component {
    constructor(name: string, args: Record<string, unknown>) {
      super("sst.aws.Function", name);
      components.push({ type: this.type, name, args });
      functions.push(describeFunction(name, args.url ? "url" : "sqs", args));
    }
  }
  class CronV2 extends Component {
    constructor(name: string, args: Record<string, unknown>) {
      super("sst.aws.CronV2", name);
      const { function: fn, event, ...rest } = args;
      components.push({ type: this.type, name, args: rest });
      functions.push(describeFunction(name, "schedule", fn as Record<string, unknown>, event));
    }
  }

  class Router extends Component {
    constructor(name: string, args?: unknown) {
      super("sst.aws.Router", name);
      components.push({ type: this.type, name, args });
    }
  }

  const globals = globalThis as Record<string, unknown>;
  const saved = { sst: globals.sst, aws: globals.aws, $app: globals.$app, $config: globals.$config };
  const savedEnv = { ...process.env };
  globals.sst = {
    Secret: component("sst.sst.Secret"),
    aws: {
      Dynamo: component("sst.aws.Dynamo"),
      Email: component("sst.aws.Email"),
      Queue,
      SnsTopic,
      Function: LambdaFunction,
      CronV2,
      Router,
      dns: (args?: unknown) => ({ dns: "route53", args }),
    },
  };
  // Pulumi's AWS provider, for the resources SST has no component for (alarms, email subscriptions).
  globals.aws = {
    cloudwatch: { MetricAlarm: component("aws.cloudwatch.MetricAlarm") },
    sns: { TopicSubscription: component("aws.sns.TopicSubscription") },
  };
  globals.$app = { name: "tidings", stage: env.SST_STAGE ?? "check" };
  globals.$config = (config: unknown) => config;
  Object.assign(process.env, env);
  try {
    const config = (await import(pathToFileURL(configFile).href)) as {
      default: { run(): Promise<unknown> };
    };
    const outputs = await config.default.run();
    return { components, functions, outputs };
  } finally {
    Object.assign(globals, saved);
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
}

/**
 * What a deploy with `env` as its environment declares, evaluated in a process of its own: for a
 * second deploy once this process has evaluated infra/.
 */
export async function declaredInfraApart(env: Record<string, string>): Promise<Declared> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), JSON.stringify(env)],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Declared;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(
    JSON.stringify(await declaredInfra(JSON.parse(process.argv[2] ?? "{}") as Record<string, string>)),
  );
}
