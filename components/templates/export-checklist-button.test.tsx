import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ExportChecklistButton } from "./export-checklist-button";

// The first render (the server's and hydration's): an enabled "Export checklist" button and a
// polite, empty status region for what follows. The pressed states are exercised in the
// browser once the button is on the checklist page.
describe("ExportChecklistButton", () => {
  it("renders the button and an empty live region before anything is pressed", () => {
    const html = renderToStaticMarkup(<ExportChecklistButton onExport={async () => ({ ok: false, error: "never called" })} />);
    expect(html).toContain(">Export checklist</button>");
    expect(html).not.toContain('disabled=""');
    expect(html).toMatch(/role="status" aria-live="polite"><\/p>/);
    expect(html).not.toContain("never called");
  });
});
