// A proxy in front of DynamoDB Local that counts the requests it forwards: the app runs
// unmodified against it, and a page's DynamoDB calls are the count's growth over its requests.
// It also names each call (operation, table, index), so that a page's calls can be read as a
// list ("GetItem sessions, GetItem users, Query users/Directory-Created-Index").
import http from "node:http";

export interface CountingProxy {
  calls: () => number;
  /** The calls forwarded since `since` (a value of calls()), named. */
  namedSince: (since: number) => string[];
  close: () => void;
}

/** "GetItem users" from the request's target header and body; table prefixes dropped. */
function nameOf(target: string | undefined, body: Buffer, prefix: string): string {
  const operation = (target ?? "?").split(".").pop() ?? "?";
  try {
    const input = JSON.parse(body.toString("utf8")) as { TableName?: string; IndexName?: string; RequestItems?: Record<string, unknown>; TransactItems?: unknown[] };
    const tables = input.TableName ? [input.TableName] : Object.keys(input.RequestItems ?? {});
    const where = tables.map((t) => t.replace(prefix, "")).join("+") + (input.IndexName ? `/${input.IndexName}` : "");
    if (input.TransactItems) return `${operation} (${input.TransactItems.length} items)`;
    return `${operation} ${where}`.trim();
  } catch {
    return operation;
  }
}

export function countingProxy(target: string, port: number, tablePrefix = ""): Promise<CountingProxy> {
  const named: string[] = [];
  const { hostname, port: targetPort } = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      named.push(nameOf(req.headers["x-amz-target"] as string | undefined, body, tablePrefix));
      const upstream = http.request({ hostname, port: targetPort, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
      });
      upstream.on("error", () => res.destroy());
      upstream.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () =>
      resolve({
        calls: () => named.length,
        namedSince: (since) => named.slice(since),
        close: () => {
          server.close();
          agent.destroy();
        },
      }),
    ),
  );
}
