// Figures from outside the form (an imported file, a share link, a saved draft): read them
// exactly and decide whether they may be applied. Nothing here touches the page.
//
// The rule, all or nothing:
//   refused (nothing applied)  the text is not JSON; it is not a figures object (or, for a
//                              re-review, an array of two); a field the Figures interface
//                              does not know; a value of the wrong type (a question answered
//                              with text, a list that is not a list); a service function or
//                              ruleset that does not exist. Every such problem is listed,
//                              per field, in the user's language.
//   loaded                     values of the right type that the engine cannot use as they
//                              are (negative, not a number, too precise, footprint larger
//                              than the land…): the form shows them with the engine's error
//                              beside the field, exactly as if they had been typed, so that
//                              they can be corrected.
// The engine decides which is which (its error codes), so the interface has one definition.

/** Engine error codes that mean "not a Figures object of the interface": refuse the whole file. */
export const REFUSED_CODES = new Set(["unknown_field", "wrong_type", "unknown_value", "unknown_ruleset"]);

/** Bigger than this is not a figures file (a form's figures are about 1 KB). */
export const MAX_FILE_BYTES = 1024 * 1024;

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Parses JSON text keeping numbers exact: a number written with more digits than a double
 * holds (123456789012.123456) is kept as its text, which the engine reads exactly, as it
 * would the number (the interface: "a JSON number is taken as the decimal it is written
 * as"). Where the browser does not give the source text, numbers are read as usual.
 * @returns {{ ok: true, value: unknown } | { ok: false, detail: string }}
 */
export function parseJson(text) {
  try {
    const value = JSON.parse(text, function (key, parsed, context) {
      const source = context?.source;
      if (typeof parsed !== "number" || typeof source !== "string") return parsed;
      // An exponent form stays a number: as text, "1e5" would not be a number at all.
      return /[eE]/.test(source) || String(parsed) === source ? parsed : source;
    });
    return { ok: true, value };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What a parsed file holds: "single" (one figures object, or an array of one), "pair" (an
 * array of exactly two figures objects: a two-year re-review), or null.
 */
export function shapeOf(value) {
  if (isObject(value)) return "single";
  if (Array.isArray(value) && value.every(isObject)) {
    if (value.length === 1) return "single";
    if (value.length === 2) return "pair";
  }
  return null;
}

/**
 * The problems that refuse a figures object, each { field, code, message: { zh, en } }; an
 * empty list when it may be applied.
 * @param {Record<string, unknown>} figures
 * @param {(figures: object) => { errors: { field: string | null, code: string, message: { zh: string, en: string } }[] }} evaluate the engine's
 */
export function figuresProblems(figures, evaluate) {
  if (!isObject(figures)) {
    return [{ field: null, code: "wrong_type", message: { zh: "不是数据对象 {…}。", en: "Not a figures object {…}." } }];
  }
  const problems = [];
  // JSON can hold an own "__proto__" key, which a plain assignment would not copy: the
  // engine would never see it. It is not a field of the interface.
  if (Object.hasOwn(figures, "__proto__")) {
    problems.push({
      field: "__proto__",
      code: "unknown_field",
      message: { zh: "__proto__ 不是数据项目。", en: "__proto__ is not a field of the figures." },
    });
  }
  for (const error of evaluate(figures).errors) {
    if (REFUSED_CODES.has(error.code)) problems.push(error);
  }
  return problems;
}
