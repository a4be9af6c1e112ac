// In the (list) route group so that its loading boundary wraps this page only: /profiles/[id]
// checks ownership in its own layout before anything streams, so a refusal is a real 404.
import { ProfileCardsSkeleton } from "@/components/profiles/profiles-skeleton";

export default function Loading() {
  return <ProfileCardsSkeleton />;
}
