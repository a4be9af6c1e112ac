"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button, buttonClasses } from "@/components/ui/button";
import { placeServerErrors } from "@/components/ui/server-errors";
import { createUserAction } from "@/lib/actions/users/create-user";
import { callAction } from "@/lib/types/action-result";
import { createUserSchema, type Role } from "@/lib/validation/users";
import { type Delivery, InviteLink } from "./invite-link";
import { UserForm } from "./user-form";

type Input = z.input<typeof createUserSchema>;
type Output = z.output<typeof createUserSchema>;

interface Created {
  user: { id: string; name: string; email: string };
  inviteUrl: string;
  expiresAt: string;
  emailed?: Delivery;
}

/** Creates a user and shows the one-time set-password link for the inviter to pass on. */
export function CreateUserForm({ roles }: { roles: Role[] }) {
  const defaultRole: Role = roles.includes("user") ? "user" : roles[0]!;
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: "", email: "", role: defaultRole },
  });
  const { register, handleSubmit, setError, reset, formState } = form;
  const [serverError, setServerError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (created) resultHeading.current?.focus();
  }, [created]);

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const data = await callAction(() => createUserAction(values));
      setCreated(data);
      toast.success(`${data.user.name} was invited.`);
    } catch (error) {
      // What was typed stays in the form, whatever the failure.
      setServerError(placeServerErrors<Input>(error, ["name", "email", "role"], setError));
    }
  });

  if (created) {
    return (
      <section aria-labelledby="invite-result-heading" className="flex flex-col gap-4 rounded-xl border border-success-line bg-surface p-6">
        <div>
          <h2 id="invite-result-heading" ref={resultHeading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
            Invitation ready
          </h2>
          <p className="mt-1 text-sm text-soft">
            <span className="font-medium">{created.user.name}</span> ({created.user.email}) has an account. Give them this link to set their
            password.
          </p>
        </div>
        <InviteLink url={created.inviteUrl} expiresAt={created.expiresAt} email={created.user.email} emailed={created.emailed} />
        <div className="flex flex-wrap gap-2">
          <Link href={`/admin/users/${created.user.id}`} className={buttonClasses("primary")}>
            Go to user
          </Link>
          <Button
            variant="secondary"
            onClick={() => {
              reset({ name: "", email: "", role: defaultRole });
              setServerError(null);
              setCreated(null);
            }}
          >
            Invite another
          </Button>
        </div>
      </section>
    );
  }

  return (
    <UserForm
      onSubmit={onSubmit}
      className="flex max-w-xl flex-col gap-4 rounded-xl border border-subtle bg-surface p-6"
      message={serverError}
      formState={formState}
      idPrefix="create-user"
      register={register}
      roles={roles}
      roleHint={roles.length === 1 ? "You may create users with the user role only." : undefined}
      unsavedMessage="The new user is not created yet: what you typed will be lost."
      submitLabel="Create user and link"
      pendingLabel="Creating…"
    />
  );
}
