import Link from "next/link";
import { AlertPanel } from "./alert";

/** What a paged list shows instead of its rows when its page link is tampered with or stale. */
export function StaleCursorPanel({ title, message, firstPageHref }: { title: string; message: string; firstPageHref: string }) {
  return (
    <AlertPanel tone="warning" role="alert">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-1">{message}</p>
      <Link href={firstPageHref} className="mt-2 inline-block font-medium underline">
        Go to the first page
      </Link>
    </AlertPanel>
  );
}
