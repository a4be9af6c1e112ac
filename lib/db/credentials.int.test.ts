import { randomUUID } from "node:crypto";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { verifySignIn } from "@/lib/auth/sign-in";
import { db, table } from "./client";
import { getCredentialsByEmail } from "./user-sign-in";
import { createUser, getUser } from "./users";
import { listUsers } from "./user-directory";

const PASSWORD = "a password long enough to pass";
const ctx = { actorId: "credentials-test", userAgent: "vitest" };

const rawUser = async (id: string) => (await db().send(new GetCommand({ TableName: table("users"), Key: { id }, ConsistentRead: true }))).Item;
const rawCredentials = async (userId: string) => (await db().send(new GetCommand({ TableName: table("credentials"), Key: { userId }, ConsistentRead: true }))).Item;

describe("credentials apart from the user item", () => {
  it("keeps the hash in the credentials item only: the whole user item, lists and reads never hold it", async () => {
    const email = `cred-${randomUUID()}@example.com`;
    const user = await createUser({ email, name: "Apart", role: "user", passwordHash: await hashPassword(PASSWORD) }, ctx);
    expect(Object.keys((await rawUser(user.id))!)).not.toContain("passwordHash");
    expect((await rawCredentials(user.id))?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(await getUser(user.id, { consistent: true }))).not.toContain("argon2");
    expect(JSON.stringify((await listUsers({ q: "Apart" }, { limit: 100 })).items)).not.toContain("argon2");

    expect((await getCredentialsByEmail(email))?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifySignIn(email, PASSWORD, { ipAddress: `192.0.2.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" })).toMatchObject({ ok: true });
  });

  it("moves a hash written on the user item before the credentials table, at its next sign-in", async () => {
    const email = `legacy-${randomUUID()}@example.com`;
    const user = await createUser({ email, name: "Legacy", role: "user" }, ctx);
    const hash = await hashPassword(PASSWORD);
    await db().send(new UpdateCommand({ TableName: table("users"), Key: { id: user.id }, UpdateExpression: "SET passwordHash = :h", ExpressionAttributeValues: { ":h": hash } }));
    expect(await getCredentialsByEmail(email)).toMatchObject({ passwordHash: hash, legacyHash: true });

    expect(await verifySignIn(email, PASSWORD, { ipAddress: `192.0.2.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" })).toMatchObject({ ok: true });
    expect(Object.keys((await rawUser(user.id))!)).not.toContain("passwordHash");
    expect((await rawCredentials(user.id))?.passwordHash).toBe(hash);
    expect(await getCredentialsByEmail(email)).toMatchObject({ passwordHash: hash, legacyHash: false });
  });
});
