// A worker thread's entry: teach it TypeScript (as tsx does for the main thread), then run
// the module named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
