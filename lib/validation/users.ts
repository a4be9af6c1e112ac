import { z } from "zod";
import { plainText } from "./text";

export const ROLES = ["admin", "manager", "user"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { error: "Choose a role." });

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
  .min(12, "Password must be at least 12 characters.")
  .max(256, "Password must be at most 256 characters.");

export const signInSchema = z.object({
  email: emailSchema,
  // Sign-in checks only that something was typed: length rules belong to setting a password.
  password: z.string().min(1, "Password is required.").max(256, "Password is too long."),
});

export const createUserSchema = z.object({
  name: userNameSchema,
  email: emailSchema,
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;
