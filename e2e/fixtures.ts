// Import `test` and `expect` from here, not from @playwright/test: baseURL comes from the
// environment the global setup prepared (the config file may be evaluated before it ran).
import { expect, test as base } from "@playwright/test";

export const test = base.extend({
  // (The fixture callback is named `supply`, not `use`, which the React hooks lint rule claims.)
  baseURL: async ({}, supply) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error("E2E_BASE_URL is not set: run the tests through `npm run test:e2e` (e2e/global-setup.ts sets it)");
    await supply(url);
  },
});

export { expect };
