// CSV in and out. Chinese Excel and WPS save "CSV" in GB18030 (GBK) unless told to use
// UTF-8, and with the separator of the system's locale; both are told from the bytes.

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"),
 * else GB18030, which is what a byte sequence that is not valid UTF-8 is in practice here.
 * Returns { text, encoding }.
 */
export function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(body), encoding: "gb18030" };
  }
}

const DELIMITERS = [",", ";", "\t"];

/** The separator used by the header row: the one of , ; tab that occurs most outside quotes. */
export function detectDelimiter(text) {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let started = false; // blank lines above the header row do not end it
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) {
      if (started) break;
    } else if (!quoted && counts.has(c)) counts.set(c, counts.get(c) + 1);
    if (c.trim() !== "") started = true;
  }
  let best = ",";
  for (const d of DELIMITERS) if (counts.get(d) > counts.get(best)) best = d;
  return best;
}

/**
 * RFC 4180: fields separated by `delimiter`, records by CRLF, LF or CR; a field in double
 * quotes may hold separators, line breaks and "" for a quote. Returns
 * { records: string[][], unclosedAt } where unclosedAt is the record number (1-based) of a
 * quote that was never closed, or 0.
 */
export function parseCsv(text, delimiter) {
  const records = [];
  let record = [];
  let field = "";
  let quoted = false;
  let fieldStart = true;
  let quoteRecord = 0;
  const endField = () => {
    record.push(field);
    field = "";
    fieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      quoteRecord = records.length + 1;
    } else if (c === delimiter) endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else {
      field += c;
      fieldStart = false;
    }
  }
  if (field !== "" || record.length > 0 || quoted) endRecord();
  return { records, unclosedAt: quoted ? quoteRecord : 0 };
}

const needsQuotes = /[",\r\n;\t]|^\s|\s$/;

/**
 * Rows of text as CSV bytes for Excel: UTF-8 with a BOM (without it, Chinese Excel reads
 * UTF-8 as GBK and shows mojibake), comma separated, CRLF line ends, quoted where needed.
 */
export function writeCsv(rows) {
  const lines = rows.map((row) =>
    row
      .map((value) => {
        const text = value === null || value === undefined ? "" : String(value);
        return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
      })
      .join(","),
  );
  const body = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
  const out = new Uint8Array(body.length + 3);
  out.set(UTF8_BOM, 0);
  out.set(body, 3);
  return out;
}
