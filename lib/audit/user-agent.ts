import Bowser from "bowser";

/** "Chrome 131 on macOS 14.2", or null when the agent says nothing recognisable. */
export function describeUserAgent(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ");
  const os = [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(" ");
  if (!browser && !os) return null;
  return browser && os ? `${browser} on ${os}` : browser || os;
}
