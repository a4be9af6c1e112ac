// The single source of truth for every DynamoDB table: keys, global secondary indexes and the
// TTL attribute. Local setup (scripts/), the tests and the CDK app (lib/infra/) are all generated from
// this description, so they cannot drift apart. Names follow ../shared/spec/database-schema.md;
// where a spec index cannot work as written the comment says what was done instead and why.

export type KeyType = "S" | "N";

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** Name without the configured prefix. */
  baseName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes: IndexDefinition[];
  /** Epoch-seconds attribute DynamoDB's TTL deletes items by. */
  ttlAttribute?: string;
  /** A change stream for lib/storage/file-stream.ts (Lambda on AWS, a poller locally). */
  stream?: "OLD_IMAGE";
}

const s = (name: string): KeyAttribute => ({ name, type: "S" });

export const TABLES = {
  users: {
    baseName: "users",
    partitionKey: s("id"),
    indexes: [
      { name: "Email-Index", partitionKey: s("email") },
      // Sorted by creation so a role's users come back in a stable order.
      { name: "Role-Index", partitionKey: s("role"), sortKey: s("createdAt") },
      // A Query needs one exact partition key, so "all users" lists hang off a constant
      // `directory` attribute rather than a Scan: one index per sort order, and the name and
      // email ones also serve case-insensitive prefix search (begins_with on the sort key).
      { name: "Directory-Created-Index", partitionKey: s("directory"), sortKey: s("createdAt") },
      // `nameKey` = lower-cased name + "#" + id (unique, so equal names still page stably).
      { name: "Directory-Name-Index", partitionKey: s("directory"), sortKey: s("nameKey") },
      { name: "Directory-Email-Index", partitionKey: s("directory"), sortKey: s("email") },
    ],
  },
  // Search by the start of any word of a name or email (lib/db/user-search.ts): one item per
  // word of each user, keyed by the word's first letter and sorted by word then name, written
  // in the same transaction as the user change. A table of its own rather than more user GSIs:
  // a GSI indexes one value per item, and a user has several words.
  userSearch: {
    baseName: "user-search",
    partitionKey: s("bucket"),
    sortKey: s("term"),
    indexes: [],
  },
  // Password hashes, apart from the user item (docs/architecture.md §4): only lib/auth reads
  // them (lib/db/credentials.ts), so no projection of a user anywhere can carry one.
  credentials: {
    baseName: "credentials",
    partitionKey: s("userId"),
    indexes: [],
  },
  // One-time set-password links, one per user: issuing a new link replaces the old one, so the
  // old link stops working. Only a hash of the secret is stored; TTL removes expired links.
  invites: {
    baseName: "invites",
    partitionKey: s("userId"),
    indexes: [],
    ttlAttribute: "expiresAtEpoch",
  },
  // Small counters that transactions must condition on, such as the number of active admins
  // (the last one can be neither demoted nor deactivated, even by two requests at once).
  // Also the audit log's daily counters per action group (`audit-day#YYYY-MM-DD#shard`), kept
  // in the same transaction as the entries, so the activity chart reads 30 days without
  // reading the entries.
  counters: {
    baseName: "counters",
    partitionKey: s("key"),
    indexes: [],
    ttlAttribute: "expiresAtEpoch",
  },
  // Guard items that make an email unique: a GSI cannot enforce uniqueness, so every create and
  // email change puts `email -> userId` here with attribute_not_exists in the same transaction.
  // Sign-in reads it with ConsistentRead, which a GSI cannot offer.
  userEmails: {
    baseName: "user-emails",
    partitionKey: s("email"),
    indexes: [],
  },
  userProfiles: {
    baseName: "user-profiles",
    partitionKey: s("id"),
    indexes: [
      { name: "UserId-Index", partitionKey: s("userId"), sortKey: s("createdAt") },
      // The spec's composite index on userId + isDefault: a GSI key cannot be a boolean, so the
      // item keeps `isDefault: boolean` and mirrors it into the string `defaultFlag` ("1"/"0").
      { name: "UserId-Default-Index", partitionKey: s("userId"), sortKey: s("defaultFlag") },
      // Every user's progress on one template (issue #14), sparse: only template-based profiles
      // carry `templateId`. `progressKey` orders open ones by due date, then done ones
      // (lib/templates/checklist-core.ts progressKeyOf), so open / overdue / done are key ranges.
      { name: "Template-Progress-Index", partitionKey: s("templateId"), sortKey: s("progressKey") },
    ],
  },
  auditLogs: {
    baseName: "audit-logs",
    partitionKey: s("id"),
    indexes: [
      { name: "UserId-Timestamp-Index", partitionKey: s("userId"), sortKey: s("timestamp") },
      { name: "Action-Timestamp-Index", partitionKey: s("action"), sortKey: s("timestamp") },
      // Whose data was touched, so a user's page shows what was done to them too.
      { name: "TargetUserId-Timestamp-Index", partitionKey: s("targetUserId"), sortKey: s("timestamp") },
      // The spec's Timestamp-Index: a Query needs one exact partition key, so entries are
      // bucketed by UTC month (`month` = YYYY-MM) and read newest first, walking back a month
      // at a time. Months rather than days bound the walk across quiet periods (at most
      // retention/30 + 1 Queries) at the cost of one GSI partition per month taking all writes
      // (about 1,000 writes/s in DynamoDB): ample for an admin console's audit trail.
      { name: "Timestamp-Index", partitionKey: s("month"), sortKey: s("timestamp") },
    ],
    ttlAttribute: "expiresAtEpoch",
  },
  files: {
    baseName: "files",
    partitionKey: s("id"),
    indexes: [{ name: "UploadedBy-Index", partitionKey: s("uploadedBy"), sortKey: s("createdAt") }],
    ttlAttribute: "expiresAtEpoch",
    // When TTL removes an expired file or an abandoned upload, the stream hands the removed item
    // to the handler that deletes its S3 object and audits it: storage stays clean by itself.
    stream: "OLD_IMAGE",
  },
  // Server-side sessions: the Auth.js cookie only names one (lib/auth/session.ts). The key is a
  // SHA-256 of the secret the cookie carries, so reading this table yields no usable session.
  // `expiresAtEpoch` slides with activity up to an absolute limit; TTL removes dead sessions.
  sessions: {
    baseName: "sessions",
    partitionKey: s("id"),
    indexes: [{ name: "UserId-Index", partitionKey: s("userId"), sortKey: s("createdAt") }],
    ttlAttribute: "expiresAtEpoch",
  },
  // Sign-ins waiting for their second factor (lib/db/sign-in-challenges.ts): the password was
  // right, no session exists yet. Keyed by a SHA-256 of the secret the browser holds, single-use
  // (deleted in the sign-in's own transaction) and gone after five minutes.
  signInChallenges: {
    baseName: "sign-in-challenges",
    partitionKey: s("id"),
    indexes: [],
    ttlAttribute: "expiresAtEpoch",
  },
  // Passkeys (WebAuthn credentials, lib/db/passkeys.ts), one item per credential under its
  // user: the user's list is one strongly consistent Query, and a passwordless sign-in finds its
  // credential by the user handle the authenticator returns (the user id) and the credential id.
  passkeys: {
    baseName: "passkeys",
    partitionKey: s("userId"),
    sortKey: s("credentialId"),
    indexes: [],
  },
  // Pre-work templates' metadata (lib/db/templates.ts); the document itself is in S3. Lists are
  // one status at a time, most recently changed first.
  templates: {
    baseName: "templates",
    partitionKey: s("id"),
    indexes: [{ name: "Status-Updated-Index", partitionKey: s("status"), sortKey: s("updatedAt") }],
  },
  // Failed sign-in counters per email and per IP (stateless app servers keep no memory).
  rateLimits: {
    baseName: "rate-limits",
    partitionKey: s("key"),
    indexes: [],
    ttlAttribute: "expiresAtEpoch",
  },
} as const satisfies Record<string, TableDefinition>;

export type TableId = keyof typeof TABLES;

/** The names of one table's indexes, as TABLES declares them. */
export type IndexName<T extends TableId> = (typeof TABLES)[T]["indexes"][number]["name"];

type TablesWithIndexes = { [T in TableId]: IndexName<T> extends never ? never : T }[TableId];

/**
 * Every index under a short name, for the code that queries it (`INDEX.users.role`). A name
 * that is not one of its table's indexes fails to compile, and so does an index left out.
 */
export const INDEX = {
  users: {
    email: "Email-Index",
    role: "Role-Index",
    directoryByCreated: "Directory-Created-Index",
    directoryByName: "Directory-Name-Index",
    directoryByEmail: "Directory-Email-Index",
  },
  userProfiles: { byUser: "UserId-Index", defaultOfUser: "UserId-Default-Index", progressOfTemplate: "Template-Progress-Index" },
  auditLogs: {
    byActor: "UserId-Timestamp-Index",
    byAction: "Action-Timestamp-Index",
    byTarget: "TargetUserId-Timestamp-Index",
    byMonth: "Timestamp-Index",
  },
  files: { byUploader: "UploadedBy-Index" },
  sessions: { byUser: "UserId-Index" },
  templates: { byStatus: "Status-Updated-Index" },
} as const satisfies { [T in TablesWithIndexes]: Record<string, IndexName<T>> };

type Unnamed = { [T in TablesWithIndexes]: Exclude<IndexName<T>, (typeof INDEX)[T][keyof (typeof INDEX)[T]]> }[TablesWithIndexes];
// Compiles only while Unnamed is never, i.e. while INDEX names every index of TABLES.
const everyIndexNamed: [Unnamed] extends [never] ? true : { unnamedIndex: Unnamed } = true;
void everyIndexNamed;

/** The key attributes of one index (what its LastEvaluatedKey holds besides the table key). */
export function indexKey<T extends TableId>(id: T, index: IndexName<T>): { partitionKey: string; sortKey?: string } {
  const definition = (TABLES[id].indexes as readonly IndexDefinition[]).find((i) => i.name === index);
  if (!definition) throw new Error(`No index ${index} on ${id}`);
  return { partitionKey: definition.partitionKey.name, ...(definition.sortKey ? { sortKey: definition.sortKey.name } : {}) };
}

export function tableName(prefix: string, id: TableId): string {
  return `${prefix}${TABLES[id].baseName}`;
}
