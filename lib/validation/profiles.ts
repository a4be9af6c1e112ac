import { z } from "zod";
import { customFieldsSchema } from "@/lib/custom-fields/schema";
import { normalizeProfileName, PROFILE_NAME_REQUIRED, PROFILE_TYPE_REQUIRED, PROFILE_TYPES, profileNameProblem } from "./profile-details";

// The name and type rules live in profile-details.ts (zod-free, so the forms can use them in the
// browser); these schemas wrap the same functions for the server actions.
export { PROFILE_TYPES, type ProfileTypeInput } from "./profile-details";

const id = z.uuid({ error: "Unknown profile." });
export const profileNameSchema = z
  .string({ error: PROFILE_NAME_REQUIRED })
  .transform(normalizeProfileName)
  .superRefine((name, ctx) => {
    const problem = profileNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
export const profileTypeSchema = z.enum(PROFILE_TYPES, { error: PROFILE_TYPE_REQUIRED });

/** Name and type alone (the forms check them with checkProfileDetails, the same rules). */
export const profileDetailsSchema = z.object({ name: profileNameSchema, type: profileTypeSchema });

export const createProfileSchema = z.object({
  userId: z.uuid({ error: "Unknown user." }),
  name: profileNameSchema,
  type: profileTypeSchema,
  customFields: customFieldsSchema.default({}),
  /** Made from this active template (of the same type), or blank when absent. */
  templateId: z.string().trim().min(1).max(64).optional(),
});

export const updateProfileSchema = z.object({
  id,
  version: z.number().int().min(1),
  name: profileNameSchema,
  type: profileTypeSchema,
  customFields: customFieldsSchema,
});
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

export const profileIdSchema = z.object({ id });

/** For route segments: profile and user ids are UUIDs; anything else is simply not found. */
export const isUuid = (value: string) => z.uuid().safeParse(value).success;
