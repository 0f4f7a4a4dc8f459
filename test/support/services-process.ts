/**
 * The local services in a process of their own, as `npm start` runs them while a command
 * sends: `node --import tsx test/support/services-process.ts` prints its endpoints as JSON.
 */
import { startServices } from "@tidings/local/services";

const services = await startServices();
process.stdout.write(
  JSON.stringify({ dynamodbEndpoint: services.dynamodbEndpoint, sesEndpoint: services.sesEndpoint }) + "\n",
);
process.on("SIGTERM", () => void services.close().then(() => process.exit(0)));
