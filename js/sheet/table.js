// Any file a person may pick, turned into rows of cells, or refused with one message. The
// kind is told from the bytes; only a refusal's wording uses the file's name. Shared by
// every reader of sheets (clusters, enterprise rosters): nothing here knows a field.

import { sniff, compoundFileStreams, zipKind } from "./detect.js";
import { decodeText, detectDelimiter, parseCsv } from "./csv.js";
import { readXlsx, zipContents, XlsxError } from "./xlsx-read.js";
import { LIMITS, refusal } from "./texts.js";

/** A refusal: { ok: false, code, message: { zh, en } }. */
export const refuse = (code, detail) => ({ ok: false, code, message: refusal(code, detail) });

/** Bytes from what a caller may hold: Uint8Array, ArrayBuffer, a Node Buffer, a DataView. */
export function asBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError("cluster-check/sheet: expected the file's bytes (a Uint8Array or an ArrayBuffer)");
}

const isBlankText = (text) => text.trim() === "";

/** A cell that holds nothing: absent, or text of blanks only. */
export const isBlank = (cell) => !cell || (cell.type === "text" && isBlankText(cell.text));

/**
 * What a file holds, from its bytes: { ok: true, kind: "xlsx" | "csv" | "json", ... } or
 * a refusal. For a sheet: `rows` ([{ row, cells }], spreadsheet row numbers, blank rows
 * left out, cells indexed by column), `sheet` (its name, for .xlsx) and `sheets`; for
 * JSON: `value`, the parsed document.
 *
 * Options: `sheetNames`, the sheet to prefer in a workbook (compared without case), e.g.
 * ["集群", "clusters"]; otherwise the first visible sheet is read. `onRows(count)`, for a
 * progress bar: called with the rows read so far, every thousand rows of a worksheet and
 * once when the sheet is read (a caller in a Web Worker posts it on).
 */
export function readTable(input, { sheetNames = [], onRows = null } = {}) {
  const bytes = asBytes(input);
  if (bytes.length > LIMITS.bytes) return refuse("too_large");
  if (bytes.length === 0) return refuse("empty");
  switch (sniff(bytes)) {
    case "zip":
      return readZip(bytes, sheetNames, onRows);
    case "cfb":
      return readCompoundFile(bytes);
    case "image":
      return refuse("image");
    case "pdf":
      return refuse("pdf");
    case "binary":
      return refuse("binary");
    default:
      return readText(bytes, onRows);
  }
}

function readZip(bytes, sheetNames, onRows) {
  const contents = zipContents(bytes);
  if (!contents) return refuse("broken");
  const kind = zipKind(contents.names, contents.mimetype);
  if (kind !== "xlsx") return refuse(kind);
  try {
    const { sheet, sheets, rows } = readXlsx(bytes, { sheetNames, maxPartBytes: LIMITS.partBytes, maxRows: LIMITS.rows, onRows });
    const filled = rows.filter((row) => !row.cells.every(isBlank));
    onRows?.(filled.length);
    return { ok: true, kind: "xlsx", sheet, sheets, rows: filled };
  } catch (error) {
    if (error instanceof XlsxError) return refuse(error.code);
    throw error;
  }
}

function readCompoundFile(bytes) {
  const streams = compoundFileStreams(bytes);
  if (!streams) return refuse("broken");
  if (streams.includes("EncryptedPackage")) return refuse("encrypted");
  if (streams.includes("Workbook") || streams.includes("Book")) return refuse("xls");
  return refuse("other_office");
}

/**
 * The error values a spreadsheet program writes into a CSV for a cell whose formula failed:
 * Excel's and WPS's (`#DIV/0!`, `#N/A`, …) and LibreOffice's (`Err:502`). Such a cell is
 * read as the error it is, as in an .xlsx, not as a text the figure cannot be.
 */
const ERROR_VALUE = /^(?:#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)|Err:\d{3})$/;

/** One field of a CSV record as a cell: blank, an error value, or text. */
function csvCell(field) {
  if (isBlankText(field)) return undefined;
  const trimmed = field.trim();
  return ERROR_VALUE.test(trimmed) ? { type: "error", text: trimmed } : { type: "text", text: field };
}

function readText(bytes, onRows) {
  const { text } = decodeText(bytes);
  const start = text.trimStart();
  if (start === "") return refuse("empty");
  if (start.startsWith("[") || start.startsWith("{")) {
    try {
      return { ok: true, kind: "json", value: JSON.parse(start) };
    } catch (error) {
      return refuse("json_invalid", { reason: String(error.message).replace(/^JSON\.parse: /, "") });
    }
  }
  if (start.startsWith("<")) return refuse("html");
  const { records, unclosedAt } = parseCsv(text, detectDelimiter(text));
  if (records.length > LIMITS.rows + LIMITS.headerSearch) return refuse("too_many_rows");
  const rows = [];
  records.forEach((fields, i) => {
    const cells = fields.map(csvCell);
    if (cells.some((cell) => cell !== undefined)) rows.push({ row: i + 1, cells });
  });
  onRows?.(rows.length);
  return { ok: true, kind: "csv", sheet: null, sheets: [], rows, unclosedAt };
}

/** "C" for column index 2. */
export function columnLetter(index) {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
