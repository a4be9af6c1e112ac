"use client";
import type { ComponentProps, ReactNode } from "react";
import { Button } from "./button";
import { useHydrated } from "./use-hydrated";

type SubmitButtonProps = Omit<ComponentProps<typeof Button>, "type"> & {
  /** The form is being sent: the button says `pendingLabel` instead of its children. */
  pending: boolean;
  pendingLabel: ReactNode;
  /** Disabled until React has hydrated the form (see useHydrated). */
  waitForHydration?: boolean;
  /**
   * While pending, aria-disabled instead of disabled and busy: the button keeps keyboard focus
   * (a disabled button drops it).
   */
  keepFocus?: boolean;
};

/** A form's submit button: announced busy and not pressable again while the form is being sent. */
export function SubmitButton({ pending, pendingLabel, waitForHydration = false, keepFocus = false, disabled, children, ...props }: SubmitButtonProps) {
  const hydrated = useHydrated();
  const blocked = Boolean(disabled) || (waitForHydration && !hydrated);
  const state = keepFocus ? { disabled: blocked, "aria-disabled": pending } : { disabled: blocked || pending, "aria-busy": pending };
  return (
    <Button type="submit" {...state} {...props}>
      {pending ? pendingLabel : children}
    </Button>
  );
}
