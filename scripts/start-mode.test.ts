import { describe, expect, it } from "vitest";
import { DEPLOYMENT_SETTINGS, startMode } from "./start-mode.mjs";

describe("npm start's choice of services", () => {
  it("starts the local stack only in an environment without any deployment setting", () => {
    expect(startMode({ PATH: "/usr/bin", PORT: "3000" })).toMatchObject({ local: true });
    for (const name of DEPLOYMENT_SETTINGS) expect(startMode({ [name]: "x" }), name).toMatchObject({ local: false, reason: `${name} is set` });
    expect(startMode({ AUTH_SECRET: "", AWS_REGION: "" })).toMatchObject({ local: true });
  });

  it("obeys PREWORK_LOCAL_STACK either way and refuses anything else", () => {
    expect(startMode({ PREWORK_LOCAL_STACK: "off" })).toMatchObject({ local: false });
    expect(startMode({ PREWORK_LOCAL_STACK: "on", AUTH_SECRET: "x".repeat(40), AWS_REGION: "eu-west-1" })).toMatchObject({ local: true });
    expect(() => startMode({ PREWORK_LOCAL_STACK: "yes" })).toThrow(/must be "on" or "off"/);
  });
});
