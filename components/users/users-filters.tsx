"use client";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { Role } from "@/lib/validation/users";
import { defaultOrder } from "@/lib/users/filter-url";
import type { UserFilter } from "@/lib/validation/users";
import type { UsersListFilter } from "./use-users-list";

const ROLE_OPTIONS = [
  { value: "", label: "All roles" },
  { value: "admin", label: "Admin" },
  { value: "manager", label: "Manager" },
  { value: "user", label: "User" },
] as const;

const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "inactive", label: "Deactivated" },
] as const;

const SORT_OPTIONS = [
  { value: "created-desc", label: "Newest first" },
  { value: "created-asc", label: "Oldest first" },
  { value: "name-asc", label: "Name, A to Z" },
  { value: "name-desc", label: "Name, Z to A" },
] as const;

type SortValue = (typeof SORT_OPTIONS)[number]["value"];

function sortValue(filter: UserFilter): SortValue {
  const sort = filter.sort ?? "created";
  return `${sort}-${filter.order ?? defaultOrder(sort)}`;
}

function parseSort(value: string): Pick<UserFilter, "sort" | "order"> {
  const [sort, order] = value.split("-");
  return { sort: sort === "name" ? "name" : "created", order: order === "asc" ? "asc" : "desc" };
}

export function UsersFilters({ filter: controls }: { filter: UsersListFilter }) {
  const { value: filter, searchText, onSearchText, onSearchSubmit, change: onChange } = controls;
  const searching = Boolean(filter.q);
  return (
    <form
      role="search"
      aria-label="Filter users"
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr]"
      onSubmit={(event) => {
        event.preventDefault();
        onSearchSubmit();
      }}
    >
      <TextField
        label="Search"
        type="search"
        name="q"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        hint="The start of any word of a name or email, or a domain; case and accents do not matter."
        value={searchText}
        onChange={(event) => onSearchText(event.target.value)}
      />
      <SelectField
        label="Role"
        name="role"
        options={ROLE_OPTIONS}
        value={filter.role ?? ""}
        onChange={(event) => onChange({ role: (event.target.value || undefined) as Role | undefined })}
      />
      <SelectField
        label="Status"
        name="status"
        options={STATUS_OPTIONS}
        value={filter.status ?? ""}
        onChange={(event) => onChange({ status: (event.target.value || undefined) as UserFilter["status"] })}
      />
      <SelectField
        label="Sort"
        name="sort"
        options={SORT_OPTIONS}
        value={sortValue(filter)}
        disabled={searching}
        hint={searching ? "Search results are listed by the word that matched, then by name." : undefined}
        onChange={(event) => onChange(parseSort(event.target.value))}
      />
    </form>
  );
}
