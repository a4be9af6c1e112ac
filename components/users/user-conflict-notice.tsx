import type { Ref } from "react";
import { Button } from "@/components/ui/button";

export interface ConflictRow {
  label: string;
  theirs: string;
  yours: string;
}

interface ConflictNoticeProps {
  ref: Ref<HTMLDivElement>;
  /** Who made the newer version, or "Someone else". */
  changedBy: string;
  /** The fields (and status) their version changed, with this page's value beside theirs. */
  rows: ConflictRow[];
  onReloadTheirs: () => void;
  onKeepMine: () => void;
}

/** A save or status change met a newer version: what differs, and the two ways on. Focus moves here. */
export function ConflictNotice({ ref, changedBy, rows, onReloadTheirs, onKeepMine }: ConflictNoticeProps) {
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="conflict-heading"
      className="mt-3 rounded-md border border-warning-line bg-warning-soft p-4 text-sm text-warning-ink focus:outline-2 focus:outline-amber-600"
    >
      <p id="conflict-heading" className="font-semibold">
        <span className="break-words">{changedBy}</span> changed this user since you opened it
      </p>
      <p className="mt-1">Nothing was saved. Your edits are still in the form below.</p>
      {rows.length ? (
        <table className="mt-3 w-full text-left">
          <caption className="sr-only">Fields changed by the other person</caption>
          <thead>
            <tr className="border-b border-warning-line">
              <th scope="col" className="py-1 pr-3 font-medium">
                Field
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Their value
              </th>
              <th scope="col" className="py-1 font-medium">
                Your value
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row" className="py-1 pr-3 font-medium">
                  {row.label}
                </th>
                <td className="break-all py-1 pr-3">{row.theirs}</td>
                <td className="break-all py-1">{row.yours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-1">Their change does not touch the fields shown here.</p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={onReloadTheirs}>
          Reload their version
        </Button>
        <Button variant="secondary" onClick={onKeepMine}>
          Keep my edits on their version
        </Button>
      </div>
    </div>
  );
}
