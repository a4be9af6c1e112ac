"use client";
import { useState } from "react";
import { AlertPanel } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { downloadBlob } from "@/components/ui/download";

interface RecoveryCodesProps {
  codes: string[];
  /** The person has saved them: they are not shown again. */
  onDone: () => void;
}

/** New recovery codes, shown this once, with ways to keep them: copy, download. */
export function RecoveryCodes({ codes, onDone }: RecoveryCodesProps) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const text = `Pre-Work recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  return (
    <AlertPanel tone="warning" role="region" className="flex flex-col gap-4">
      <div>
        <h3 className="font-semibold">Save your recovery codes</h3>
        <p className="mt-1 text-sm">
          If you lose your phone, each of these codes signs you in once instead of the authenticator app. They are shown only now: keep them somewhere safe, such as a password manager.
        </p>
      </div>
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md bg-surface p-4 font-mono text-sm text-fg sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(text).then(
              () => setCopied("yes"),
              () => setCopied("failed"),
            )
          }
        >
          Copy codes
        </Button>
        <Button variant="secondary" onClick={() => downloadBlob(new Blob([text], { type: "text/plain" }), "pre-work-recovery-codes.txt")}>
          Download codes
        </Button>
        <Button onClick={onDone}>I have saved my codes</Button>
        <span role="status" className="text-sm">
          {copied === "yes" ? "Copied." : copied === "failed" ? "Could not copy: select the codes instead." : ""}
        </span>
      </div>
    </AlertPanel>
  );
}
