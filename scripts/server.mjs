// The app's own HTTP server (`npm start`; `npm run dev` passes --dev): Next's request handler
// behind node:http, so the app can learn the client's address from the TCP connection. Next's
// own server copies a client-sent X-Forwarded-For through unchanged and keeps the socket address
// only when there is none, which lets any client choose the address in audit entries and in the
// per-address sign-in throttle. Here every request runs inside an AsyncLocalStorage holding the
// socket's address and TLS flag, published under a global symbol that lib/http/connection.ts
// reads (the app bundle gets its own module instances, so a shared import would not work).
//
// Plain JavaScript on purpose: it must start from `npm ci && npm run build` without tsx.
// Settings: PORT (3000), HOSTNAME (all interfaces), and TLS_CERT_FILE + TLS_KEY_FILE (PEM) to
// serve HTTPS directly.
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const dev = process.argv.includes("--dev");
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;
const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile } = process.env;

if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a port number between 1 and 65535 (got "${process.env.PORT}")`);
  process.exit(1);
}
if (Boolean(certFile) !== Boolean(keyFile)) {
  console.error("TLS_CERT_FILE and TLS_KEY_FILE are set together (to serve HTTPS) or not at all.");
  process.exit(1);
}
process.env.NODE_ENV = dev ? "development" : "production";

const connection = new AsyncLocalStorage();
globalThis[Symbol.for("prework.connection")] = connection;

const app = next({ dev, dir, hostname: hostname ?? "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function onRequest(req, res) {
  const socket = /** @type {import("node:net").Socket & { encrypted?: boolean }} */ (req.socket);
  const facts = Object.freeze({ remoteAddress: socket.remoteAddress, encrypted: socket.encrypted === true });
  connection.run(facts, () => {
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
}

const server = certFile && keyFile ? https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, onRequest) : http.createServer(onRequest);

server.listen(port, hostname, () => {
  const shown = hostname ? (hostname.includes(":") ? `[${hostname}]` : hostname) : "localhost";
  console.log(`> Pre-Work ${dev ? "dev" : "production"} server on ${certFile ? "https" : "http"}://${shown}:${port}`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  await app.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
