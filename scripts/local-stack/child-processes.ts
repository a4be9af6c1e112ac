// Child processes of the local stack (the DynamoDB Local JVM): killed on process exit and on
// SIGINT/SIGTERM when stop() was not reached, and stopped politely (then forcibly) by stopChild.
//
// Every JVM this process started and has not stopped yet, and the temp dirs to remove with
// them. One set of process listeners serves them all, so several stacks in one process (tests)
// still exit cleanly on a signal.
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

interface Owned {
  child: ChildProcess;
  tempDir: string | null;
}
const owned = new Set<Owned>();

function killAll(signal: NodeJS.Signals): void {
  for (const { child, tempDir } of owned) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

function onExit(): void {
  killAll("SIGKILL");
}

function onSignal(signal: NodeJS.Signals): void {
  // A listener disables Node's default "exit on signal". When nobody else listens, restore that
  // behaviour by re-raising the signal; otherwise the other listener (scripts/dev.ts, Vitest,
  // Playwright) decides when to exit and normally calls stop() on the way.
  if (process.listenerCount(signal) === 1) {
    killAll("SIGKILL");
    unregisterProcessListeners();
    process.kill(process.pid, signal);
  } else {
    killAll("SIGTERM");
  }
}

function registerProcessListeners(): void {
  if (process.listeners("exit").includes(onExit)) return;
  process.on("exit", onExit);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

function unregisterProcessListeners(): void {
  process.off("exit", onExit);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

/** Kills the JVM (and removes tempDir) if Node goes away without stop(). Returns the unregister function. */
export function killOnExit(child: ChildProcess, tempDir: string | null): () => void {
  const entry: Owned = { child, tempDir };
  owned.add(entry);
  registerProcessListeners();
  return () => {
    owned.delete(entry);
    if (owned.size === 0) unregisterProcessListeners();
  };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      try {
        child.kill("SIGKILL");
      } catch {
        // gone already
      }
    }, 3_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      child.kill("SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
