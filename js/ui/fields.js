// The form's model: which fields it has, in the document's order, how what is typed
// becomes the figures of the interface (figures JSON, see the interface spec), and how
// figures given to the element fill the form. Labels and
// hints are in the catalogue (i18n.js) under "field.<key>" and "hint.<key>".
import { numberText, shiftDecimal } from "./decimal.js";

export const SERVICE_FUNCTIONS = [
  "rd_design",
  "testing",
  "training",
  "consulting",
  "ip",
  "financing",
  "exhibition",
  "logistics",
];

/**
 * Kinds: "text" (free text), "count" (a whole number; fixed unit), "money" (万元 or 亿元,
 * always sent in 万元), "area" (公顷 or 亩, sent to the _ha or _mu field), "bool" (yes,
 * no or not answered), "set" (the service functions).
 */
export const FIELDS = {
  name: { kind: "text" },
  year: { kind: "count", unit: "unit.year", inputmode: "numeric" },
  defined_area: { kind: "bool" },
  coordination_body: { kind: "bool" },
  development_plan: { kind: "bool" },
  policy_support: { kind: "bool" },
  leading_enterprises: { kind: "count", unit: "unit.jia" },
  related_smes: { kind: "count", unit: "unit.jia" },
  land_area: { kind: "area" },
  building_footprint: { kind: "area" },
  fixed_investment: { kind: "money" },
  revenue: { kind: "money" },
  leading_industry_revenue: { kind: "money" },
  rd_expense: { kind: "money" },
  audit_required: { kind: "count", unit: "unit.jia" },
  audit_completed: { kind: "count", unit: "unit.jia" },
  service_functions: { kind: "set", values: SERVICE_FUNCTIONS },
  provincial_platform: { kind: "bool" },
  startup_base: { kind: "bool" },
};

/** Units a user can choose, first the default; `suffix` is the figure's field suffix. */
export const UNITS = {
  money: [
    { id: "wan", label: "unit.wan" },
    { id: "yi", label: "unit.yi" },
  ],
  area: [
    { id: "ha", label: "unit.ha" },
    { id: "mu", label: "unit.mu" },
  ],
};

/** The groups of the form: the document's 三（一）…（六）, after the cluster's name and year. */
export const GROUPS = [
  { id: "basic", clause: null, fields: ["name", "year"] },
  { id: "management", clause: "三（一）", fields: ["defined_area", "coordination_body", "development_plan", "policy_support"] },
  { id: "agglomeration", clause: "三（二）", fields: ["leading_enterprises", "related_smes", "land_area", "building_footprint", "fixed_investment"] },
  { id: "competitiveness", clause: "三（三）", fields: ["revenue", "leading_industry_revenue"] },
  { id: "innovation", clause: "三（四）", fields: ["rd_expense"] },
  { id: "green", clause: "三（五）", fields: ["audit_required", "audit_completed"] },
  { id: "public_service", clause: "三（六）", fields: ["service_functions", "provincial_platform", "startup_base"] },
];

/** A blank form: texts empty, default units, questions not answered, nothing ticked. */
export function emptyState() {
  const state = {};
  for (const [key, field] of Object.entries(FIELDS)) {
    if (field.kind === "bool") state[key] = "";
    else if (field.kind === "set") state[key] = { values: [], none: false };
    else if (field.kind === "money" || field.kind === "area") state[key] = { text: "", unit: UNITS[field.kind][0].id };
    else state[key] = "";
  }
  return state;
}

const blank = (text) => text.trim() === "";

/**
 * The figures for the engine. Typed text goes as typed (the engine reads full-width digits
 * and separators, and reports what it cannot read); only 亿元 is shifted to 万元, as text.
 * Blank fields, unanswered questions and an untouched list of functions are left out, so
 * that their checks are `missing`, not `not_met`.
 */
export function toFigures(state) {
  const figures = {};
  for (const [key, field] of Object.entries(FIELDS)) {
    const value = state[key];
    switch (field.kind) {
      case "text":
      case "count":
        if (!blank(value)) figures[key] = value;
        break;
      case "bool":
        if (value === "yes") figures[key] = true;
        else if (value === "no") figures[key] = false;
        break;
      case "money":
        if (!blank(value.text)) figures[`${key}_wan`] = value.unit === "yi" ? shiftDecimal(value.text, 4) : value.text;
        break;
      case "area":
        if (!blank(value.text)) figures[`${key}_${value.unit}`] = value.text;
        break;
      case "set":
        if (value.none) figures[key] = [];
        else if (value.values.length > 0) figures[key] = SERVICE_FUNCTIONS.filter((id) => value.values.includes(id));
        break;
    }
  }
  return figures;
}

/** The form field that a figure of the report (an error's `field`) belongs to, or null. */
export function formKeyOf(figure) {
  if (typeof figure !== "string") return null;
  const direct = FIELDS[figure];
  if (direct) return direct.kind === "money" || direct.kind === "area" ? null : figure;
  const match = /^(\w+)_(wan|ha|mu)$/.exec(figure);
  const base = match && FIELDS[match[1]];
  if (!base) return null;
  return (base.kind === "money" && match[2] === "wan") || (base.kind === "area" && match[2] !== "wan") ? match[1] : null;
}

/** Where a figure goes in the form: its form field and, for an amount, the unit. */
function placeOf(figure) {
  const field = FIELDS[figure];
  if (field) return field.kind === "money" || field.kind === "area" ? null : { key: figure, field };
  const key = formKeyOf(figure);
  return key ? { key, field: FIELDS[key], unit: figure.slice(key.length + 1) } : null;
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
 * decimal text) in a text box, true/false/blank in a question, known functions in the list.
 */
function assign(state, { key, field, unit }, value) {
  switch (field.kind) {
    case "text":
      if (typeof value !== "string") return false;
      state[key] = value;
      return true;
    case "count": {
      const text = inputText(value);
      if (text === null) return false;
      state[key] = text;
      return true;
    }
    case "money":
    case "area": {
      const text = inputText(value);
      // A land figure given in both units: the form holds one (the first given); the
      // other stays with the figures, and the engine reports both_units.
      if (text === null || !blank(state[key].text)) return false;
      state[key] = { text, unit: field.kind === "money" ? "wan" : unit };
      return true;
    }
    case "bool":
      if (value === true || value === false) state[key] = value ? "yes" : "no";
      else if (typeof value === "string" && blank(value)) state[key] = "";
      else return false;
      return true;
    case "set":
      if (!Array.isArray(value) || !value.every((item) => SERVICE_FUNCTIONS.includes(item))) return false;
      state[key] = { values: SERVICE_FUNCTIONS.filter((id) => value.includes(id)), none: value.length === 0 };
      return true;
    default:
      return false;
  }
}

/**
 * The form for a figures object (the element's `figures` property). Returns the form state
 * and `extra`: the figures no control can show as given (an unknown or misspelt field, a
 * value of the wrong type such as `defined_area: "yes"`, an unknown service function, the
 * second unit of a land figure, `ruleset`). Those are kept exactly as given and sent to the
 * engine with the form's figures, so the engine reports them as it would for the same
 * object, and the figures read back are the figures evaluated. `null` and `undefined` mean
 * "not given", as they do for the engine.
 * @param {Record<string, unknown>} figures
 * @returns {{ state: ReturnType<typeof emptyState>, extra: Record<string, unknown> }}
 */
export function fromFigures(figures) {
  const state = emptyState();
  const extra = {};
  for (const [figure, value] of Object.entries(figures)) {
    if (value === null || value === undefined) continue;
    const place = placeOf(figure);
    if (!place || !assign(state, place, value)) extra[figure] = value;
  }
  return { state, extra };
}
