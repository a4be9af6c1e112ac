// HSTS and Secure cookies follow how the request really arrived. A second server with TLS (a
// certificate made here with openssl) shows them on; the plain-HTTP e2e server shows that a
// client claiming HTTPS through X-Forwarded-Proto does not turn them on (TRUST_PROXY=none).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../scripts/local-stack";
import { type AppServer, startAppServer } from "./fixtures/app-server";
import { expect, test } from "./fixtures";
import { makeUser, PASSWORD } from "./fixtures/users";

const HSTS = "max-age=63072000; includeSubDomains";

test.describe("over HTTPS", () => {
  // One HTTPS server for both tests: kept in one worker, in order.
  test.describe.configure({ mode: "default" });
  let server: AppServer;
  let certDir: string;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    certDir = mkdtempSync(path.join(tmpdir(), "prework-tls-"));
    const [cert, key] = [path.join(certDir, "cert.pem"), path.join(certDir, "key.pem")];
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    const logDir = path.join(__dirname, "..", "test-results");
    // AUTH_URL empty: next-auth then decides from the request, which is what is under test.
    server = await startAppServer({ port: await freePort(), env: { TLS_CERT_FILE: cert, TLS_KEY_FILE: key, AUTH_URL: "", AUTH_TRUST_HOST: "true", TRUST_PROXY: "none" }, logFile: path.join(logDir, "next-server-https.log") });
  });

  test.afterAll(async () => {
    await server?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  test("pages carry HSTS and next-auth's cookies are Secure, even if the client claims plain HTTP", async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: server.url, ignoreHTTPSErrors: true, extraHTTPHeaders: { "X-Forwarded-Proto": "http" } });
    const page = await request.get("/sign-in");
    expect(page.headers()["strict-transport-security"]).toBe(HSTS);
    const csrf = await request.get("/api/auth/csrf");
    const cookies = csrf.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    expect(cookies.find((c) => c.startsWith("__Host-authjs.csrf-token="))).toMatch(/; Secure/);
    expect(cookies.some((c) => c.startsWith("authjs."))).toBe(false);
    await request.dispose();
  });

  test("a browser signs in over HTTPS with a __Secure- session cookie that pages then read", async ({ browser }) => {
    const user = await makeUser("user");
    const context = await browser.newContext({ baseURL: server.url, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
    const session = (await context.cookies()).find((c) => c.name.includes("session-token"));
    expect(session).toMatchObject({ name: "__Secure-authjs.session-token", secure: true, httpOnly: true });
    await context.close();
  });
});

test("over plain HTTP a forged X-Forwarded-Proto: https gets no HSTS and no Secure cookies", async ({ request }) => {
  const headers = { "X-Forwarded-Proto": "https" };
  const page = await request.get("/sign-in", { headers });
  expect(page.headers()["strict-transport-security"]).toBeUndefined();
  const csrf = await request.get("/api/auth/csrf", { headers });
  const cookies = csrf.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  const token = cookies.find((c) => c.includes("authjs.csrf-token="));
  expect(token).toMatch(/^authjs\.csrf-token=/);
  expect(token).not.toMatch(/; Secure/i);
});
