"use server";
import { revalidatePath } from "next/cache";
import { createProfile, makeDefaultProfile } from "@/lib/db/profiles";
import { createProfileFromTemplate, saveProfile } from "@/lib/templates/checklist";
import { deleteProfileWithImages } from "@/lib/profiles/delete-profile";
import { createProfileSchema, profileIdSchema, updateProfileSchema } from "@/lib/validation/profiles";
import { action } from "../safe-action";
import { profileSubject, userSubject } from "@/lib/auth/subjects";

function revalidateProfiles(userId: string) {
  revalidatePath("/profiles", "layout");
  revalidatePath(`/admin/users/${userId}`, "layout");
}

export const createProfileAction = action(createProfileSchema, async ({ userId, templateId, ...input }, { user, audit }) => {
  const owner = await userSubject(user, userId, "profiles.manage");
  const profile = templateId ? await createProfileFromTemplate(owner.id, input, templateId, audit) : await createProfile(owner.id, input, audit);
  revalidateProfiles(owner.id);
  return profile;
});

export const updateProfileAction = action(updateProfileSchema, async ({ id, version, ...patch }, { user, audit }) => {
  const { owner, profile: current } = await profileSubject(user, id);
  const profile = await saveProfile(current, version, patch, audit);
  revalidateProfiles(owner.id);
  return profile;
});

export const getProfileAction = action(profileIdSchema, async ({ id }, { user }) => (await profileSubject(user, id)).profile);

export const makeDefaultProfileAction = action(profileIdSchema, async ({ id }, { user, audit }) => {
  const { owner } = await profileSubject(user, id);
  const profile = await makeDefaultProfile(id, audit);
  revalidateProfiles(owner.id);
  return profile;
});

export const deleteProfileAction = action(profileIdSchema, async ({ id }, { user, audit }) => {
  const { owner } = await profileSubject(user, id);
  const result = await deleteProfileWithImages(id, audit);
  revalidateProfiles(owner.id);
  return result;
});
