/**
 * One process at a time owns `.data/`: LevelDB cannot be opened twice, and a clear message beats
 * a lock error from deep inside dynalite. The lock file also tells other commands where the
 * running stack's services listen.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface StackInfo {
  pid: number;
  /** "start" for `npm start`, else the command that holds the data directory. */
  owner: string;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  appUrl?: string;
}

const lockFile = (dataDir: string) => join(dataDir, "stack.lock");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live owner of the data directory, if any (a lock left by a dead process is ignored). */
export function readLock(dataDir: string): StackInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockFile(dataDir), "utf8")) as StackInfo;
    return alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the data directory for this process, or returns the live owner that holds it. */
export function acquireLock(
  dataDir: string,
  info: Omit<StackInfo, "pid">,
): { held: true } | { held: false; owner: StackInfo } {
  mkdirSync(dataDir, { recursive: true });
  const body = JSON.stringify({ pid: process.pid, ...info }, null, 2);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile(dataDir), body, { flag: "wx" });
      return { held: true };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = readLock(dataDir);
      if (owner) return { held: false, owner };
      unlinkSync(lockFile(dataDir)); // stale: its process is gone
    }
  }
  throw new Error(`could not take ${lockFile(dataDir)}`);
}

/** Rewrites the lock once the real endpoints are known. */
export function updateLock(dataDir: string, info: Omit<StackInfo, "pid">): void {
  writeFileSync(lockFile(dataDir), JSON.stringify({ pid: process.pid, ...info }, null, 2));
}

export function releaseLock(dataDir: string): void {
  const owner = readLock(dataDir);
  if (!owner || owner.pid === process.pid) {
    try {
      unlinkSync(lockFile(dataDir));
    } catch {
      /* already gone */
    }
  }
}
