import { getConnInfo, handle } from "hono/aws-lambda";
import { createContext } from "@tidings/core/context";
import { createApp } from "../app/app.ts";

const app = createApp({ ctx: createContext(), clientAddress: (c) => getConnInfo(c).remote.address ?? "unknown" });

export const handler = handle(app);
