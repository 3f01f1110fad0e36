// The library the writers use, as one module; bundled like ./read.js by
// scripts/build-package.mjs. write-excel-file writes the workbook; its documented "feature"
// hooks and XML helpers add the drop-downs (data validation), which it does not write itself.
export { default as writeXlsxFile } from "write-excel-file/universal";
export { insertElementMarkupAccordingToOrderOfSiblings, sanitizeTextContent, sanitizeAttributeValue } from "write-excel-file/utility";
