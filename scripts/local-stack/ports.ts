// Port checks for the local stack: a free port for tests, and a refusal with instructions when a
// fixed port is taken (a leftover server there would otherwise be talked to as if it were ours).
import net from "node:net";
import { LocalStackError } from "./errors";

/** A TCP port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not determine a free port"))));
    });
  });
}

/** Something accepts connections on 127.0.0.1:port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The port can be bound on every interface (dual stack), as the JVM and Next will do. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function isPortFree(port: number): Promise<boolean> {
  return !(await answers(port)) && (await bindable(port));
}

/**
 * Fails with a message that says what to do when `port` is taken. `what` names the service,
 * `envVar` the variable that moves it elsewhere.
 */
export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  if (await isPortFree(port)) return;
  const leftover = /next/i.test(what)
    ? { name: "Next (next-server)", find: "pgrep -af next-server" }
    : /dynamo/i.test(what)
      ? { name: "DynamoDB Local (java)", find: "pgrep -af DynamoDBLocal" }
      : { name: "`npm run dev` (node, which runs s3rver)", find: "pgrep -af scripts/dev.ts" };
  throw new LocalStackError(
    [
      `Port ${port} (${what}) is already in use.`,
      `A ${leftover.name} process left over from an earlier run that did not shut down may still hold it.`,
      `  see who:  lsof -i :${port}   (or: fuser ${port}/tcp, ${leftover.find})`,
      `  free it:  fuser -k ${port}/tcp`,
      `or pick another port with ${envVar}=<port>.`,
    ].join("\n"),
  );
}
