// What a file is, from its bytes: a name can lie (an .xls that is really a web page, a
// photo renamed .xlsx), the first bytes do not. The name is used only to word a message.

const startsWith = (bytes, signature, at = 0) => signature.every((b, i) => bytes[at + i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const IMAGES = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x42, 0x4d], // BMP
  [0x49, 0x49, 0x2a, 0x00], // TIFF
  [0x4d, 0x4d, 0x00, 0x2a],
];
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF
const OTHER_BINARY = [
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // Windows program
];

function isWebp(bytes) {
  return startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8);
}

/** Whether text-like bytes contain NUL (text files do not; UTF-16 is told by its BOM first). */
function hasNul(bytes) {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * The kind of file: "zip", "cfb" (an OLE compound file: .xls, or an encrypted workbook),
 * "image", "pdf", "binary", or "text" (CSV, JSON, or a web page saved as .xls).
 */
export function sniff(bytes) {
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return "zip";
  if (startsWith(bytes, CFB)) return "cfb";
  if (IMAGES.some((s) => startsWith(bytes, s)) || isWebp(bytes)) return "image";
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return "text"; // UTF-16 BOM
  if (OTHER_BINARY.some((s) => startsWith(bytes, s)) || hasNul(bytes)) return "binary";
  return "text";
}

/**
 * The names of the streams of an OLE compound file (MS-CFB), read from its directory: an
 * encrypted .xlsx is such a file holding "EncryptedPackage", an .xls one holding
 * "Workbook" (or "Book" before Excel 97). Returns null when the container is damaged.
 */
export function compoundFileStreams(bytes) {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorSize = 1 << view.getUint16(0x1e, true);
  if (sectorSize !== 512 && sectorSize !== 4096) return null;
  const sectorAt = (id) => sectorSize + id * sectorSize;
  const u32 = (offset) => (offset + 4 <= bytes.length ? view.getUint32(offset, true) : 0xffffffff);

  // The FAT's own sectors are listed by the DIFAT: 109 entries in the header, then a chain.
  const fatSectors = [];
  for (let i = 0; i < 109; i++) fatSectors.push(u32(0x4c + i * 4));
  let difat = u32(0x44);
  for (let guard = 0; difat < 0xfffffffa && guard < 1 << 16; guard++) {
    const base = sectorAt(difat);
    for (let i = 0; i < sectorSize / 4 - 1; i++) fatSectors.push(u32(base + i * 4));
    difat = u32(base + sectorSize - 4);
  }
  const perSector = sectorSize / 4;
  const next = (id) => {
    const fat = fatSectors[Math.floor(id / perSector)];
    return fat === undefined || fat >= 0xfffffffa ? 0xfffffffe : u32(sectorAt(fat) + (id % perSector) * 4);
  };

  const names = [];
  const seen = new Set();
  for (let id = u32(0x30); id < 0xfffffffa && !seen.has(id); id = next(id)) {
    seen.add(id);
    const base = sectorAt(id);
    if (base + sectorSize > bytes.length) return null;
    for (let entry = base; entry < base + sectorSize; entry += 128) {
      const type = bytes[entry + 0x42];
      const length = view.getUint16(entry + 0x40, true);
      if (type !== 2 || length < 2 || length > 64) continue; // 2: a stream
      let name = "";
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(view.getUint16(entry + i, true));
      names.push(name);
    }
  }
  return names;
}

/** What a zip holds, from its file names: a workbook, another Office or OpenDocument file, or something else. */
export function zipKind(names, mimetype) {
  const has = (prefix) => names.some((name) => name.startsWith(prefix));
  if (mimetype?.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return "ods";
  if (mimetype?.startsWith("application/vnd.oasis.opendocument")) return "other_office";
  if (names.includes("xl/workbook.bin")) return "xlsb";
  if (has("xl/")) return "xlsx";
  if (has("word/") || has("ppt/")) return "other_office";
  return "zip";
}
