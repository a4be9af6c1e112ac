export default function Loading() {
  return (
    <div role="status" aria-label="Loading user" className="flex animate-pulse flex-col gap-6">
      <div className="h-8 w-64 rounded bg-inset-strong" />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="h-72 rounded-xl bg-inset-strong lg:col-span-3" />
        <div className="h-72 rounded-xl bg-inset-strong lg:col-span-2" />
      </div>
    </div>
  );
}
