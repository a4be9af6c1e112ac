// scripts/measure-editor.ts imports the user factories from this path, and that script is not
// this branch's to change: it should import e2e/fixtures/users.ts, after which this file goes.
export { makeUser, signIn } from "./fixtures/users";
