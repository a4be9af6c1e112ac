// What one template-based profile's checklist looks like at a moment: what the checklist panel,
// the admin progress view and the PDF export (issue #14) all render. Computed on the server from
// the template's document and the profile's item (lib/templates/checklist.ts).

export type ChecklistItemKind = "field" | "document" | "acknowledgement";

export interface ChecklistItemState {
  id: string;
  kind: ChecklistItemKind;
  label: string;
  done: boolean;
  /** ISO time the item was done: its field saved filled, its document ready, its statement acknowledged. */
  doneAt?: string;
  /** Who acknowledged the statement (a display name), for acknowledgements. */
  doneBy?: string;
  /** The statement to acknowledge (acknowledgements), the kind of document to upload (documents), the field to fill (fields). */
  statement?: string;
  documentKind?: string;
  fieldKey?: string;
}

export interface ChecklistView {
  userId: string;
  userName: string;
  profileId: string;
  profileName: string;
  templateId: string;
  templateTitle: string;
  items: ChecklistItemState[];
  done: number;
  total: number;
  /** ISO time by which the checklist should be done (the template's dueWithinDays after the profile's creation). */
  dueAt?: string;
  /** Open items remain and dueAt has passed. */
  overdue: boolean;
}
