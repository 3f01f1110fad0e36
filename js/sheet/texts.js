// Every message of the spreadsheet reader and writer, in Chinese and English. A message
// says what is wrong, where (row, column, field) and what to do, because the person who
// reads it is looking at the sheet, not at this code.

/** Limits of what is read, stated in the messages that enforce them. */
export const LIMITS = Object.freeze({
  /** A file larger than this is refused before anything is parsed. */
  bytes: 20 * 1024 * 1024,
  /** Rows of data (blank rows not counted). */
  rows: 100_000,
  /** The parts of a workbook that are unzipped, together: guards against zip bombs. */
  partBytes: 256 * 1024 * 1024,
  /** Rows above the header row that may hold a title. */
  headerSearch: 20,
});

const SAVE_AS = {
  zh: "请在 Excel、WPS 或 LibreOffice 中打开，另存为 .xlsx（Excel 工作簿）后再选择。",
  en: "Open it in Excel, WPS or LibreOffice, save it as .xlsx (Excel Workbook), and choose that file.",
};
const CHOOSE = { zh: "请选择 .xlsx、.csv 或 .json 文件。", en: "Choose an .xlsx, .csv or .json file." };

/** Why a whole file is refused: one message, in both languages. */
export function refusal(code, detail = {}) {
  const text = {
    too_large: {
      zh: `文件超过 ${LIMITS.bytes / 1024 / 1024} MB，无法读取：请删去不需要的工作表或行，或分成几个文件。`,
      en: `The file is larger than ${LIMITS.bytes / 1024 / 1024} MB, the most that is read: remove sheets or rows that are not needed, or split it into several files.`,
    },
    too_many_rows: {
      zh: `表格超过 ${LIMITS.rows.toLocaleString("en")} 行，无法读取：请分成几个文件。`,
      en: `The sheet has more than ${LIMITS.rows.toLocaleString("en")} rows, the most that is read: split it into several files.`,
    },
    image: { zh: `这是一张图片，不是表格。${CHOOSE.zh}`, en: `This is a picture, not a spreadsheet. ${CHOOSE.en}` },
    pdf: { zh: `这是 PDF 文件，不是表格。${CHOOSE.zh}`, en: `This is a PDF document, not a spreadsheet. ${CHOOSE.en}` },
    binary: { zh: `这不是表格文件，无法读取。${CHOOSE.zh}`, en: `This is not a spreadsheet and cannot be read. ${CHOOSE.en}` },
    encrypted: {
      zh: "工作簿设有打开密码，无法读取：请在 Excel 或 WPS 中输入密码打开，取消加密（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx。",
      en: "The workbook is protected by a password and cannot be read: open it in Excel or WPS with the password, remove the encryption (Excel: File → Info → Protect Workbook → Encrypt with Password, clear the password), and save it as .xlsx.",
    },
    xls: {
      zh: `这是 Excel 97–2003 格式（.xls），此处不直接读取。${SAVE_AS.zh}`,
      en: `This is an Excel 97–2003 workbook (.xls), which is not read here. ${SAVE_AS.en}`,
    },
    xlsb: {
      zh: `这是 Excel 二进制工作簿（.xlsb），此处不直接读取。${SAVE_AS.zh}`,
      en: `This is an Excel Binary Workbook (.xlsb), which is not read here. ${SAVE_AS.en}`,
    },
    ods: {
      zh: `这是 OpenDocument 表格（.ods），此处不直接读取。${SAVE_AS.zh}`,
      en: `This is an OpenDocument spreadsheet (.ods), which is not read here. ${SAVE_AS.en}`,
    },
    html: {
      zh: `这是网页（HTML）或 XML 文件，只是扩展名像表格（有些系统这样导出“.xls”）。${SAVE_AS.zh}`,
      en: `This is a web page (HTML) or XML file that only looks like a spreadsheet by its name (some systems export ".xls" files this way). ${SAVE_AS.en}`,
    },
    other_office: {
      zh: `这是 Word、PowerPoint 或其他 Office 文档，不是表格。${CHOOSE.zh}`,
      en: `This is a Word, PowerPoint or other Office document, not a spreadsheet. ${CHOOSE.en}`,
    },
    zip: {
      zh: "这是一个压缩包，不是 Excel 工作簿：请先解压，再选择其中的 .xlsx 或 .csv 文件。",
      en: "This is a zip archive, not an Excel workbook: unpack it first and choose the .xlsx or .csv file inside.",
    },
    broken: {
      zh: "工作簿已损坏或不完整，无法读取：请在 Excel 或 WPS 中打开，重新保存为 .xlsx 后再选择。",
      en: "The workbook is damaged or incomplete and cannot be read: open it in Excel or WPS, save it again as .xlsx, and choose that file.",
    },
    empty: {
      zh: `表格是空的${detail.sheet ? `（工作表“${detail.sheet}”）` : ""}：没有任何数据。`,
      en: `The sheet${detail.sheet ? ` "${detail.sheet}"` : ""} is empty: it holds no data.`,
    },
    no_header: {
      zh: `找不到表头行${detail.sheet ? `（工作表“${detail.sheet}”）` : ""}：前 ${LIMITS.headerSearch} 行里没有一个单元格是字段名${detail.example ? `（如“${detail.example.label.zh}”或 ${detail.example.key}）` : ""}。请在数据上方用一行写明各列的字段名，可下载模板参照。`,
      en: `No header row was found${detail.sheet ? ` in the sheet "${detail.sheet}"` : ""}: none of the first ${LIMITS.headerSearch} rows has a cell naming a field${detail.example ? ` (such as "${detail.example.label.en}" or ${detail.example.key})` : ""}. Put one row naming each column above the data; the template shows how.`,
    },
    no_rows: {
      zh: `表头（第 ${detail.row} 行）下面没有数据：${detail.each === "enterprise" ? "每家企业" : "每个集群"}填写一行。`,
      en: `There is no data below the header (row ${detail.row}): fill in one row per ${detail.each === "enterprise" ? "enterprise" : "cluster"}.`,
    },
    json_invalid: {
      zh: `JSON 文件无法解析：${detail.reason ?? ""}。请检查文件是否完整。`,
      en: `The JSON file cannot be parsed: ${detail.reason ?? ""}. Check that the file is complete.`,
    },
    json_shape: {
      zh: "JSON 文件应是一个数组，每一项是一个集群的数据（与 evaluateMany 所收的相同）。",
      en: "The JSON file must be an array with one cluster's figures per item (what evaluateMany takes).",
    },
  }[code];
  return Object.freeze({ zh: text?.zh ?? code, en: text?.en ?? code });
}

/** Where a problem is: "第 7 行，“年营业收入（亿元）”列（C 列）" / "Row 7, column "年营业收入（亿元）" (C)". */
export function where({ row, column, letter, unit = "row" }) {
  const zh = [];
  const en = [];
  if (row !== null && row !== undefined) {
    zh.push(unit === "item" ? `第 ${row} 项` : `第 ${row} 行`);
    en.push(unit === "item" ? `item ${row}` : `row ${row}`);
  }
  if (column !== null && column !== undefined) {
    zh.push(`“${column}”列${letter ? `（${letter} 列）` : ""}`);
    en.push(`column "${column}"${letter ? ` (${letter})` : ""}`);
  } else if (letter) {
    zh.push(`第 ${letter} 列`);
    en.push(`column ${letter}`);
  }
  const enText = en.join(", ");
  return { zh: zh.join("，"), en: enText.charAt(0).toUpperCase() + enText.slice(1) };
}

/** A field as messages name it: its label and its key. */
export const fieldName = (label, key) => ({ zh: `${label.zh}（${key}）`, en: `${key} (${label.en})` });

const quote = (value) => `“${value}”`;
const quoteEn = (value) => `"${value}"`;

/** What is wrong, without the place: { zh, en } for a problem code and its details. */
export function problemText(code, d) {
  const f = d.field ? fieldName(d.field.label, d.field.key) : { zh: "", en: "" };
  switch (code) {
    case "unknown_column":
      return {
        zh: `不是字段名，此列未读取${d.suggestion ? `；最接近的字段是 ${d.suggestion.zh}` : ""}。`,
        en: `is not the name of a field, so the column was not read${d.suggestion ? `; the nearest field is ${d.suggestion.en}` : ""}.`,
      };
    case "no_header":
      return { zh: "有数据但没有表头，此列未读取。", en: "has data but no header, so the column was not read." };
    case "duplicate_column":
      return {
        zh: `与${quote(d.other)}列给出同一项数据 ${f.zh}，无法确定用哪一列：凡填写了其中一列的行，此项都按有误处理。请删去其中一列。`,
        en: `gives the same figure as column ${quoteEn(d.other)}, ${f.en}, and it cannot be told which to use: in every row that fills either, the figure counts as unusable. Delete one of the columns.`,
      };
    case "duplicate_value":
      return {
        zh: `${f.zh} 由多列给出（${d.columns.map(quote).join("、")}），无法确定用哪一列。`,
        en: `${f.en} is given by several columns (${d.columns.map(quoteEn).join(", ")}); it cannot be told which to use.`,
      };
    case "no_year":
      return {
        zh: `${f.zh} 按年度填写，表头须写明年份，例如“${d.example.zh}”或 ${d.example.key}；此列未读取。`,
        en: `${f.en} is given per year: the header must name the year, e.g. "${d.example.en}" or ${d.example.key}; the column was not read.`,
      };
    case "wrong_unit":
      return {
        zh: `${d.unit} 不是 ${f.zh} 的单位（可用：${d.units.zh}），此列未读取。`,
        en: `${d.unit} is not a unit of ${f.en} (use ${d.units.en}); the column was not read.`,
      };
    case "unknown_value":
      if (d.kind === "set") {
        return {
          zh: `${quote(d.value)} 不是 ${f.zh} 的项目；可填写：${d.choices.zh}。`,
          en: `${quoteEn(d.value)} is not one of ${f.en}; use: ${d.choices.en}.`,
        };
      }
      return {
        zh: `${f.zh}：${quote(d.value)} 不是“是/否”；请填写 是/否、有/无、√/×、Y/N、yes/no、true/false 或 1/0。`,
        en: `${f.en}: ${quoteEn(d.value)} is not yes or no; use 是/否, 有/无, √/×, Y/N, yes/no, true/false or 1/0.`,
      };
    case "not_a_number":
      return {
        zh: `${f.zh}：${quote(d.value)} 不是数字，无法从${d.from.zh}换算为${d.to.zh}。请只填写数字，可带小数点和千位分隔符。`,
        en: `${f.en}: ${quoteEn(d.value)} is not a number, so it cannot be converted from ${d.from.en} to ${d.to.en}. Give digits only, with an optional decimal point and thousands separators.`,
      };
    case "inexact_unit":
      return {
        zh: `${f.zh}：${d.value} ${d.from.zh}换算为${d.to.zh}不是有限小数，无法精确换算；请直接按${d.to.zh}填写。`,
        en: `${f.en}: ${d.value} ${d.from.en} in ${d.to.en} is not a terminating decimal and cannot be converted exactly; give it in ${d.to.en}.`,
      };
    case "formula_not_calculated":
      return {
        zh: `公式未计算：请在表格软件中重新计算并保存（${f.zh}，公式 ${d.value}）。`,
        en: `The formula has not been calculated: recalculate and save the file in the spreadsheet program (${f.en}, formula ${d.value}).`,
      };
    case "formula_error":
      return {
        zh: `${f.zh}：单元格是错误值 ${d.value}，请在表格软件中更正公式或数据。`,
        en: `${f.en}: the cell holds the error value ${d.value}; correct the formula or data in the spreadsheet program.`,
      };
    case "unclosed_quote":
      return {
        zh: "引号没有闭合：从这一行起到文件末尾都被读成了一个单元格。请检查该行的双引号。",
        en: "A quote is never closed: everything from this row to the end of the file was read as one cell. Check the double quotes in that row.",
      };
    default:
      return { zh: code, en: code };
  }
}

/** Problems whose text continues the column's name as a sentence ("“X”列不是字段名…"). */
const ABOUT_THE_COLUMN = new Set(["unknown_column", "no_header", "duplicate_column"]);

/** A problem's message: the place, then what is wrong. */
export function problemMessage(code, place, details) {
  const what = problemText(code, details);
  const placed = where(place);
  if (!placed.zh) return Object.freeze(what);
  const joined = ABOUT_THE_COLUMN.has(code);
  return Object.freeze({
    zh: `${placed.zh}${joined ? "" : "："}${what.zh}`,
    en: `${placed.en}${joined ? " " : ": "}${what.en}`,
  });
}

/** Words of results tables. */
export const WORDS = Object.freeze({
  status: {
    met: { zh: "达到", en: "met" },
    not_met: { zh: "未达到", en: "not met" },
    missing: { zh: "未填写", en: "missing" },
    invalid: { zh: "数据有误", en: "invalid" },
  },
  verdict: {
    met: { zh: "达到全部条件", en: "meets all conditions" },
    not_met: { zh: "未达到", en: "not met" },
    incomplete: { zh: "信息不完整", en: "incomplete" },
  },
  yes: { zh: "是", en: "yes" },
  no: { zh: "否", en: "no" },
});
