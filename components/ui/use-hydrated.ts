"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the form. Submit buttons stay
 * disabled until then: a submission before hydration would be the browser's own (the forms say
 * method="post" so that even then nothing typed, a new password included, lands in a URL), and
 * react-hook-form replaces what was typed before hydration with the form's starting values.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
