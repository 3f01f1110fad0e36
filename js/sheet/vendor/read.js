// The libraries the reader uses, as one module. scripts/build-package.mjs bundles this file
// with the libraries inside (minified, licences kept), so that the package still has no
// dependencies and its browser files still work copied to any static host.
//   fflate: unzips the workbook (.xlsx is a zip of XML parts).
//   saxen: a small, fast SAX parser for those parts.
export { unzipSync } from "fflate";
export { Parser } from "saxen";
