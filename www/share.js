// The share link: the figures travel in the URL's fragment (the part after "#"), which a
// browser never sends to a server, never in the query string. Opening the link reads them
// back in the recipient's browser.
//
//   #v1.<data>.<check>
//
//   data    base64url (RFC 4648 §5, no padding) of the deflate-raw compression of the
//           payload's JSON text, in UTF-8
//   check   CRC-32 (IEEE) of the compressed bytes, as 8 lower-case hex digits: any change
//           to the data is caught, even one that would still inflate to the same text
//   payload [year] for one assessment, [earlier, later] for a two-year re-review; each year
//           { "figures": {…}, "units": {…} }: the Figures object of the interface exactly
//           as the form holds it, and (left out when all are their field's first unit) the
//           unit each figure was typed in, e.g. { "revenue": "yi" }, so that the form comes
//           back as it was typed, not only as the same figures (see the element's `units`);
//           which units a field has is the ruleset's (pkg/rulesets/index.js)
//
// Decoding is strict and all-or-nothing: an unknown version, a character outside base64url,
// data that does not inflate, text that is not UTF-8, a check that does not match, data that
// inflates to more than a form's figures can be, JSON that is not that payload: each is
// refused with a reason, and nothing is returned to apply.
// (Whether the figures are valid is decided by the engine, see figures-file.js.) Nothing
// here touches the page: it runs in Node as well.

import { DEFAULT_RULESET, RULESETS } from "./pkg/rulesets/index.js";

export const SHARE_VERSION = "v1";

/** The units of each field with a choice of units, for the ruleset a figures object names. */
function unitsOf(figures) {
  const id = typeof figures?.ruleset === "string" && figures.ruleset.trim() !== "" ? figures.ruleset.trim() : DEFAULT_RULESET;
  return (RULESETS.find((r) => r.id === id) ?? RULESETS.find((r) => r.id === DEFAULT_RULESET))?.units ?? {};
}
/** More inflated bytes than this is not a form's figures: stop reading (a deflate bomb). */
const MAX_JSON_BYTES = 64 * 1024;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as in zip and PNG) of bytes, as 8 hex digits. */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, "0");
}

/** Bytes as base64url without padding. */
export function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** base64url without padding to bytes; null unless the text is exactly what toBase64Url writes. */
export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  let binary;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  // Unused low bits in the last character must be zero: one text per byte string.
  return toBase64Url(bytes) === text ? bytes : null;
}

async function deflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** What inflate gives for data that inflates past MAX_JSON_BYTES. */
const TOO_LARGE = Symbol("too large");

/** Inflates: the bytes, TOO_LARGE, or null when the data is not a complete deflate stream. */
async function inflate(bytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > MAX_JSON_BYTES) {
        await reader.cancel().catch(() => {});
        return TOO_LARGE;
      }
      chunks.push(value);
    }
  } catch {
    return null; // corrupt or truncated data
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The units worth saying for figures of a ruleset: those that are not their field's first
 * (the default). A unit chosen for a keyed figure (亩) is said by the figure's key, but kept
 * too, so that an empty field comes back in the unit it was chosen in.
 */
export function shownUnits(units, figures = {}) {
  const known = unitsOf(figures);
  const out = {};
  for (const [key, unit] of Object.entries(units ?? {})) if (known[key]?.includes(unit) && unit !== known[key][0]) out[key] = unit;
  return out;
}

/** Whether a value is a year of the payload, { figures, units? }, with known units only. */
export function isYear(value) {
  if (!isObject(value) || !isObject(value.figures)) return false;
  if (Object.keys(value).some((key) => key !== "figures" && key !== "units")) return false;
  if (value.units === undefined) return true;
  const known = unitsOf(value.figures);
  return isObject(value.units) && Object.entries(value.units).every(([key, unit]) => known[key]?.includes(unit) === true);
}

/**
 * The fragment for one or two years, each { figures, units? }: "#v1.…".
 * @param {{ figures: object, units?: Record<string, string> }[]} years
 * @returns {Promise<string>}
 */
export async function encodeShare(years) {
  if (!Array.isArray(years) || years.length < 1 || years.length > 2 || !years.every(isObject)) {
    throw new TypeError("encodeShare: give [{ figures }] or [earlier, later]");
  }
  const payload = years.map(({ figures, units }) => {
    const shown = shownUnits(units, figures);
    return Object.keys(shown).length ? { figures, units: shown } : { figures };
  });
  const data = await deflate(new TextEncoder().encode(JSON.stringify(payload)));
  return `#${SHARE_VERSION}.${toBase64Url(data)}.${crc32(data)}`;
}

/**
 * Reads a fragment written by encodeShare. Resolves to { ok: true, years } (each year
 * { figures, units }, units {} when all are 万元) or to { ok: false, reason, version? },
 * reason one of:
 *   "version"  a share link of a version this page does not read (version says which)
 *   "damaged"  not base64url, does not inflate, not UTF-8, or the check does not match
 *   "tooLarge" intact (the check matches), but it inflates past MAX_JSON_BYTES: more than
 *              the figures of a form can be, so not a link this page made
 *   "shape"    intact, but not an array of one or two years { figures, units? }
 * @param {string} hash location.hash, with or without the "#"
 */
export async function decodeShare(hash) {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  const version = /^(v\d+)\./.exec(text)?.[1];
  if (!version) return { ok: false, reason: "damaged" };
  if (version !== SHARE_VERSION) return { ok: false, reason: "version", version };
  const parts = text.slice(version.length + 1).split(".");
  if (parts.length !== 2 || !/^[0-9a-f]{8}$/.test(parts[1])) return { ok: false, reason: "damaged" };
  const compressed = fromBase64Url(parts[0]);
  if (!compressed || compressed.length === 0 || crc32(compressed) !== parts[1]) return { ok: false, reason: "damaged" };
  const bytes = await inflate(compressed);
  if (bytes === TOO_LARGE) return { ok: false, reason: "tooLarge" };
  if (!bytes) return { ok: false, reason: "damaged" };
  let years;
  try {
    years = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: "damaged" };
  }
  if (!Array.isArray(years) || years.length < 1 || years.length > 2 || !years.every(isYear)) return { ok: false, reason: "shape" };
  return { ok: true, years: years.map(({ figures, units }) => ({ figures, units: units ?? {} })) };
}
