// A proxy in front of DynamoDB Local that counts the requests it forwards: the app runs
// unmodified against it, and a page's DynamoDB calls are the count's growth over its requests.
import http from "node:http";

export interface CountingProxy {
  calls: () => number;
  close: () => void;
}

export function countingProxy(target: string, port: number): Promise<CountingProxy> {
  let count = 0;
  const { hostname, port: targetPort } = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    count++;
    const upstream = http.request({ hostname, port: targetPort, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 500, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () =>
      resolve({
        calls: () => count,
        close: () => {
          server.close();
          agent.destroy();
        },
      }),
    ),
  );
}
