// The form's model, made from a ruleset's catalog (docs/catalog.md): which fields the form
// has, in the document's order and groups, how what is typed becomes the figures of the
// interface, and how figures given to the element fill the form. Nothing here names a
// field, a unit or a check of any one document: a second ruleset is a second catalog.
import { exactProduct, inverseFactor, isPlainDecimal, multiplyDecimal, numberText } from "./decimal.js";
import { LANGUAGES, t } from "./i18n.js";

/** The word the form writes after a year, in each language ("{year}年" → "年"): typed after one, it is the year. */
const YEAR_SUFFIXES = LANGUAGES.map((lang) => t(lang, "form.yearOf", { year: "" }).trim());

/**
 * The form model of a catalog.
 *
 * Each entry of `fields` is { key, kind, label, question, hint, units, values, years,
 * group }: kind "text" (the cluster's name), "year", "count", "decimal", "bool" or "set";
 * `units` every unit it can be typed in, the first the default ({ id, label, factor, keyed };
 * a keyed unit has its own figure key, another is converted to the base unit when sent);
 * `years` how many consecutive years a per-year figure has (null otherwise).
 * @param {object} catalog
 */
export function formModel(catalog) {
  const fields = [];
  const meta = catalog.meta.map((m) => ({
    key: m.key,
    kind: m.kind,
    label: m.label,
    question: m.question,
    hint: m.hint,
    units: [],
    values: [],
    years: null,
    group: "basic",
  }));
  fields.push(...meta);
  for (const f of catalog.fields) {
    fields.push({
      key: f.key,
      kind: f.kind,
      label: f.label,
      question: f.question,
      hint: f.hint,
      units: f.units,
      values: f.values,
      years: f.years,
      signed: f.signed,
      group: f.group,
    });
  }
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const groups = [{ id: "basic", clause: null, title: null, fields: meta.map((m) => m.key) }, ...catalog.groups];
  // Every figure key the form can hold, to its field and unit (per-year keys by pattern).
  const keys = new Map();
  const yearly = [];
  for (const f of catalog.fields) {
    const keyed = f.units.filter((u) => u.keyed);
    const entries = keyed.length ? keyed.map((u) => [`${f.key}_${u.id}`, u.id]) : [[f.key, f.units[0]?.id ?? null]];
    for (const [key, unit] of entries) {
      if (f.years) yearly.push({ prefix: `${key}_`, field: f.key, unit });
      else keys.set(key, { field: f.key, unit });
    }
  }
  // The unit of each check's value and threshold, in both languages; each check as the catalog has it.
  const checkUnits = new Map(catalog.conditions.flatMap((c) => c.checks).map((k) => [k.id, k.unit]));
  const checks = new Map(catalog.conditions.flatMap((c) => c.checks).map((k) => [k.id, k]));
  return { catalog, fields, byKey, groups, keys, yearly, checkUnits, checks };
}

const blank = (text) => text.trim() === "";

/** The latest year of per-year figures when no year is typed: the last complete year. */
export function defaultYear(now = new Date()) {
  return now.getFullYear() - 1;
}

/** The years a per-year field shows, the earliest first, ending with `latest`. */
export function yearsOf(field, latest) {
  return Array.from({ length: field.years }, (_, i) => latest - (field.years - 1) + i);
}

/** The latest year the form's per-year figures are for: the year typed, else the default. */
export function latestYear(state) {
  const text = typedYear(state.year ?? "", YEAR_SUFFIXES) ?? state.year ?? "";
  const typed = /^\s*(\d{4})\s*$/.exec(text);
  return typed ? Number(typed[1]) : defaultYear();
}

/** A blank form: texts empty, default units, questions not answered, nothing ticked. */
export function emptyState(model) {
  const state = {};
  for (const field of model.fields) state[field.key] = emptyValue(field);
  return state;
}

function emptyValue(field) {
  switch (field.kind) {
    case "bool":
      return "";
    case "set":
      return { values: [], none: false };
    case "count":
    case "decimal":
      if (field.years) return { texts: Array(field.years).fill(""), unit: field.units[0]?.id ?? null };
      return field.units.length > 1 ? { text: "", unit: field.units[0].id } : "";
    default:
      return "";
  }
}

const fold = (text) => text.normalize("NFKC").trim().toLowerCase();

/**
 * The field's unit that a name stands for: a unit's id or its name in either language
 * ("亿元", "mu", "km²", case and width aside), or the start of exactly one unit's Chinese
 * name ("亿" for 亿元); null when it is none of the field's units.
 */
export function unitNamed(field, name) {
  const wanted = fold(name);
  if (wanted === "") return null;
  const names = (u) => [u.id, u.label.zh, u.label.en].filter(Boolean).map(fold);
  const exact = field.units.filter((u) => names(u).includes(wanted));
  if (exact.length === 1) return exact[0];
  const started = field.units.filter((u) => u.label.zh && fold(u.label.zh).startsWith(wanted));
  return started.length === 1 ? started[0] : null;
}

/**
 * Typed text that ends with one of the field's units ("18.563亿", "1200 亩", "12家"): the
 * number before it, and that unit's id; null when the text has no such ending (a number
 * alone, or a unit the field does not take: the engine reports those).
 */
export function typedUnit(field, text) {
  if (typeof text !== "string" || !field.units?.length) return null;
  const match = /^\s*([-－]?[0-9０-９][0-9０-９,，.．]*)\s*(\S.*?)\s*$/u.exec(text);
  if (!match) return null;
  const unit = unitNamed(field, match[2]);
  return unit ? { number: match[1], unit: unit.id } : null;
}

/**
 * A year typed with the word the form writes after it ("2024年", `suffixes` from the
 * form's own texts): the year alone; null when the text is not so.
 */
export function typedYear(text, suffixes = YEAR_SUFFIXES) {
  for (const suffix of suffixes) {
    if (!suffix) continue;
    const match = /^\s*([0-9０-９]{4})\s*(.+?)\s*$/u.exec(text);
    if (match && fold(match[2]) === fold(suffix)) return match[1];
  }
  return null;
}

/**
 * A typed value as the engine reads it: a trailing unit of the field is read as that unit
 * (the number alone, in the unit named); a per-year box that names a unit other than the
 * field's is converted, exactly, into the field's unit (when it cannot be, it goes as typed).
 */
export function readTyped(field, text, unitId) {
  const typed = typedUnit(field, text);
  if (!typed) return { text, unit: unitId };
  if (!field.years || typed.unit === unitId) return { text: typed.number, unit: field.units.length > 1 ? typed.unit : unitId };
  const from = field.units.find((u) => u.id === typed.unit);
  const to = field.units.find((u) => u.id === unitId);
  const base = from && exactProduct(typed.number, from.factor);
  const converted = base && to ? exactProduct(base, inverseFactor(to.factor)) : null;
  return converted === null ? { text, unit: unitId } : { text: converted, unit: unitId };
}

/** Whether a field shows a unit choice (more than one unit). */
export const hasUnitChoice = (field) => field.units.length > 1;

/** A field's value text and unit, whatever its shape in the state. */
function textAndUnit(field, value) {
  return typeof value === "string" ? { text: value, unit: field.units[0]?.id ?? null } : value;
}

/**
 * A typed amount as the engine should get it: keyed units as typed (the key says the unit);
 * an entry-only unit (亿元) converted exactly to the base unit, as text.
 */
function sent(field, text, unitId) {
  const unit = field.units.find((u) => u.id === unitId);
  if (!unit || unit.keyed || unit.factor === "1") return text;
  return multiplyDecimal(text, unit.factor);
}

/** The figure key of a field in a unit, for a year. */
function figureKey(field, unitId, year) {
  const unit = field.units.find((u) => u.id === unitId);
  const keyed = field.units.filter((u) => u.keyed);
  const suffix = keyed.length ? (unit?.keyed ? unit.id : keyed[0].id) : null;
  const base = suffix ? `${field.key}_${suffix}` : field.key;
  return year === undefined ? base : `${base}_${year}`;
}

/**
 * The figures for the engine. Typed text goes as typed (the engine reads full-width digits
 * and separators, and reports what it cannot read); only an entry-only unit (亿元) is
 * converted, exactly, as text. Blank fields, unanswered questions and an untouched list
 * are left out, so that their checks are `missing`, not `not_met`.
 */
export function toFigures(model, state) {
  const figures = {};
  const latest = latestYear(state);
  for (const field of model.fields) {
    const value = state[field.key];
    switch (field.kind) {
      case "text":
        if (!blank(value)) figures[field.key] = value;
        break;
      case "year":
        if (!blank(value)) figures[field.key] = typedYear(value, YEAR_SUFFIXES) ?? value;
        break;
      case "bool":
        if (value === "yes") figures[field.key] = true;
        else if (value === "no") figures[field.key] = false;
        break;
      case "set":
        if (value.none) figures[field.key] = [];
        else if (value.values.length > 0) figures[field.key] = field.values.map((v) => v.id).filter((id) => value.values.includes(id));
        break;
      default:
        if (field.years) {
          yearsOf(field, latest).forEach((year, i) => {
            if (blank(value.texts[i])) return;
            const { text, unit } = readTyped(field, value.texts[i], value.unit);
            figures[figureKey(field, unit, year)] = sent(field, text, unit);
          });
        } else {
          const given = textAndUnit(field, value);
          if (blank(given.text)) break;
          const { text, unit } = readTyped(field, given.text, given.unit);
          figures[figureKey(field, unit)] = sent(field, text, unit);
        }
    }
  }
  return figures;
}

/**
 * Where a figure key goes in the form: { field, unit, year }, or null for a key the form has
 * no control for (an unknown key, `ruleset`).
 */
export function placeOf(model, figure) {
  if (typeof figure !== "string") return null;
  const meta = model.byKey.get(figure);
  if (meta && (meta.kind === "text" || meta.kind === "year")) return { field: meta.key, unit: null, year: null };
  const direct = model.keys.get(figure);
  if (direct) return { ...direct, year: null };
  for (const { prefix, field, unit } of model.yearly) {
    if (figure.startsWith(prefix) && /^[1-9]\d{3}$/.test(figure.slice(prefix.length))) {
      return { field, unit, year: Number(figure.slice(prefix.length)) };
    }
  }
  return null;
}

/** The form field that a figure of the report (an error's `field`) belongs to, or null. */
export function formKeyOf(model, figure) {
  return placeOf(model, figure)?.field ?? null;
}

/** Decimal text for an input: text as it is, a number as the decimal it is written as. */
function inputText(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "bigint") return value.toString();
  return null;
}

/**
 * Puts one given figure into the form state; false when no control can hold it as given.
 * The form holds what a user could have typed or chosen: text (or a number, shown as its
 * decimal text) in a text box, true/false/blank in a question, known values in a list.
 */
function assign(model, state, place, value, latest) {
  const field = model.byKey.get(place.field);
  switch (field.kind) {
    case "text":
      if (typeof value !== "string") return false;
      state[field.key] = value;
      return true;
    case "year": {
      const text = inputText(value);
      if (text === null) return false;
      state[field.key] = text;
      return true;
    }
    case "bool":
      if (value === true || value === false) state[field.key] = value ? "yes" : "no";
      else if (typeof value === "string" && blank(value)) state[field.key] = "";
      else return false;
      return true;
    case "set": {
      const ids = field.values.map((v) => v.id);
      if (!Array.isArray(value) || !value.every((item) => ids.includes(item))) return false;
      state[field.key] = { values: ids.filter((id) => value.includes(id)), none: value.length === 0 };
      return true;
    }
    default: {
      const text = inputText(value);
      if (text === null) return false;
      const current = state[field.key];
      if (field.years) {
        const i = yearsOf(field, latest).indexOf(place.year);
        if (i < 0 || !blank(current.texts[i]) || (place.unit !== current.unit && current.texts.some((t) => !blank(t)))) return false;
        current.texts[i] = text;
        current.unit = place.unit;
        return true;
      }
      if (typeof current === "string") {
        if (!blank(current)) return false;
        state[field.key] = text;
        return true;
      }
      // A figure given in two units: the form holds one (the first given); the other stays
      // with the figures, and the engine reports both_units.
      if (!blank(current.text)) return false;
      state[field.key] = { text, unit: place.unit };
      return true;
    }
  }
}

/**
 * The form for a figures object (the element's `figures` property). Returns the form state
 * and `extra`: the figures no control can show as given (an unknown or misspelt field, a
 * value of the wrong type such as `defined_area: "yes"`, an unknown value of a list, the
 * second unit of a figure, a year outside those shown, `ruleset`). Those are kept exactly as
 * given and sent to the engine with the form's figures, so the engine reports them as it
 * would for the same object, and the figures read back are the figures evaluated. `null` and
 * `undefined` mean "not given", as they do for the engine.
 * @param {ReturnType<typeof formModel>} model
 * @param {Record<string, unknown>} figures
 */
export function fromFigures(model, figures) {
  const state = emptyState(model);
  const extra = {};
  const entries = Object.entries(figures).filter(([, value]) => value !== null && value !== undefined);
  // The year first: per-year figures are placed by it.
  const year = entries.find(([key]) => key === "year");
  if (year && !assign(model, state, placeOf(model, "year"), year[1], 0)) extra.year = year[1];
  let latest = latestYear(state);
  // Without a year typed, the latest year given places the per-year figures.
  if (!year) {
    const given = entries.map(([key]) => placeOf(model, key)?.year).filter((y) => typeof y === "number");
    if (given.length) latest = Math.max(...given);
    if (given.length && latest !== defaultYear()) state.year = String(latest);
  }
  for (const [figure, value] of entries) {
    if (figure === "year") continue;
    const place = placeOf(model, figure);
    if (!place || !assign(model, state, place, value, latest)) extra[figure] = value;
  }
  return { state, extra };
}

/** The unit each field with a choice of units is shown in: { revenue: "yi", … }. */
export function unitsOf(model, state) {
  const units = {};
  for (const field of model.fields) {
    if (!hasUnitChoice(field)) continue;
    units[field.key] = textAndUnit(field, state[field.key]).unit;
  }
  return units;
}

/** The fields whose unit the `units` property may set: those with a unit for entry only. */
export function entryUnitFields(model) {
  return model.fields.filter((f) => f.units.some((u) => !u.keyed) && f.units.length > 1);
}

/**
 * Shows a field's figures in another unit: the text is converted exactly, so the figure
 * stays the same ("685000" 万元 shows as "68.5" 亿元, "15" 亩 as "1" 公顷); text that is
 * not a plain decimal stays as typed (the engine reports it). When a figure cannot be shown
 * exactly in the other unit (10 亩 is 0.666… 公顷), nothing changes: a figure is never
 * altered by a change of unit.
 */
export function convertUnit(field, value, unitId) {
  const from = field.units.find((u) => u.id === value.unit);
  const to = field.units.find((u) => u.id === unitId);
  if (!from || !to || from.id === to.id) return value;
  const convert = (text) => {
    if (blank(text) || !isPlainDecimal(text)) return text;
    const base = exactProduct(text, from.factor);
    return base === null ? null : exactProduct(base, inverseFactor(to.factor));
  };
  const texts = value.texts ?? [value.text];
  const converted = texts.map(convert);
  if (converted.some((text) => text === null)) return value;
  return value.texts ? { texts: converted, unit: unitId } : { text: converted[0], unit: unitId };
}
