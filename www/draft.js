// The draft: what the page keeps of the figures in this browser's localStorage, so that a
// reload or the next visit finds them; and the little else it keeps there (the language,
// the mode). Nothing here touches the page: the page asks what to say (`status`) and is
// told when that changes (`onChange`).
//
// The draft is { version: 1, saved: ISO time, single: year, review: [year, year] }, each
// year { figures, units } as in a share link (share.js): the figures and the units they were
// typed in. Nothing the user typed may be lost, and nothing may be claimed that is not so:
//   - storage full (other tools on the same site can fill it): a save that fails is said
//     (status "full") and the draft saved before is left as it is, and still read; a probe
//     that fails for lack of room is "full", not "off" (the browser does allow saving);
//   - another tab of the page saves different figures ("storage" events): this tab stops
//     saving over them (status "paused") until the user chooses: load them, or keep this
//     tab's (which then saves over the other's, and that tab is told in turn);
//   - a draft this page cannot read (a newer version's, cut short, of the wrong shape, or
//     figures the import rule refuses: figures-file.js, the same rule as for a file) is not
//     loaded and not deleted: it is moved, as it was, to cluster-check.draft.unreadable
//     (.2, .3 … when that is taken), and "Clear saved data" removes those too;
//   - opened from a file (file://), where every local HTML file shares one storage and so
//     could read the figures or plant a draft, no draft is kept or read (status "file").
import { isYear } from "./share.js";
import { figuresProblems, jsonError, keyProblems } from "./figures-file.js";

export const DRAFT_KEY = "cluster-check.draft";
export const UNREADABLE_KEY = "cluster-check.draft.unreadable";
export const DRAFT_VERSION = 1;
const PROBE_KEY = "cluster-check.probe";
/** Unreadable drafts kept aside at most: beyond, the draft stays where it is, unsaved over. */
const MAX_SET_ASIDE = 9;

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
/** A year with no figures. */
export const EMPTY = { figures: {}, units: {} };
/** Whether a year { figures, units } holds no figure. */
export const isEmpty = (entry) => !isObject(entry?.figures) || Object.keys(entry.figures).length === 0;
/** Whether the years of both modes, { single, review }, hold any figure. */
export const hasData = (state) => !isEmpty(state.single) || state.review.some((entry) => !isEmpty(entry));

/** Whether a failed write failed for lack of room (the names and codes of the browsers). */
export function isQuotaError(error) {
  return error?.name === "QuotaExceededError" || error?.name === "NS_ERROR_DOM_QUOTA_REACHED" || error?.code === 22 || error?.code === 1014;
}

/** The figures of a state (or a draft) for comparing and writing: null when there are none. */
function contentOf(state) {
  return hasData(state) ? JSON.stringify([state.single, state.review]) : null;
}

/**
 * Reads a draft's text, without the engine. `keys`: the keys a figures object can hold
 * (figure-keys.js); an object with more members than that is refused before JSON.parse, and
 * figures with another key before anything reads them (a planted draft of 50,000 keys costs
 * nothing).
 * @returns {{ ok: true, draft: Draft } | { ok: false, reason: Reason }}
 *
 * @typedef {{ saved: string | null, single: object, review: object[], raw: string }} Draft
 * @typedef {{ kind: "json", error: import("./figures-file.js").JsonError }
 *         | { kind: "newer", version: number } | { kind: "shape" }
 *         | { kind: "problems", problems: Problem[] }} Reason
 * @typedef {{ part: "single" | 0 | 1, figures: object } & object} Problem
 *   one of figuresProblems, with the year it is in
 */
export function parseDraft(raw, keys) {
  const error = jsonError(raw, { maxMembers: keys ? (keys.most ?? keys.length) : Infinity });
  if (error) return { ok: false, reason: { kind: "json", error } };
  const draft = JSON.parse(raw);
  if (!isObject(draft)) return { ok: false, reason: { kind: "shape" } };
  if (typeof draft.version === "number" && draft.version > DRAFT_VERSION) return { ok: false, reason: { kind: "newer", version: draft.version } };
  if (draft.version !== DRAFT_VERSION) return { ok: false, reason: { kind: "shape" } };
  const single = draft.single === undefined ? EMPTY : draft.single;
  // A draft of a page that never showed the re-review may have none.
  const review = draft.review === undefined || (Array.isArray(draft.review) && draft.review.length === 0) ? [EMPTY, EMPTY] : draft.review;
  if (!isYear(single) || !Array.isArray(review) || review.length !== 2 || !review.every(isYear)) return { ok: false, reason: { kind: "shape" } };
  const year = (entry) => ({ figures: entry.figures, units: entry.units ?? {} });
  const parsed = { saved: typeof draft.saved === "string" ? draft.saved : null, single: year(single), review: review.map(year), raw };
  const problems = keys ? problemsOf(parsed, (figures) => keyProblems(figures, keys)) : [];
  return problems.length ? { ok: false, reason: { kind: "problems", problems } } : { ok: true, draft: parsed };
}

/** The problems of every year of a draft, each with its part. */
function problemsOf(draft, check) {
  const parts = [
    ["single", draft.single],
    [0, draft.review[0]],
    [1, draft.review[1]],
  ];
  return parts.flatMap(([part, entry]) => check(entry.figures).map((problem) => ({ ...problem, part, figures: entry.figures })));
}

/**
 * localStorage, probed once: { storage, status }. status: "on"; "full" when the probe is
 * refused for lack of room (the storage is still read, and each save still tried); "off"
 * when there is no storage at all (disabled, some private modes).
 */
function openStorage(getStorage) {
  let storage;
  try {
    storage = getStorage();
    if (!storage) return { storage: null, status: "off" };
  } catch {
    return { storage: null, status: "off" };
  }
  try {
    storage.setItem(PROBE_KEY, "1");
    storage.removeItem(PROBE_KEY);
    return { storage, status: "on" };
  } catch (error) {
    // An empty storage that refuses one byte allows nothing (old Safari's private mode).
    let used = 0;
    try {
      used = storage.length;
    } catch {
      // refused as well
    }
    return isQuotaError(error) && used > 0 ? { storage, status: "full" } : { storage: null, status: "off" };
  }
}

/**
 * The page's draft and preferences.
 * @param {{ fromFile?: boolean, keys?: () => readonly string[] | null, storage?: () => Storage | null,
 *           events?: EventTarget | null, now?: () => Date }} [options]
 *   fromFile: the page was opened from a file (no draft is kept); keys: the keys a figures
 *   object can hold (figure-keys.js); storage and events: localStorage and the window whose
 *   "storage" events tell of other tabs (others for tests).
 */
export function createDrafts({
  fromFile = false,
  keys = () => null,
  storage: getStorage = () => globalThis.localStorage,
  events = globalThis,
  now = () => new Date(),
} = {}) {
  const opened = openStorage(getStorage);
  const storage = opened.storage;
  let status = fromFile ? "file" : opened.status;
  /** The figures the stored draft holds, as far as this tab knows (contentOf; null: none). */
  let stored = null;
  /** The figures this tab's forms hold, as last given to save() (contentOf). */
  let wanted = null;
  let wantedState = null;
  /** Set when another tab saved other figures: { removed } (it removed them). Nothing is saved meanwhile. */
  let other = null;
  /** Whether an unreadable draft could not be moved aside: then it is not saved over. */
  let held = false;
  const listeners = new Set();
  const keeping = () => storage !== null && status !== "file";

  const read = (key) => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const remove = (key) => {
    try {
      storage?.removeItem(key);
    } catch {
      // nothing to remove, or refused: nothing more to do
    }
  };
  const setStatus = (next) => {
    if (next === status) return;
    status = next;
    for (const listener of listeners) listener();
  };
  const setOther = (next) => {
    other = next;
    for (const listener of listeners) listener();
  };

  /** Writes the draft for `state` (null: removes it); says when that fails. */
  function write(state, content) {
    try {
      if (content === null) storage.removeItem(DRAFT_KEY);
      else storage.setItem(DRAFT_KEY, JSON.stringify({ version: DRAFT_VERSION, saved: now().toISOString(), single: state.single, review: state.review }));
      stored = content;
      setStatus("on");
    } catch (error) {
      // What was saved before stays as it was, and is still read.
      setStatus(isQuotaError(error) ? "full" : "off");
    }
  }

  /**
   * Moves an unreadable draft aside, as it is: { reason, key, kept: "aside" } (key: where),
   * or, when there is no room for it, leaves it where it is and saves nothing over it:
   * { reason, key: DRAFT_KEY, kept: "held" }.
   */
  function setAside(reason, raw) {
    for (let n = 1; n <= MAX_SET_ASIDE; n++) {
      const key = n === 1 ? UNREADABLE_KEY : `${UNREADABLE_KEY}.${n}`;
      const there = read(key);
      if (there !== null && there !== raw) continue;
      if (there === null && !copy(key, raw)) break;
      remove(DRAFT_KEY);
      stored = null;
      return { reason, key, kept: "aside" };
    }
    held = true;
    setStatus("full");
    return { reason, key: DRAFT_KEY, kept: "held" };
  }

  /** Writes `raw` at `key`; when the storage is full, in the room of the draft itself. */
  function copy(key, raw) {
    try {
      storage.setItem(key, raw);
      return true;
    } catch {
      // full: move it instead
    }
    try {
      storage.removeItem(DRAFT_KEY);
      storage.setItem(key, raw);
      return true;
    } catch {
      try {
        storage.setItem(DRAFT_KEY, raw); // back where it was: its own room is free again
      } catch {
        // cannot happen: the room was just freed
      }
      return false;
    }
  }

  /** The figures the stored text holds, to compare with this tab's: unreadable text never equals any. */
  function contentOfRaw(raw) {
    if (raw === null) return null;
    const parsed = parseDraft(raw, keys());
    return parsed.ok ? contentOf(parsed.draft) : `unreadable ${raw}`;
  }

  if (storage && events?.addEventListener) {
    events.addEventListener("storage", (event) => {
      if (!keeping()) return;
      if (event.storageArea && event.storageArea !== storage) return;
      if (event.key !== null && event.key !== DRAFT_KEY) return; // null: the whole storage was cleared
      const raw = event.key === null ? null : event.newValue;
      held = false; // whatever was held, the other tab has written over it
      stored = contentOfRaw(raw);
      if (stored === wanted) {
        if (other) setOther(null);
      } else setOther({ removed: raw === null });
    });
  }

  return {
    /** What the note says: "on" | "full" | "off" | "file" | "paused" (another tab saved other figures). */
    get status() {
      return other ? "paused" : status;
    },
    /** Whether the other tab's change was to remove the figures ("paused" only). */
    get otherRemoved() {
      return other?.removed ?? false;
    },
    /** Calls `listener` whenever the status changes. */
    onChange(listener) {
      listeners.add(listener);
    },

    /** A preference (the language, the mode): its text, or null. Kept from a file too. */
    pref(key) {
      return read(key);
    },
    setPref(key, value) {
      try {
        storage?.setItem(key, value);
      } catch {
        // Full or refused: a preference is not worth a message.
      }
    },

    /**
     * The saved draft, read without the engine: { draft, unreadable }. An unreadable draft is
     * moved aside: unreadable { reason, key, kept } (setAside).
     */
    load() {
      if (!keeping()) return { draft: null, unreadable: null };
      const raw = read(DRAFT_KEY);
      if (raw === null) return { draft: null, unreadable: null };
      const parsed = parseDraft(raw, keys());
      if (!parsed.ok) return { draft: null, unreadable: setAside(parsed.reason, raw) };
      stored = wanted = contentOf(parsed.draft);
      return { draft: parsed.draft, unreadable: null };
    },

    /**
     * The import rule on a loaded draft's figures, with the engine's `evaluate`: null when
     * they may be applied; else unreadable { reason, key, kept }, the draft moved aside
     * (kept null when `setAside` is false or the storage no longer holds it).
     */
    vet(draft, evaluate, { setAside: moveAside = true } = {}) {
      const problems = problemsOf(draft, (figures) => figuresProblems(figures, evaluate, keys()));
      if (problems.length === 0) return null;
      const reason = { kind: "problems", problems };
      if (!moveAside || read(DRAFT_KEY) !== draft.raw) return { reason, key: null, kept: null };
      return setAside(reason, draft.raw);
    },

    /** What the other tab saved, read as load() reads (nothing is moved): { draft, unreadable }. */
    loadOther() {
      const raw = read(DRAFT_KEY);
      stored = contentOfRaw(raw);
      if (raw === null) return { draft: null, unreadable: null };
      const parsed = parseDraft(raw, keys());
      return parsed.ok ? { draft: parsed.draft, unreadable: null } : { draft: null, unreadable: { reason: parsed.reason, key: null, kept: null } };
    },

    /** Saves the figures of both modes, { single, review }, unless nothing changed (or saving is paused). */
    save(state) {
      if (!keeping()) return;
      wanted = contentOf(state);
      wantedState = state;
      if (other || held || wanted === stored) return;
      write(state, wanted);
    },

    /**
     * Saves again after a pause. keep: this tab's figures are saved over the other's;
     * otherwise this tab has taken the other's (the next save finds nothing changed).
     */
    resume({ keep = false } = {}) {
      if (!other) return;
      other = null;
      if (keep && wantedState) write(wantedState, wanted);
      for (const listener of listeners) listener();
    },

    /** Removes the draft and every draft set aside: "Clear saved data". From a file too. */
    clear() {
      remove(DRAFT_KEY);
      for (let n = 1; n <= MAX_SET_ASIDE; n++) remove(n === 1 ? UNREADABLE_KEY : `${UNREADABLE_KEY}.${n}`);
      stored = wanted = null;
      held = false;
      if (other) setOther(null);
      if (status === "full" && openStorage(() => storage).status === "on") setStatus("on");
    },
  };
}
