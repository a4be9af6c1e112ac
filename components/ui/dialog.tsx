"use client";
import { type ReactNode, useEffect, useId, useRef } from "react";
import { cn } from "./cn";

interface DialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal on the native <dialog>, as ConfirmDialog: the browser traps focus, moves it to the
 * first control (or one marked autoFocus) and returns it on close; Escape closes. The content
 * mounts only while open, so a form inside starts fresh each time.
 */
export function Dialog({ open, title, description, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={cn(
        "m-auto w-full max-w-md rounded-xl border border-rule bg-surface p-6 text-fg shadow-xl backdrop:bg-black/50",
        className,
      )}
    >
      {open ? (
        <>
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="mt-1 text-sm text-soft">
              {description}
            </div>
          ) : null}
          <div className="mt-4">{children}</div>
        </>
      ) : null}
    </dialog>
  );
}
