"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { setThemeAction } from "@/lib/actions/profiles/theme-action";
import { callAction, messageOf } from "@/lib/types/action-result";

type Theme = "system" | "light" | "dark";
const CHOICES: Array<{ value: Theme; label: string }> = [
  { value: "system", label: "System" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

/** Shows a theme at once, before the server has saved it; "system" defers to the device. */
function apply(theme: Theme) {
  const root = document.documentElement.classList;
  root.remove("light", "dark");
  if (theme !== "system") root.add(theme);
}

/**
 * The theme choice in the account menu. Saved in the default profile's preferences, which
 * every page reads on the server (lib/profiles/theme.ts), so the next page load has it in its
 * HTML: no flash. A failed save puts the page back and says so.
 */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const router = useRouter();
  const [theme, setTheme] = useState<Theme>(initial);
  const [pending, startTransition] = useTransition();

  function choose(next: Theme) {
    const previous = theme;
    setTheme(next);
    apply(next);
    startTransition(async () => {
      try {
        await callAction(() => setThemeAction({ theme: next }));
        router.refresh();
      } catch (error) {
        setTheme(previous);
        apply(previous);
        toast.error(`The theme could not be saved: ${messageOf(error)}`);
      }
    });
  }

  return (
    <fieldset className="flex flex-col gap-1" aria-busy={pending || undefined}>
      <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Theme</legend>
      <div className="flex gap-1 rounded-lg bg-inset p-1">
        {CHOICES.map((choice) => (
          <label
            key={choice.value}
            className="flex-1 cursor-pointer rounded-md px-2 py-1 text-center text-sm text-soft has-checked:bg-surface has-checked:font-medium has-checked:text-fg has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-indigo-600"
          >
            <input type="radio" name="theme" value={choice.value} checked={theme === choice.value} onChange={() => choose(choice.value)} className="sr-only" />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
