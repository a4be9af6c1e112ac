// What passkey forms and actions take in, parsed again on the server. WebAuthn responses are
// bounded here (base64url only, lengths capped) before any of it is decoded or verified.
import { z } from "zod";

/** The extension results the app reads (credProps: whether the passkey is discoverable); the rest are dropped. */
const extensionResults = z.object({ credProps: z.object({ rk: z.boolean().optional() }).optional() }).default({});

const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, "must be base64url");

export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the passkey a name, such as the device it is on.")
  .max(60, "Use at most 60 characters.")
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Use letters, digits and punctuation only.");

/** The name and the passwordless choice, checked before the browser's passkey dialog opens. */
export const newPasskeySchema = z.object({
  name: passkeyNameSchema,
  passwordless: z.boolean().default(false),
});
export type NewPasskeyInput = z.input<typeof newPasskeySchema>;

// Names only ("internal", "hybrid", "usb"…): browsers add new ones, so any short lower-case word.
const transports = z.array(z.string().regex(/^[a-z-]{1,20}$/)).max(8).optional();

/** RegistrationResponseJSON as @simplewebauthn/browser's startRegistration returns it. */
export const registrationResponseSchema = z.object({
  id: base64url(1366),
  rawId: base64url(1366),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url(4096),
    attestationObject: base64url(16_384),
    transports,
    authenticatorData: base64url(16_384).optional(),
    publicKey: base64url(4096).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: extensionResults,
});

/** AuthenticationResponseJSON as startAuthentication returns it. */
export const authenticationResponseSchema = z.object({
  id: base64url(1366),
  rawId: base64url(1366),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url(4096),
    authenticatorData: base64url(16_384),
    signature: base64url(2048),
    userHandle: base64url(512).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: extensionResults,
});

export const registerPasskeySchema = newPasskeySchema.extend({ response: registrationResponseSchema });

export const passkeyIdSchema = z.object({ credentialId: base64url(1366) });

/** A sign-in with a passkey: the response as JSON text, and for a second factor the password step's challenge. */
export const passkeySignInSchema = z.object({
  response: z.string().max(40_000),
  challenge: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
});
