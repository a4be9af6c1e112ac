"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldFrame } from "@/components/ui/field-frame";
import { createTemplateAction } from "@/lib/actions/templates/template-actions";
import { ActionError, callAction, messageOf } from "@/lib/types/action-result";

// A template typed (or pasted) as its JSON document: the schema's problems come back keyed by
// path ("fields.2.key") and are listed under the box, which keeps what was typed.

interface Problems {
  message: string;
  byPath: Array<[string, string[]]>;
}

function problemsOf(failure: unknown): Problems {
  const byPath = failure instanceof ActionError ? Object.entries(failure.fieldErrors) : [];
  return { message: messageOf(failure), byPath };
}

export function RawTemplateForm({ initial }: { initial: string }) {
  const router = useRouter();
  const [text, setText] = useState(initial);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = () =>
    startTransition(async () => {
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        setProblems({ message: "This is not valid JSON.", byPath: [["document", [error instanceof Error ? error.message : "It could not be read."]]] });
        return;
      }
      try {
        const created = await callAction(() => createTemplateAction({ template: document }));
        toast.success(`Created “${created.title}”.`);
        router.push("/admin/templates");
      } catch (failure) {
        setProblems(problemsOf(failure));
      }
    });

  const summary = problems?.byPath.map(([path, messages]) => `${path === "" || path === "form" ? "document" : path}: ${messages.join(" ")}`) ?? [];
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Alert tone="error">{problems?.message}</Alert>
      <FieldFrame label="Template document (JSON)" hint="schemaVersion, title, profileType, fields and checklist, as in the sample." errors={summary}>
        {(control) => (
          <textarea {...control} value={text} onChange={(event) => setText(event.target.value)} rows={24} spellCheck={false} className={`${control.className} font-mono text-xs`} />
        )}
      </FieldFrame>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create template"}
        </Button>
      </div>
    </form>
  );
}
