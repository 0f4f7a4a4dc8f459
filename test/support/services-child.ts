/** The local services in a child process of their own (services-process.ts), for the benches. */
import { runTs, type Running } from "./processes.ts";

export interface ChildServices {
  dynamodbEndpoint: string;
  sesEndpoint: string;
  process: Running;
}

/** Starts the services in a child process and resolves with their endpoints. Stop it with `process.stop("SIGTERM")`. */
export async function startServicesProcess(): Promise<ChildServices> {
  const child = runTs("test/support/services-process.ts", [], {});
  await child.waitFor("}\n");
  const announced = child
    .output()
    .split("\n")
    .find((line) => line.startsWith("{"))!;
  return { ...(JSON.parse(announced) as { dynamodbEndpoint: string; sesEndpoint: string }), process: child };
}
