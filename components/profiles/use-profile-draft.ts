"use client";
// Keeps the profile editor's unsaved work in localStorage (lib/profiles/local-draft.ts) a moment
// after each edit, forgets it once nothing differs from the saved version, and hands back a
// draft found on opening so the editor can offer it ("Restore your unsaved changes from 14:02?").
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { FieldsStore } from "@/components/custom-fields/store";
import { clearDraft, pruneDrafts, readDraft, type StoredDraft, writeDraft } from "@/lib/profiles/local-draft";
import { draftOf, type ProfileData } from "@/lib/profiles/views";
import type { ProfileDetails } from "@/lib/validation/profile-details";

/** Long enough to coalesce a burst of typing into one write, short enough that a crash loses little. */
const WRITE_DELAY_MS = 300;

interface Options {
  viewerId: string;
  /** The saved version the editor started from (changes after each save). */
  base: ProfileData;
  store: FieldsStore;
  details: ProfileDetails;
}

export function useProfileDraft({ viewerId, base, store, details }: Options) {
  const [offer, setOffer] = useState<StoredDraft | null>(null);
  const [storageFailed, setStorageFailed] = useState(false);
  // The timer and the flush read the latest values, not those of the render that scheduled them.
  const latest = useRef({ base, details, offer });
  useLayoutEffect(() => {
    latest.current = { base, details, offer };
  });

  const isDirty = useCallback(() => {
    const { base: saved, details: shown } = latest.current;
    return shown.name !== saved.name || shown.type !== saved.type || store.differsFrom(saved.customFields);
  }, [store]);

  const flush = useCallback(() => {
    const { base: saved, details: shown, offer: pending } = latest.current;
    // While a stored draft waits for an answer, it is not overwritten by the untouched editor.
    if (pending) return;
    if (!isDirty()) {
      clearDraft(localStorage, viewerId, saved.id);
      return;
    }
    const written = writeDraft(localStorage, viewerId, saved.id, {
      savedAt: new Date().toISOString(),
      version: saved.version,
      base: draftOf(saved),
      name: shown.name,
      type: shown.type,
      ...store.draftState(),
    });
    setStorageFailed(!written);
  }, [isDirty, store, viewerId]);

  // On opening: forget stale drafts, then offer this profile's, unless it claims a version from
  // the future (it cannot have been typed against what is stored, so it is dropped).
  useEffect(() => {
    pruneDrafts(localStorage);
    const stored = readDraft(localStorage, viewerId, latest.current.base.id);
    if (stored && stored.version > latest.current.base.version) clearDraft(localStorage, viewerId, latest.current.base.id);
    // localStorage exists only in the browser, after hydration: the offer is state set here.
    else if (stored) setOffer(stored);
  }, [viewerId]);

  // A write a moment after the last change to the rows or the details; flushed when the page goes.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(flush, WRITE_DELAY_MS);
    };
    const unsubscribe = store.subscribe(schedule);
    schedule();
    window.addEventListener("pagehide", flush);
    return () => {
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener("pagehide", flush);
    };
  }, [store, flush, details, base]);

  return {
    /** A draft found on opening, until it is restored or discarded. */
    offer,
    /** Whether the browser refused to keep the draft (storage full or disabled). */
    storageFailed,
    isDirty,
    /** The offer was answered: restored (the caller loads it) or discarded (forgotten here). */
    answerOffer: (restored: boolean) => {
      if (!restored) clearDraft(localStorage, viewerId, base.id);
      latest.current.offer = null;
      setOffer(null);
    },
    /** After a save or an explicit discard of the edits: nothing is left to keep. */
    forget: () => clearDraft(localStorage, viewerId, base.id),
  };
}
