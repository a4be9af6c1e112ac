// The shapes a second factor may take on the way in, shared by the forms and the actions that
// parse them again. Anything else is refused before it reaches a hash or a comparison.
import { z } from "zod";

/** What a code that proves nothing gets: wrong, spent or replayed are not told apart. */
export const WRONG_SECOND_FACTOR = "That code is not right, or it was already used.";

/** Six digits, as authenticator apps show them; spaces people type between groups are dropped. */
export const totpCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** Ten letters and digits from the recovery alphabet, with or without the dash in the middle, any case. */
export const recoveryCodeSchema = z
  .string()
  .max(32, "That is not a recovery code.")
  .transform((value) => value.replace(/[\s-]+/g, "").toLowerCase())
  .pipe(z.string().regex(/^[0-9a-hjkmnp-tv-z]{10}$/, "That is not a recovery code. It looks like abcde-12345."));

/** A second factor as proof: the authenticator's current code or one unused recovery code. */
export const secondFactorSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("totp"), code: totpCodeSchema }),
  z.object({ method: z.literal("recovery_code"), code: recoveryCodeSchema }),
]);
export type SecondFactorInput = z.input<typeof secondFactorSchema>;
export type SecondFactor = z.output<typeof secondFactorSchema>;

/** The sign-in's second step: the pending challenge the password step issued, and the factor. */
export const secondFactorSignInSchema = z.intersection(
  z.object({ challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This sign-in has expired. Start again.") }),
  secondFactorSchema,
);

/** Confirming an enrolment: the sealed pending secret the server handed out, and a code from it. */
export const confirmEnrolmentSchema = z.object({
  enrolment: z.string().min(1).max(512),
  code: totpCodeSchema,
});
