"use client";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { formatUtc } from "@/components/ui/format-date";

export type Delivery = "sent" | "not_configured" | "failed";

interface InviteLinkProps {
  url: string;
  expiresAt: string;
  email: string;
  emailed?: Delivery;
}

const DELIVERY: Record<Delivery, string | null> = {
  sent: "It was also emailed to",
  failed: "Emailing it failed: send it yourself to",
  not_configured: null,
};

/**
 * A one-time set-password link for the inviter to pass on: read-only, selectable, with a Copy
 * button that falls back to selecting the text where the clipboard is not available.
 */
export function InviteLink({ url, expiresAt, email, emailed }: InviteLinkProps) {
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  const selectLink = () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  };

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      setCopied(true);
      toast.success("Link copied to the clipboard.");
    } catch {
      selectLink();
      toast("The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  }

  const delivery = emailed ? DELIVERY[emailed] : null;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium text-strong">
        Set-password link
      </label>
      <div className="flex gap-2">
        <input
          ref={inputRef}
          id={inputId}
          readOnly
          value={url}
          aria-describedby={hintId}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          className="min-w-0 flex-1 rounded-md border border-control bg-canvas px-3 py-2 font-mono text-xs text-fg"
        />
        <Button variant="secondary" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p id={hintId} className="text-xs text-muted">
        Works once; expires <time dateTime={expiresAt}>{formatUtc(expiresAt)}</time>.
        {delivery ? (
          <>
            {" "}
            {delivery} <span className="font-medium">{email}</span>.
          </>
        ) : null}
      </p>
    </div>
  );
}
