// What the TCP connection itself says about a request: the peer's address and whether it was
// TLS. Only the production/dev server (scripts/server.mjs) knows this; it runs every request
// inside an AsyncLocalStorage that it publishes under a global symbol, because the app bundle
// and the server script load separate module instances. No header is involved, so a client
// cannot forge it; under plain `next start` (or on Vercel/Amplify) there is none.

export interface ConnectionInfo {
  remoteAddress?: string;
  encrypted: boolean;
}

export const CONNECTION_STORE = Symbol.for("prework.connection");

interface Store {
  getStore(): ConnectionInfo | undefined;
}

export function currentConnection(): ConnectionInfo | undefined {
  const store = (globalThis as { [CONNECTION_STORE]?: Store })[CONNECTION_STORE];
  return store?.getStore();
}
