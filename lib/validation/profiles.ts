import { z } from "zod";
import { customFieldsSchema } from "./custom-fields";
import { plainText } from "./text";

export const PROFILE_TYPES = ["personal", "professional", "custom"] as const;
export type ProfileTypeInput = (typeof PROFILE_TYPES)[number];

const id = z.uuid({ error: "Unknown profile." });
export const profileNameSchema = plainText("Profile name", 100);
export const profileTypeSchema = z.enum(PROFILE_TYPES, { error: "Choose a type." });

/** Name and type, as the forms edit them (the actions parse them again inside their own schemas). */
export const profileDetailsSchema = z.object({ name: profileNameSchema, type: profileTypeSchema });
export type ProfileDetailsInput = z.input<typeof profileDetailsSchema>;
export type ProfileDetails = z.output<typeof profileDetailsSchema>;

export const createProfileSchema = z.object({
  userId: z.uuid({ error: "Unknown user." }),
  name: profileNameSchema,
  type: profileTypeSchema,
  customFields: customFieldsSchema.default({}),
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
