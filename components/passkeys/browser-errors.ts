// What a person is told when the browser's passkey dialog ends without a passkey. Only the
// error's name is read (a DOMException's, which @simplewebauthn/browser keeps on its
// WebAuthnError): the browser's own message is not for people.

export function browserPasskeyError(error: unknown, ceremony: "create" | "get"): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "InvalidStateError") return "This device already has a passkey for your account.";
  if (name === "NotAllowedError" || name === "AbortError") {
    return ceremony === "create" ? "No passkey was created. The request was cancelled or timed out." : "No passkey was used. The request was cancelled or timed out.";
  }
  if (name === "NotSupportedError" || name === "SecurityError") return "This browser cannot use passkeys for this site.";
  return ceremony === "create" ? "Your device could not create a passkey. Try again." : "Your device could not use a passkey. Try again.";
}
