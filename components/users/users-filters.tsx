"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
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
  { value: "invited", label: "Invited" },
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

/** How many of role, status and sort differ from the default ("Filters (2)"). */
export function appliedFilterCount(filter: UserFilter): number {
  const sorted = (filter.sort ?? "created") !== "created" || (filter.order ?? defaultOrder(filter.sort)) !== defaultOrder(filter.sort);
  return [filter.role, filter.status].filter(Boolean).length + (sorted && !filter.q ? 1 : 0);
}

/**
 * The search, then role, status and sort: in one row from md up; on phones the three selects
 * move into a drawer ("Filters (n)") so the list starts near the top. They apply as they change,
 * in either place.
 */
export function UsersFilters({ filter: controls }: { filter: UsersListFilter }) {
  const { searchText, onSearchText, onSearchSubmit } = controls;
  const [drawer, setDrawer] = useState(false);
  const applied = appliedFilterCount(controls.value);
  return (
    <form
      role="search"
      aria-label="Filter users"
      className="grid gap-4 sm:grid-cols-[1fr_auto] md:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr]"
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
      <div className="hidden md:contents">
        <FilterSelects controls={controls} />
      </div>
      <div className="md:hidden sm:pt-6">
        <Button variant="secondary" className="w-full sm:w-auto" aria-haspopup="dialog" onClick={() => setDrawer(true)}>
          Filters ({applied})
        </Button>
      </div>
      <Dialog open={drawer} title="Filters" onClose={() => setDrawer(false)} className="mb-0 max-w-none rounded-b-none sm:mb-auto sm:max-w-md sm:rounded-b-xl">
        <div className="flex flex-col gap-4">
          <FilterSelects controls={controls} />
          <Button onClick={() => setDrawer(false)}>Show results</Button>
        </div>
      </Dialog>
    </form>
  );
}

function FilterSelects({ controls }: { controls: UsersListFilter }) {
  const { value: filter, change: onChange } = controls;
  const searching = Boolean(filter.q);
  return (
    <>
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
    </>
  );
}
