// A large cluster sheet for the benchmarks and the batch view's tests: .xlsx bytes written
// here as Excel writes a sheet, not by cluster-check's own writer.
import { zipSync, strToU8 } from "fflate";
import { templateColumns } from "cluster-check/sheet";

/**
 * A workbook of `rows` clusters in the template's columns of `catalog`, as Excel would save
 * it: shared strings, numbers with 17 significant digits, zipped with fflate. Every row is
 * read without a problem.
 */
export function clusterWorkbook(catalog, rows) {
  const columns = templateColumns(catalog, { lang: "zh" });
  const strings = [];
  const index = new Map();
  const shared = (text) => {
    if (!index.has(text)) index.set(text, strings.push(text) - 1);
    return index.get(text);
  };
  const letter = (i) => (i < 26 ? "" : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
  const value = (column, r) => {
    switch (column.kind) {
      case "text":
        return `第${r}号产业集群`;
      case "year":
        return 2023;
      case "bool":
      case "member":
        return r % 7 === 0 ? "否" : "是";
      case "count":
        return (r * 37) % 300;
      default:
        return ((r * 7919) % 2_000_000) + 0.01 * (r % 100); // two decimals, stored with 17 digits
    }
  };
  const xml = [];
  xml.push(`<row r="1">${columns.map((c, i) => `<c r="${letter(i)}1" t="s"><v>${shared(c.header)}</v></c>`).join("")}</row>`);
  for (let r = 2; r <= rows + 1; r++) {
    const cells = columns.map((c, i) => {
      const v = value(c, r);
      return typeof v === "number"
        ? `<c r="${letter(i)}${r}"><v>${Number.isInteger(v) ? v : v.toPrecision(17)}</v></c>`
        : `<c r="${letter(i)}${r}" t="s"><v>${shared(v)}</v></c>`;
    });
    xml.push(`<row r="${r}">${cells.join("")}</row>`);
  }
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipSync({
    "[Content_Types].xml": strToU8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
    "_rels/.rels": strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="集群" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet ${ns}><sheetData>${xml.join("")}</sheetData></worksheet>`),
    "xl/sharedStrings.xml": strToU8(`<sst ${ns} count="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`),
  });
}
