// Stands in for the `server-only` marker package outside Next (Vitest): lib/ modules import it to
// keep them out of client bundles, which does not apply to tests.
export {};
