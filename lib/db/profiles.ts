import "server-only";
import { randomUUID } from "node:crypto";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { diff } from "@/lib/audit/diff";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { type JsonObject, type JsonValue, keyOrder, withKeyOrder } from "@/lib/custom-fields/validation";
import { PROFILE_TYPES, type ProfileTypeInput } from "@/lib/validation/profiles";
import { type AuditContext, auditPut } from "./audit";
import { batchGetAll } from "./batch-get";
import { db, table } from "./client";
import { type FileMetadata, getFile, getFilesByIds } from "./files";
import { defaultProfileIdOf, defaultStateOf, flagProfile, PROFILE_ADDED, runDefaultChange, setDefaultOnUser, withDefaultRetry } from "./profile-default";
import { CHECKLIST_PROJECTION, checklistAttributes, checklistWrite, ChecklistMoved } from "./checklist";
import { INDEX } from "./tables";
import type { Template } from "@/lib/templates/schema";
import { transact, type TransactItem } from "./transact";

// The profiles repository: a user's profiles, one of them the default whenever there is one
// (how that stays true under racing requests: lib/db/profile-default.ts).

export type ProfileType = ProfileTypeInput;

export const profileSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  type: z.enum(PROFILE_TYPES),
  customFields: z.record(z.string(), z.unknown()),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** Files (lib/db/files.ts) shown as the profile's avatar and background. */
  avatarFileId: z.string().optional(),
  backgroundFileId: z.string().optional(),
  /** Made from a template (issue #14): which one, at which version and document; its checklist's state (lib/db/checklist.ts). */
  templateId: z.string().optional(),
  templateVersion: z.number().int().optional(),
  templateDocumentId: z.string().optional(),
  ...checklistAttributes,
});
export type Profile = Omit<z.infer<typeof profileSchema>, "customFields"> & { customFields: JsonObject };

const PROJECTION = `id, userId, #name, #type, customFields, customFieldsOrder, isDefault, createdAt, updatedAt, version, avatarFileId, backgroundFileId, templateId, templateVersion, templateDocumentId, ${CHECKLIST_PROJECTION}`;
const NAMES = { "#name": "name", "#type": "type" };
const MAX_PROFILES = 20;
const STALE = "This profile was changed by someone else since you opened it.";

// Stored as JSON text: its keys are dotted paths, and the root's path is the empty string,
// which DynamoDB does not accept as a map key.
const orderSchema = z
  .string()
  .transform((text) => JSON.parse(text) as unknown)
  .pipe(z.record(z.string(), z.array(z.string())))
  .catch({});
const storedOrder = (fields: JsonObject) => JSON.stringify(keyOrder(fields));

function toProfile(item: Record<string, unknown>): Profile {
  const parsed = profileSchema.parse(item);
  const order = orderSchema.parse(item.customFieldsOrder ?? "{}");
  return { ...parsed, customFields: withKeyOrder(parsed.customFields as JsonObject, order) as JsonObject };
}

export async function getProfile(id: string, options: { consistent?: boolean } = {}): Promise<Profile | null> {
  const out = await db().send(
    new GetCommand({ TableName: table("userProfiles"), Key: { id }, ProjectionExpression: PROJECTION, ExpressionAttributeNames: NAMES, ConsistentRead: options.consistent ?? false }),
  );
  return out.Item ? toProfile(out.Item) : null;
}

/** A user's profiles, oldest first (a user has at most 20, so one Query holds them all). */
export async function listProfiles(userId: string): Promise<Profile[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: table("userProfiles"),
      IndexName: INDEX.userProfiles.byUser,
      KeyConditionExpression: "userId = :u",
      ExpressionAttributeValues: { ":u": userId },
      ExpressionAttributeNames: NAMES,
      ProjectionExpression: PROJECTION,
      Limit: MAX_PROFILES + 1,
    }),
  );
  return (out.Items ?? []).map(toProfile);
}

/** The default profile through UserId-Default-Index (the spec's access pattern). */
export async function getDefaultProfile(userId: string): Promise<Profile | null> {
  const out = await db().send(
    new QueryCommand({
      TableName: table("userProfiles"),
      IndexName: INDEX.userProfiles.defaultOfUser,
      KeyConditionExpression: "userId = :u AND defaultFlag = :yes",
      ExpressionAttributeValues: { ":u": userId, ":yes": "1" },
      ExpressionAttributeNames: NAMES,
      ProjectionExpression: PROJECTION,
      Limit: 1,
    }),
  );
  const item = out.Items?.[0];
  return item ? toProfile(item) : null;
}

export interface NewProfile {
  name: string;
  type: ProfileType;
  customFields: JsonObject;
  /** The template it is made from, read by the caller (lib/templates/checklist.ts). */
  from?: { templateId: string; version: number; documentId: string; template: Template };
}

/** Creates a profile; a user's first profile becomes the default. */
export async function createProfile(userId: string, input: NewProfile, ctx: AuditContext): Promise<Profile> {
  const existing = await listProfiles(userId);
  if (existing.length >= MAX_PROFILES) throw new ConflictError(`A user can have at most ${MAX_PROFILES} profiles.`);
  return withDefaultRetry(async () => {
    const currentDefault = await defaultProfileIdOf(userId);
    const now = new Date();
    const profile: Profile = {
      id: randomUUID(),
      userId,
      name: input.name,
      type: input.type,
      customFields: input.customFields,
      isDefault: currentDefault === null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    let checklistItem: Record<string, unknown> = {};
    if (input.from) {
      const { templateId, version, documentId, template } = input.from;
      const write = checklistWrite(profile, template, { customFields: profile.customFields, documents: {}, acks: {}, doneAt: {} }, now);
      Object.assign(profile, { templateId, templateVersion: version, templateDocumentId: documentId, ...write.attributes });
      checklistItem = { templateId, templateVersion: version, templateDocumentId: documentId, ...write.attributes };
    }
    const items: TransactItem[] = [
      {
        Put: {
          TableName: table("userProfiles"),
          Item: { ...profile, ...checklistItem, defaultFlag: profile.isDefault ? "1" : "0", customFieldsOrder: storedOrder(profile.customFields) },
          ConditionExpression: "attribute_not_exists(id)",
        },
      },
      // Either claim the default (none yet) or check that one still exists; both count the add.
      profile.isDefault
        ? setDefaultOnUser(userId, null, profile.id, { added: true, avatarKey: null })
        : {
            Update: {
              TableName: table("users"),
              Key: { id: userId },
              UpdateExpression: PROFILE_ADDED,
              ConditionExpression: "defaultProfileId = :d",
              ExpressionAttributeValues: { ":d": currentDefault, ":one": 1 },
            },
          },
      auditPut(ctx, { action: "profile.created", targetUserId: userId, details: { profileId: profile.id, name: profile.name, type: profile.type, isDefault: profile.isDefault, ...(input.from ? { templateId: input.from.templateId } : {}) } }, now),
    ];
    const outcome = await runDefaultChange(items, 1, (codes) => new Error(`createProfile cancelled: ${codes.join(",")}`));
    return outcome === "ok" ? profile : "retry";
  });
}

export interface ProfilePatch {
  name?: string;
  type?: ProfileType;
  customFields?: JsonObject;
}

/**
 * Name, type and custom fields, with optimistic locking on `version`. The audit entry has the
 * spec's shape: `changes` by dotted path (customFields.department) and `affectedFields`; a
 * change of key order alone is recorded as `reordered`.
 */
export async function updateProfile(
  id: string,
  expectedVersion: number,
  patch: ProfilePatch,
  ctx: AuditContext,
  /** The profile's template (when it has one, read by the caller): its progress moves in the same transaction. */
  template?: Template | null,
): Promise<Profile> {
  // A checklist change elsewhere (a document ready, an acknowledgement) between the read and the
  // write refuses the write without the person's version being stale: read again and redo.
  for (let attempt = 1; ; attempt++) {
    try {
      return await updateProfileOnce(id, expectedVersion, patch, ctx, template ?? null);
    } catch (error) {
      if (!(error instanceof ChecklistMoved) || attempt >= 4) throw error instanceof ChecklistMoved ? new ConflictError("This profile's checklist is changing elsewhere right now. Try again.") : error;
    }
  }
}

async function updateProfileOnce(id: string, expectedVersion: number, patch: ProfilePatch, ctx: AuditContext, template: Template | null): Promise<Profile> {
  const current = await getProfile(id, { consistent: true });
  if (!current) throw new NotFoundError("This profile does not exist.");
  if (current.version !== expectedVersion) throw new ConflictError(STALE, undefined, current);
  const next: Profile = {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.type !== undefined ? { type: patch.type } : {}),
    ...(patch.customFields !== undefined ? { customFields: patch.customFields } : {}),
  };
  const changeSet = diff(
    { name: current.name, type: current.type, customFields: current.customFields },
    { name: next.name, type: next.type, customFields: next.customFields },
  );
  const reordered = JSON.stringify(keyOrder(current.customFields)) !== JSON.stringify(keyOrder(next.customFields));
  if (!changeSet.affectedFields.length && !reordered) return current;

  const now = new Date();
  const updated: Profile = { ...next, updatedAt: now.toISOString(), version: current.version + 1 };
  const checklist = template && current.templateId ? checklistWrite(current, template, { customFields: updated.customFields }, now) : null;
  if (checklist) Object.assign(updated, checklist.attributes);
  await transact(
    [
      {
        Update: {
          TableName: table("userProfiles"),
          Key: { id },
          UpdateExpression: `SET #name = :name, #type = :type, customFields = :fields, customFieldsOrder = :order, updatedAt = :now, version = :next${checklist ? `, ${checklist.set}` : ""}`,
          ConditionExpression: `version = :expected${checklist ? ` AND ${checklist.condition}` : ""}`,
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: {
            ...(checklist?.values ?? {}),
            ":name": updated.name,
            ":type": updated.type,
            ":fields": updated.customFields,
            ":order": storedOrder(updated.customFields),
            ":now": updated.updatedAt,
            ":next": updated.version,
            ":expected": expectedVersion,
          },
        },
      },
      auditPut(
        ctx,
        {
          action: "profile.updated",
          targetUserId: current.userId,
          details: {
            profileId: id,
            changes: changeSet.changes,
            affectedFields: reordered && !changeSet.affectedFields.includes("customFields") ? [...changeSet.affectedFields, "customFields"] : changeSet.affectedFields,
            ...(reordered ? { reordered: true } : {}),
          },
        },
        now,
      ),
    ],
    (codes) => (codes[0] === "ConditionalCheckFailed" ? (checklist ? new MaybeChecklistMoved() : new ConflictError(STALE)) : new Error(`updateProfile cancelled: ${codes.join(",")}`)),
  ).catch(async (error: unknown) => {
    if (!(error instanceof MaybeChecklistMoved)) throw error;
    // Which condition failed: the person's version, or only the checklist's revision.
    const latest = await getProfile(id, { consistent: true });
    if (!latest || latest.version !== expectedVersion) throw new ConflictError(STALE);
    throw new ChecklistMoved();
  });
  return updated;
}

/** The key of a profile's avatar object, as the user item shows it when the profile is the default. */
export async function avatarKeyOf(profile: { id: string; userId: string; avatarFileId?: string }): Promise<string | null> {
  if (!profile.avatarFileId) return null;
  const file = await getFile(profile.avatarFileId, { consistent: true });
  const belongs = file?.status === "ready" && file.purpose === "avatar" && file.profileId === profile.id;
  return belongs ? file.s3Key : null;
}

/** Makes a profile the default: the old one is unset in the same transaction. */
export async function makeDefaultProfile(id: string, ctx: AuditContext): Promise<Profile> {
  return withDefaultRetry(async () => {
    const profile = await getProfile(id, { consistent: true });
    if (!profile) throw new NotFoundError("This profile does not exist.");
    const currentDefault = await defaultProfileIdOf(profile.userId);
    if (currentDefault === id) return profile;
    const now = new Date().toISOString();
    const avatarKey = await avatarKeyOf(profile);
    const items: TransactItem[] = [
      setDefaultOnUser(profile.userId, currentDefault, id, { avatarKey }),
      // Its avatar as read for the user item: a newer one completed meanwhile is decided again.
      flagProfile(id, profile.userId, true, now, profile.avatarFileId ?? null),
      ...(currentDefault ? [flagProfile(currentDefault, profile.userId, false, now)] : []),
      auditPut(ctx, { action: "profile.default_changed", targetUserId: profile.userId, details: { profileId: id, previousProfileId: currentDefault } }),
    ];
    const outcome = await runDefaultChange(items, 0, () => new NotFoundError("This profile no longer exists."), [1]);
    return outcome === "ok" ? { ...profile, isDefault: true, updatedAt: now, version: profile.version + 1 } : "retry";
  });
}

class ProfileMoved extends Error {}
class MaybeChecklistMoved extends Error {}

/** A profile's avatar and background file ids, as the profile item names them. */
const imageIdsOf = (profile: Profile) => [profile.avatarFileId, profile.backgroundFileId].filter((fileId): fileId is string => Boolean(fileId));

/**
 * The profile item's delete, on condition that it still names exactly the images read: an image
 * completed meanwhile refuses it (and is then taken along on the retry), and a completion after
 * it finds no profile and is refused, so no image outlives its profile.
 */
function removeProfile(profile: Profile): TransactItem {
  const values: Record<string, string> = {};
  const conditions = ["attribute_exists(id)"];
  for (const field of ["avatarFileId", "backgroundFileId"] as const) {
    const fileId = profile[field];
    if (fileId) values[`:${field}`] = fileId;
    conditions.push(fileId ? `${field} = :${field}` : `attribute_not_exists(${field})`);
  }
  return {
    Delete: {
      TableName: table("userProfiles"),
      Key: { id: profile.id },
      ConditionExpression: conditions.join(" AND "),
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
  };
}

/**
 * Deletes a profile with its avatar and background file items, returned so that the caller
 * deletes their objects (lib/profiles/delete-profile.ts); deleting the default promotes the most
 * recently updated remaining one.
 */
export async function deleteProfile(id: string, ctx: AuditContext): Promise<{ promoted: string | null; removedImages: FileMetadata[] }> {
  return withDefaultRetry(async () => {
    const profile = await getProfile(id, { consistent: true });
    if (!profile) throw new NotFoundError("This profile does not exist.");
    const { defaultId: currentDefault, profileAdds } = await defaultStateOf(profile.userId);
    const now = new Date().toISOString();
    const remove = removeProfile(profile);
    const removedImageIds = imageIdsOf(profile);
    // Read for their keys: the caller deletes their objects once the items are gone.
    const removedImages = removedImageIds.length ? [...(await getFilesByIds(removedImageIds, { consistent: true })).values()] : [];
    let promoted: string | null = null;
    let items: TransactItem[];
    if (currentDefault === id) {
      const rest = (await listProfiles(profile.userId)).filter((p) => p.id !== id).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const next = rest[0];
      promoted = next?.id ?? null;
      const avatarKey = next ? await avatarKeyOf(next) : null;
      // A profile created after the list was read would be left without a default: the count
      // of adds read before the list refuses the transaction then, and it is decided again.
      items = [
        setDefaultOnUser(profile.userId, id, promoted, { addsSeen: profileAdds, avatarKey }),
        remove,
        ...(next ? [flagProfile(next.id, profile.userId, true, now, next.avatarFileId ?? null)] : []),
      ];
    } else {
      // Still not the default at commit time.
      items = [
        { ConditionCheck: { TableName: table("users"), Key: { id: profile.userId }, ConditionExpression: "defaultProfileId <> :id", ExpressionAttributeValues: { ":id": id } } },
        remove,
      ];
    }
    items.push(...removedImageIds.map((fileId): TransactItem => ({ Delete: { TableName: table("files"), Key: { id: fileId } } })));
    items.push(
      auditPut(ctx, {
        action: "profile.deleted",
        targetUserId: profile.userId,
        details: { profileId: id, name: profile.name, promotedProfileId: promoted, ...(removedImageIds.length ? { removedFileIds: removedImageIds } : {}) },
      }),
    );
    try {
      const outcome = await runDefaultChange(
        items,
        0,
        (codes) => (codes[items.indexOf(remove)] === "ConditionalCheckFailed" ? new ProfileMoved() : new NotFoundError("This profile no longer exists.")),
        promoted ? [2] : [],
      );
      return outcome === "ok" ? { promoted, removedImages } : "retry";
    } catch (error) {
      // Gone, or its images changed meanwhile: read again (a gone profile is then refused).
      if (error instanceof ProfileMoved) return "retry";
      throw error;
    }
  });
}

export type { JsonValue };

/** Names of many profiles in one BatchGetItem per 100 ids (timelines resolve them per page). */
export async function getProfileNames(ids: readonly string[]): Promise<Map<string, string>> {
  const name = table("userProfiles");
  const found = await batchGetAll({
    [name]: { Keys: [...new Set(ids)].map((id) => ({ id })), ProjectionExpression: "id, #name", ExpressionAttributeNames: { "#name": "name" } },
  });
  return new Map((found.get(name) ?? []).map((item) => [String(item.id), String(item.name)]));
}
