import { z } from "zod";
import { PASSWORD_RULES } from "./password";
import { plainText } from "./text";

export const ROLES = ["admin", "manager", "user"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { error: "Choose a role." });

/** A user as the app reads them (the stored item without its password hash or session generation). */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  lastSignInAt: z.string().optional(),
  /** The default profile's avatar object (kept by lib/db/profile-default.ts); pages link it through /api/avatars. */
  avatarKey: z.string().optional(),
  /** Which profile is the default (kept by lib/db/profiles.ts). */
  defaultProfileId: z.string().optional(),
});
export type User = z.infer<typeof userSchema>;

/** Emails are stored trimmed and lower-cased: one person, one spelling. */
export const emailSchema = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid email address." }));

export const userNameSchema = plainText("Name", 100);

export const passwordSchema = z
  .string({ error: "Password is required." })
  .max(256, "Password must be at most 256 characters.")
  .superRefine((password, ctx) => {
    for (const rule of PASSWORD_RULES) {
      if (!rule.test(password)) ctx.addIssue({ code: "custom", message: `Password needs: ${rule.label.toLowerCase()}.` });
    }
  });

export const signInSchema = z.object({
  email: emailSchema,
  // Sign-in checks only that something was typed: length rules belong to setting a password.
  password: z.string().min(1, "Password is required.").max(256, "Password is too long."),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const createUserSchema = z.object({
  name: userNameSchema,
  email: emailSchema,
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

const id = z.uuid({ error: "Unknown user." });
const version = z.number({ error: "Reload the page and try again." }).int().min(1);

export const updateUserSchema = z.object({
  id,
  version,
  name: userNameSchema,
  email: emailSchema,
  role: roleSchema,
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const setUserActiveSchema = z.object({ id, version, active: z.boolean() });
export const userIdSchema = z.object({ id });

export const USER_STATUSES = ["active", "inactive"] as const;
export const USER_SORTS = ["created", "name"] as const;

/** The users list's filters, as they appear in the URL (unknown values are dropped). */
export const userFilterSchema = z.object({
  role: roleSchema.optional().catch(undefined),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  q: z
    .string()
    .transform((v) => v.normalize("NFC").trim().slice(0, 100) || undefined)
    .optional()
    .catch(undefined),
  sort: z.enum(USER_SORTS).optional().catch(undefined),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
});
/** A users-list view, the one type the URL, this schema and the repository share: absent keys mean no filter and the default sort. */
export type UserFilter = z.infer<typeof userFilterSchema>;

export const listUsersSchema = z.object({
  filter: userFilterSchema,
  cursor: z.string().max(4096).nullish(),
});

export const BULK_OPERATIONS = ["deactivate", "reactivate", "set_role"] as const;
export const MAX_BULK_IDS = 1000;

export const bulkUsersSchema = z
  .object({
    operation: z.enum(BULK_OPERATIONS),
    role: roleSchema.optional(),
    /** Either the selected rows, or every user matching the filter. */
    ids: z.array(id).min(1, "Select at least one user.").max(MAX_BULK_IDS, `Select at most ${MAX_BULK_IDS} users.`).optional(),
    filter: userFilterSchema.optional(),
  })
  .refine((v) => Boolean(v.ids) !== Boolean(v.filter), { message: "Choose rows or all matching users.", path: ["ids"] })
  .refine((v) => v.operation !== "set_role" || v.role, { message: "Choose a role.", path: ["role"] });
export type BulkUsersInput = z.infer<typeof bulkUsersSchema>;

export const setPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "The passwords do not match.", path: ["confirm"] });
