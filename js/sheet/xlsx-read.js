// Reads the cells of one worksheet of an .xlsx workbook (SpreadsheetML, as Excel, WPS,
// LibreOffice and most libraries write it): fflate unzips the parts, saxen parses them.
// Only what the rules need is read: text, numbers as the stored text of <v>, booleans,
// error values, and whether a formula has a cached value. Styles are not read: a figure
// is the value, not how it is shown.

import { unzipSync, Parser } from "./vendor/read.js";
import { storedNumberText } from "./decimal.js";

const utf8 = new TextDecoder("utf-8");

/** An XML part's text; parts are UTF-8 in practice, UTF-16 when they say so with a BOM. */
function partText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  return utf8.decode(bytes);
}

const localName = (name) => name.slice(name.indexOf(":") + 1);

/**
 * Runs a SAX parse of `xml`; handlers get local names (any namespace prefix dropped, as
 * writers differ in prefixes). saxen reports a self-closing tag as opened and closed, so
 * counters kept by open/close stay balanced.
 */
function parseXml(xml, { open, close, text }) {
  const parser = new Parser();
  let failure = null;
  parser.on("error", (error) => {
    failure = error;
    return false;
  });
  if (open) parser.on("openTag", (name, attrs, decode, selfClosing) => open(localName(name), attrs, selfClosing));
  if (close) parser.on("closeTag", (name) => close(localName(name)));
  if (text) {
    parser.on("text", (value, decode) => text(value, decode));
    parser.on("cdata", (value) => text(value, (s) => s));
  }
  parser.parse(xml);
  if (failure) throw new XlsxError("broken");
}

/** Refusal raised while reading; `code` is one of the table's refusal codes. */
export class XlsxError extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

/** `_x000D_`-style escapes of characters XML cannot carry. */
const unescapeOoxml = (text) =>
  text.includes("_x") ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))) : text;

/** "C7" → column index 2 (0-based). */
function columnIndex(ref) {
  let index = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    index = index * 26 + (code - 0x60);
  }
  return index - 1;
}

/** The folder of a part, and a relationship target resolved against it. */
function resolveTarget(fromPart, target) {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

function relsPath(part) {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function readRelationships(xml) {
  const out = [];
  parseXml(xml, {
    open(name, attrs) {
      if (name !== "Relationship") return;
      const a = attrs();
      if (a.TargetMode !== "External") out.push({ id: a.Id, type: a.Type ?? "", target: a.Target ?? "" });
    },
  });
  return out;
}

function readSharedStrings(xml) {
  const strings = [];
  let current = null;
  let inText = false;
  let inPhonetic = 0;
  parseXml(xml, {
    open(name, attrs, selfClosing) {
      if (name === "si") current = "";
      else if (name === "rPh") inPhonetic++;
      else if (name === "t" && !selfClosing) inText = true;
    },
    close(name) {
      if (name === "si") strings.push(unescapeOoxml(current ?? ""));
      else if (name === "rPh") inPhonetic--;
      else if (name === "t") inText = false;
    },
    text(value, decode) {
      if (inText && inPhonetic === 0 && current !== null) current += decode(value);
    },
  });
  return strings;
}

/**
 * One cell as the reader passes it on: { type, text } with type "text", "number" (text is
 * the decimal the cell shows), "bool" (text "TRUE"/"FALSE"), "error" (text "#DIV/0!"), or
 * "formula" for a formula without a cached value (text "=B2*2").
 */
function makeCell(state, shared) {
  const { t, v, hasFormula, formula, inline } = state;
  const uncached = () => ({ type: "formula", text: `=${formula}` });
  switch (t) {
    case "s": {
      if (v === undefined) return null;
      const text = shared[Number(v)];
      return text === undefined ? { type: "error", text: `#REF! (shared string ${v})` } : { type: "text", text };
    }
    case "inlineStr":
      return inline === null && v === undefined ? null : { type: "text", text: unescapeOoxml(inline ?? v ?? "") };
    case "str":
      if (v === undefined) return hasFormula ? uncached() : null;
      return { type: "text", text: unescapeOoxml(v) };
    case "b":
      if (v === undefined || v === "") return hasFormula ? uncached() : null;
      return { type: "bool", text: v.trim() === "1" || v.trim().toLowerCase() === "true" ? "TRUE" : "FALSE" };
    case "e":
      return { type: "error", text: v ?? "#N/A" };
    case "d":
      return v === undefined ? null : { type: "text", text: v };
    default: {
      if (v === undefined || v.trim() === "") return hasFormula ? uncached() : null;
      const text = storedNumberText(v);
      return text === null ? { type: "error", text: v } : { type: "number", text };
    }
  }
}

/** The rows of a worksheet part: [{ row, cells }], cells indexed by column (holes for blanks). */
function readWorksheet(xml, shared, maxRows, onRows) {
  const rows = [];
  let row = null;
  let lastRow = 0;
  let column = -1;
  let cell = null;
  let capture = null; // "v", "f", "t" while inside one of those
  let inInline = false;
  let inPhonetic = 0;
  parseXml(xml, {
    open(name, attrs, selfClosing) {
      if (name === "c") {
        const a = attrs();
        column = a.r ? columnIndex(a.r) : column + 1;
        cell = { t: a.t ?? "n", v: undefined, hasFormula: false, formula: "", inline: null };
      } else if (cell !== null) {
        if (name === "v" && !selfClosing) (cell.v = ""), (capture = "v");
        else if (name === "v") cell.v = "";
        else if (name === "f") (cell.hasFormula = true), (capture = selfClosing ? null : "f");
        else if (name === "is") (inInline = true), (cell.inline = "");
        else if (name === "rPh") inPhonetic++;
        else if (name === "t" && inInline && !selfClosing) capture = "t";
      } else if (name === "row") {
        const a = attrs();
        const number = a.r ? Number(a.r) : lastRow + 1;
        lastRow = number;
        row = { row: number, cells: [] };
        column = -1;
      }
    },
    close(name) {
      if (name === "c") {
        const made = cell && row && makeCell(cell, shared);
        if (made) row.cells[column] = made;
        cell = null;
        capture = null;
      } else if (name === "row") {
        if (row && row.cells.length > 0) {
          rows.push(row);
          if (rows.length > maxRows) throw new XlsxError("too_many_rows");
          if (onRows && rows.length % 1000 === 0) onRows(rows.length);
        }
        row = null;
      } else if (name === "is") inInline = false;
      else if (name === "rPh") inPhonetic--;
      else if (name === capture) capture = null;
    },
    text(value, decode) {
      if (capture === null || cell === null) return;
      if (capture === "v") cell.v += decode(value);
      else if (capture === "f") cell.formula += decode(value);
      else if (inPhonetic === 0) cell.inline += decode(value);
    },
  });
  return rows;
}

/**
 * The cells of a workbook's sheet: the first whose name is one of `sheetNames` (compared
 * without case), else the first visible worksheet. Returns { sheet, sheets, rows }; throws
 * XlsxError for a part that is missing, too large or not XML.
 */
export function readXlsx(bytes, { sheetNames = [], maxPartBytes, maxRows, onRows = null }) {
  const extract = (wanted) => {
    let total = 0;
    try {
      return unzipSync(bytes, {
        filter(file) {
          if (!wanted.has(file.name)) return false;
          total += file.originalSize;
          if (total > maxPartBytes) throw new XlsxError("too_large");
          return true;
        },
      });
    } catch (error) {
      if (error instanceof XlsxError) throw error;
      throw new XlsxError("broken");
    }
  };
  const part = (files, name) => {
    const data = files[name];
    if (!data) throw new XlsxError("broken");
    return partText(data);
  };

  const root = readRelationships(part(extract(new Set(["_rels/.rels"])), "_rels/.rels"));
  const main = root.find((r) => r.type.endsWith("/officeDocument"));
  const workbookPath = main ? resolveTarget("", main.target) : "xl/workbook.xml";
  const meta = extract(new Set([workbookPath, relsPath(workbookPath)]));

  const sheets = [];
  parseXml(part(meta, workbookPath), {
    open(name, attrs) {
      if (name !== "sheet") return;
      const a = attrs();
      const id = Object.entries(a).find(([key]) => key === "id" || key.endsWith(":id"))?.[1];
      sheets.push({ name: a.name ?? "", id, hidden: a.state === "hidden" || a.state === "veryHidden" });
    },
  });
  const relationships = readRelationships(part(meta, relsPath(workbookPath)));
  const worksheets = sheets
    .map((sheet) => ({ ...sheet, rel: relationships.find((r) => r.id === sheet.id) }))
    .filter((sheet) => sheet.rel?.type.endsWith("/worksheet"));
  if (worksheets.length === 0) throw new XlsxError("empty");

  const wanted = sheetNames.map((name) => name.toLowerCase());
  const chosen =
    worksheets.find((sheet) => wanted.includes(sheet.name.trim().toLowerCase())) ??
    worksheets.find((sheet) => !sheet.hidden) ??
    worksheets[0];
  const sheetPath = resolveTarget(workbookPath, chosen.rel.target);
  const sharedRel = relationships.find((r) => r.type.endsWith("/sharedStrings"));
  const sharedPath = sharedRel ? resolveTarget(workbookPath, sharedRel.target) : null;
  const data = extract(new Set([sheetPath, ...(sharedPath ? [sharedPath] : [])]));
  const shared = sharedPath && data[sharedPath] ? readSharedStrings(partText(data[sharedPath])) : [];
  return {
    sheet: chosen.name,
    sheets: worksheets.map((sheet) => sheet.name),
    rows: readWorksheet(part(data, sheetPath), shared, maxRows, onRows),
  };
}

/** The file names in a zip, and its OpenDocument mimetype if it has one; null if it is not a readable zip. */
export function zipContents(bytes) {
  const names = [];
  try {
    const files = unzipSync(bytes, {
      filter(file) {
        names.push(file.name);
        return file.name === "mimetype" && file.originalSize < 200;
      },
    });
    return { names, mimetype: files.mimetype ? utf8.decode(files.mimetype).trim() : null };
  } catch {
    return null;
  }
}
