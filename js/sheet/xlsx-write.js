// Workbooks written by write-excel-file, with one addition it leaves to "features": list
// drop-downs (data validation) on yes/no columns. Loaded only when a file is written.

import { writeXlsxFile, insertElementMarkupAccordingToOrderOfSiblings, sanitizeTextContent, sanitizeAttributeValue } from "./vendor/write.js";
import { storedNumberText } from "./decimal.js";

// The order of a worksheet's children (ECMA-376 Part 1, CT_Worksheet): Excel calls a
// workbook corrupt when <dataValidations> is out of place.
const WORKSHEET_CHILDREN = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
  "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
  "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
  "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
  "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];

const attribute = (name, value) => (value === undefined || value === null ? "" : ` ${name}="${sanitizeAttributeValue(String(value))}"`);

/** Excel limits an input message to 255 characters and its title to 32. */
const cut = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function validationMarkup({ sqref, list, prompt, error }) {
  // A list given inline is one formula: "是,否", quoted, at most 255 characters.
  const formula = `"${list.join(",")}"`;
  return (
    `<dataValidation type="list" allowBlank="1" showInputMessage="${prompt ? 1 : 0}" showErrorMessage="1" errorStyle="warning"` +
    attribute("promptTitle", prompt && cut(prompt.title, 32)) +
    attribute("prompt", prompt && cut(prompt.text, 255)) +
    attribute("errorTitle", error && cut(error.title, 32)) +
    attribute("error", error && cut(error.text, 225)) +
    ` sqref="${sqref}"><formula1>${sanitizeTextContent(formula)}</formula1></dataValidation>`
  );
}

const dropDowns = {
  files: {
    transform: {
      "xl/worksheets/sheet{id}.xml": {
        transform(content, options) {
          const validations = options.validations ?? [];
          if (validations.length === 0) return content;
          const markup = `<dataValidations count="${validations.length}">${validations.map(validationMarkup).join("")}</dataValidations>`;
          return insertElementMarkupAccordingToOrderOfSiblings(content, markup, WORKSHEET_CHILDREN, "worksheet");
        },
      },
    },
  },
};

/**
 * A cell for write-excel-file. Decimal text that a binary number holds exactly is written
 * as a number (so that a sheet can sort and sum it); any other text stays text, so that a
 * figure is never rounded on its way out.
 */
function cellOf(value, style) {
  if (value === null || value === undefined || value === "") return style ? { value: null, ...style } : null;
  if (typeof value === "object") return { ...value, ...style };
  if (typeof value === "number") return { value, type: Number, ...style };
  const text = String(value);
  if (/^-?\d+(\.\d+)?$/.test(text) && storedNumberText(Number(text)) === text.replace(/^-0$/, "0") && text.replace(/\D/g, "").length <= 15) {
    return { value: Number(text), type: Number, ...style };
  }
  return { value: text, type: String, ...style };
}

const HEADER_STYLE = { fontWeight: "bold", wrap: true, backgroundColor: "#E8EEF9", alignVertical: "top" };

/**
 * Writes a workbook: sheets of { name, rows (arrays of values), widths, header (style and
 * freeze the first row), validations: [{ sqref, list, prompt, error }] } → Uint8Array.
 */
export async function writeWorkbook(sheets) {
  const blob = await writeXlsxFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      data: sheet.rows.map((row, i) => row.map((value) => cellOf(value, sheet.header && i === 0 ? HEADER_STYLE : sheet.wrap ? { wrap: true, alignVertical: "top" } : undefined))),
      columns: (sheet.widths ?? []).map((width) => ({ width })),
      stickyRowsCount: sheet.header ? 1 : undefined,
      validations: sheet.validations,
    })),
    { features: [dropDowns] },
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
