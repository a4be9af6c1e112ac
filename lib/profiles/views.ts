// The shapes of profiles as the client components receive them (pages map the repository's
// Profile onto these; components never import lib/db).
import type { ProfileDraft } from "./rebase";
import { isJsonObject, type JsonObject } from "@/lib/custom-fields/validation";
import { isProfileType, type ProfileTypeInput } from "@/lib/validation/profile-details";

export interface ProfileData {
  id: string;
  userId: string;
  name: string;
  type: ProfileTypeInput;
  customFields: JsonObject;
  isDefault: boolean;
  updatedAt: string;
  version: number;
}

/** What a card shows: no custom fields (they can be large and the list does not need them). */
export type ProfileSummary = Omit<ProfileData, "customFields"> & {
  fieldCount: number;
  avatarUrl?: string | null;
  /** The background image, shown as the card's banner. */
  backgroundUrl?: string | null;
  /** An avatar or background is set (deleting the profile deletes them too). */
  hasImages?: boolean;
};

export const TYPE_LABELS: Record<ProfileTypeInput, string> = { personal: "Personal", professional: "Professional", custom: "Custom" };

export function toProfileData(profile: ProfileData): ProfileData {
  const { id, userId, name, type, customFields, isDefault, updatedAt, version } = profile;
  return { id, userId, name, type, customFields, isDefault, updatedAt, version };
}

export function toSummary(profile: ProfileData & { avatarFileId?: string; backgroundFileId?: string }, avatarUrl?: string | null, backgroundUrl?: string | null): ProfileSummary {
  const { customFields, ...rest } = toProfileData(profile);
  return { ...rest, fieldCount: Object.keys(customFields).length, avatarUrl: avatarUrl ?? null, backgroundUrl: backgroundUrl ?? null, hasImages: Boolean(profile.avatarFileId || profile.backgroundFileId) };
}

export function draftOf(profile: Pick<ProfileData, "name" | "type" | "customFields">): ProfileDraft {
  return { name: profile.name, type: profile.type, customFields: profile.customFields };
}

/** A conflict's `latest` arrives untyped over the wire: check it before trusting it. */
export function isProfileData(value: unknown): value is ProfileData {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === "string" &&
    typeof v.name === "string" &&
    typeof v.version === "number" &&
    isProfileType(v.type) &&
    isJsonObject(v.customFields)
  );
}
