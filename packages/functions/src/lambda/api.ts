import { handle } from "hono/aws-lambda";
import { createContext } from "@tidings/core/context";
import { createApp } from "../app/app.ts";
import { lambdaClientAddress } from "../app/client-address.ts";

export const handler = handle(createApp({ ctx: createContext(), clientAddress: lambdaClientAddress }));
