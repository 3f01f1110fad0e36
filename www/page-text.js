// The texts of the page around the <cluster-check> element: its title, the document it is
// based on, the privacy line, the language toggle, the footer, and the page's own features
// (the saved draft, the share link, files, print, the two-year re-review). The element has
// its own texts (in the package); these are only the page's.

export const LANGUAGES = ["zh-CN", "en"];
export const DEFAULT_LANGUAGE = "zh-CN";

const TEXT = {
  "zh-CN": {
    "page.title": "中小企业特色产业集群条件自测",
    "page.basedOn": "依据：《{title}》（{document}，{issuer}，{issued}）",
    "document.label": "依据的文件",
    "page.privacy": "所有计算都在您的浏览器中完成，所填数据不会发送到任何地方。",
    "about.more": "展开文件说明",
    "about.less": "收起文件说明",
    "page.toggle": "English",
    "page.toggleLang": "en",
    "page.footer": "自测结果仅供参考，不是主管部门的认定。",
    "page.version": "计算引擎 {version}",

    "mode.label": "自测方式",
    "mode.single": "单年自测",
    "mode.batch": "批量自测",
    "roster.open": "从企业名单统计数据（可选）",

    "tools.label": "保存、分享和打印",
    "tools.copyLink": "复制链接",
    "tools.export": "导出数据",
    "tools.import": "导入数据…",
    "tools.report": "导出结果数据（JSON）",
    "tools.print": "打印报告 / 存为PDF",
    "tools.clear": "清除本机数据",
    "tools.formats": "“导出数据”把所填数据存为文件，以后可用“导入数据”接着填写；“打印报告”得到一两页的报告，可存为 PDF；“导出结果数据（JSON）”供其他系统读取。导入的文件有问题时不会载入，并逐项说明原因；数值为负、超出范围等问题照常载入，在该项旁提示，便于更正。",
    "tools.menu": "保存、分享和打印",
    "tools.keys": "用左右方向键在这些按钮之间移动。",
    "file.report": "这是报告文件（“导出结果数据”得到的结果），不是数据文件：请导入用“导出数据”保存的文件。",

    "draft.note": "所填数据自动保存在本浏览器中，只在这台设备上，刷新或下次打开本页时恢复。在公用电脑上用完请点“清除本机数据”。",
    "draft.unavailable": "本浏览器不允许保存数据：刷新或关闭本页后，所填数据将丢失。需要保留请用“导出数据”。",
    "draft.full": "本浏览器为本站保存数据的存储空间已满，所填数据没有保存：刷新或关闭本页后会丢失。需要保留请用“导出数据”。",
    "draft.file": "本页是从本机文件打开的，所填数据不会自动保存：浏览器为本机文件保存的数据，这台电脑上打开的其他本地网页文件都能读取。刷新或关闭本页前，请用“导出数据”保留所填数据。",
    "draft.paused": "本页在另一个标签页或窗口中也打开着，那里刚刚保存了不同的数据。为免互相覆盖，本页暂停自动保存。",
    "draft.pausedRemoved": "在另一个标签页或窗口中，本机保存的数据已被清除。为免把它们又保存回来，本页暂停自动保存。",
    "draft.loadOther": "载入另一个标签页的数据",
    "draft.clearHere": "本页也清空",
    "draft.keepMine": "保留并保存本页的数据",
    "draft.loadedOther": "已载入另一个标签页保存的数据。",
    "draft.clearedHere": "本页的表格也已清空。",
    "draft.keptMine": "已把本页的数据保存到本机，替换了另一个标签页保存的数据；那个标签页会看到提示。",
    "draft.restored": "已恢复本设备上保存的数据（保存于 {time}）。",
    "draft.cleared": "已清除本机保存的数据，表格已清空。",
    "draft.unreadable": "本机保存的数据无法读取，没有载入：",
    "draft.otherUnreadable": "另一个标签页保存的数据本页无法读取，没有载入：",
    "draft.newer": "它们来自更新版本的自测工具（草稿格式第 {version} 版），请用更新的版本打开。",
    "draft.damaged": "保存的内容已损坏：第 {line} 行第 {column} 列附近格式有误。",
    "draft.cut": "保存的内容不完整：在第 {line} 行第 {column} 列提前结束。",
    "draft.shape": "保存的内容不是本页保存的数据格式。",
    "draft.members": "保存的数据项目太多（{count} 项），而集群数据最多只有 {max} 项。",
    "draft.keptAside": "原来的数据没有删除：已原样移到本浏览器存储中的 {key}。本页从空白表格开始，照常保存新填写的数据。",
    "draft.keptInPlace": "原来的数据没有删除，仍在本浏览器中；存储空间已满，无法把它移开，为免覆盖，本页暂不自动保存。",
    "message.undo": "撤销",
    "message.undone": "已撤销，恢复了之前的数据。",

    "link.label": "分享链接",
    "link.copied": "链接已复制。数据在链接的“#”之后，只在打开链接的浏览器中读取，不会发送到任何服务器。",
    "link.copyFailed": "未能自动复制，请手动复制下面的链接。",
    "link.fileNote": "本页是从本机文件打开的：这个链接只在同一位置存有同一文件的电脑上有效。要把数据发给别人，请用“导出数据”。",
    "link.applied": "已打开链接中的数据。",
    "link.replaced": "本机原先保存的数据已被替换，可以撤销。",
    "link.refused": "这个链接无法打开，没有做任何更改：",
    "link.version": "链接的格式（{version}）本页不认识，可能来自更新版本的自测工具。",
    "link.damaged": "链接不完整或已被改动（校验不符）。请让发送人重新复制完整的链接。",
    "link.shape": "链接中的内容不是集群数据。",
    "link.tooLarge": "链接中的数据太多（解开后超过 64 KB），不是本工具生成的集群数据链接。",

    "file.exported": "已导出 {file}。",
    "file.imported": "已导入 {file}。",
    "file.importedErrors": "已导入 {file}。其中有数据需要更正，已在对应项目旁标出。",
    "file.refused": "未能导入 {file}，没有做任何更改：",
    "json.syntax": "不是有效的 JSON 文件：第 {line} 行第 {column} 列附近格式有误。",
    "json.end": "不是有效的 JSON 文件：内容在第 {line} 行第 {column} 列提前结束，文件可能不完整。",
    "json.empty": "文件是空的。",
    "json.deep": "第 {line} 行第 {column} 列：嵌套超过 {max} 层，不是集群数据文件。",
    "json.members": "第 {line} 行第 {column} 列开始的 {count} 项数据太多：集群数据最多只有 {max} 项，这不是集群数据文件。",
    "json.other": "不是有效的 JSON 文件。",
    "file.more": "另有 {n} 个问题未列出。",
    "file.tooLarge": "文件太大（{size} 字节），不是集群数据文件。",
    "file.notText": "文件不是 UTF-8 文本。",
    "file.shape": "文件应是一个数据对象 {…}，或复核对比的两个数据对象 [{…}, {…}]。",
    "file.yearShape": "这里只能导入一年的数据对象 {…}。",
    "file.toSingle": "（这是一年的数据，已切换到“单年自测”。）",
    "file.toReview": "（这是两年的数据，已切换到“{mode}”。）",
    "file.general": "文件：{message}",
    "file.yearProblem": "{year}：{message}",

    "report.downloaded": "已导出结果数据 {file}（供其他系统读取；要交给他人看，请用“打印报告”）。",
    "report.notReady": "计算引擎尚未就绪，请稍后再试。",

    "review.printLine": "依据：{basis} · 生成日期：{date}",
    "review.year": "{year}年",
    "review.importYear": "导入这一年的数据…",
    "review.fromSingle": "用单年自测的数据填入",
    "review.fromSingleDone": "已把单年自测的数据填入{year}栏。",
    "review.verdict.order": "两个年度的先后不对，暂不判断：请更正年度（复核年度应晚于前一年度）。",
    "review.copyEarlier": "用{earlier}的数据填入此栏",
    "review.copied": "已把{earlier}的数据填入{later}（年度除外），请修改有变化的项目。",
    "review.verdict.waiting": "正在计算…",
    "review.years": "{earlier}：{earlierVerdict}；{later}：{laterVerdict}。",
    "review.changes": "检查结果有变化的项目（{n} 项）",
    "review.noChanges": "两个年度的各项检查结果相同。",
    "review.values": "（{from} → {to}）",
    "review.order": "注意：{laterName}（{later}）应晚于{earlierName}（{earlier}）。",
    "review.noValue": "—",
  },
  en: {
    "page.title": "SME characteristic industrial clusters: self-assessment",
    "page.basedOn": "Based on: {title} ({document}, {issuer}, {issued})",
    "document.label": "Document",
    "page.privacy": "Everything is calculated in your browser; the figures you enter are not sent anywhere.",
    "about.more": "More about this document",
    "about.less": "Less about this document",
    "page.toggle": "中文",
    "page.toggleLang": "zh-CN",
    "page.footer": "A self-assessment for reference only, not an official decision.",
    "page.version": "Engine {version}",

    "mode.label": "Kind of assessment",
    "mode.single": "One year",
    "mode.batch": "Many clusters",
    "roster.open": "Count figures from an enterprise roster (optional)",

    "tools.label": "Save, share and print",
    "tools.copyLink": "Copy link",
    "tools.export": "Export figures",
    "tools.import": "Import figures…",
    "tools.report": "Export results (JSON)",
    "tools.print": "Print report / save as PDF",
    "tools.clear": "Clear saved data",
    "tools.formats": "“Export figures” saves what you entered to a file, to go on later with “Import figures”; “Print report” gives a report of one or two pages, which can be saved as PDF; “Export results (JSON)” is for other systems to read. A file with problems is not loaded, and each problem is listed; figures that are negative or out of range are loaded and marked beside their field, to be corrected.",
    "tools.menu": "Save, share and print",
    "tools.keys": "Use the left and right arrow keys to move between these buttons.",
    "file.report": "This is a results file (from “Export results”), not a figures file: import a file saved with “Export figures”.",

    "draft.note": "What you enter is saved in this browser, on this device only, and restored when you reload or come back. On a shared computer, press “Clear saved data” when you are done.",
    "draft.unavailable": "This browser does not allow saving: what you enter is lost when the page is reloaded or closed. Use “Export figures” to keep it.",
    "draft.full": "This browser's storage for this site is full, so what you enter is not saved: it is lost when the page is reloaded or closed. Use “Export figures” to keep it.",
    "draft.file": "This page was opened from a file on this computer, so what you enter is not saved: any other web page file opened on this computer could read what the browser keeps for local files. Use “Export figures” to keep your figures before reloading or closing the page.",
    "draft.paused": "This page is also open in another tab or window, which has just saved different figures. So that neither overwrites the other, this page has stopped saving.",
    "draft.pausedRemoved": "In another tab or window, the figures saved on this device were cleared. So that they are not saved again, this page has stopped saving.",
    "draft.loadOther": "Load the other tab's figures",
    "draft.clearHere": "Clear this page too",
    "draft.keepMine": "Keep and save this page's figures",
    "draft.loadedOther": "Loaded the figures saved in the other tab.",
    "draft.clearedHere": "This page's form is cleared too.",
    "draft.keptMine": "Saved this page's figures on this device, in place of the other tab's; that tab will say so.",
    "draft.restored": "Restored the figures saved on this device (saved {time}).",
    "draft.cleared": "The saved data has been cleared and the form emptied.",
    "draft.unreadable": "The figures saved on this device could not be read and were not loaded:",
    "draft.otherUnreadable": "The figures saved in the other tab cannot be read here and were not loaded:",
    "draft.newer": "They were saved by a newer version of this tool (draft format {version}); open them with that version.",
    "draft.damaged": "What is saved is damaged: its format is wrong near line {line}, column {column}.",
    "draft.cut": "What is saved is incomplete: it ends too early, at line {line}, column {column}.",
    "draft.shape": "What is saved is not in the format this page saves.",
    "draft.members": "What is saved has too many fields ({count}), where cluster figures have at most {max}.",
    "draft.keptAside": "Nothing was deleted: they were moved, as they were, to {key} in this browser's storage. This page starts from an empty form and saves what you enter as usual.",
    "draft.keptInPlace": "Nothing was deleted: they are still in this browser's storage. It is full, so they cannot be moved aside, and this page does not save over them.",
    "message.undo": "Undo",
    "message.undone": "Undone: the previous figures are back.",

    "link.label": "Share link",
    "link.copied": "Link copied. The figures are in the part after “#”, which is read only by the browser that opens the link and never sent to a server.",
    "link.copyFailed": "Could not copy automatically: copy the link below.",
    "link.fileNote": "This page was opened from a file on this computer: the link only works on a computer with the same file in the same place. To send the figures to someone, use “Export figures”.",
    "link.applied": "Opened the figures from the link.",
    "link.replaced": "The figures saved on this device before were replaced; you can undo.",
    "link.refused": "This link cannot be opened; nothing was changed:",
    "link.version": "The link's format ({version}) is unknown to this page; it may come from a newer version of the tool.",
    "link.damaged": "The link is incomplete or has been altered (its check does not match). Ask the sender to copy the whole link again.",
    "link.shape": "The link does not hold cluster figures.",
    "link.tooLarge": "The link holds too much data (over 64 KB once unpacked) to be cluster figures made by this tool.",

    "file.exported": "Exported {file}.",
    "file.imported": "Imported {file}.",
    "file.importedErrors": "Imported {file}. Some figures need correcting; they are marked beside their fields.",
    "file.refused": "{file} was not imported; nothing was changed:",
    "json.syntax": "Not a valid JSON file: the format is wrong near line {line}, column {column}.",
    "json.end": "Not a valid JSON file: it ends too early, at line {line}, column {column}; the file may be incomplete.",
    "json.empty": "The file is empty.",
    "json.deep": "Line {line}, column {column}: nested more than {max} levels deep, which no figures file is.",
    "json.members": "The {count} items from line {line}, column {column} are too many: cluster figures have at most {max}, so this is not a figures file.",
    "json.other": "Not a valid JSON file.",
    "file.more": "… and {n} more problems, not listed.",
    "file.tooLarge": "The file is too large ({size} bytes) to be a figures file.",
    "file.notText": "The file is not UTF-8 text.",
    "file.shape": "The file should hold one figures object {…}, or two for a re-review [{…}, {…}].",
    "file.yearShape": "Only one year's figures object {…} can be imported here.",
    "file.toSingle": " (It holds one year: switched to “One year”.)",
    "file.toReview": " (It holds two years: switched to “{mode}”.)",
    "file.general": "File: {message}",
    "file.yearProblem": "{year}: {message}",

    "report.downloaded": "Exported the results data {file} (for other systems to read; to hand to people, use “Print report”).",
    "report.notReady": "The calculation engine is not ready yet; try again in a moment.",

    "review.printLine": "Document: {basis} · Date: {date}",
    "review.year": "{year}",
    "review.importYear": "Import this year…",
    "review.fromSingle": "Fill in from “One year”",
    "review.fromSingleDone": "The figures of “One year” are filled in for “{year}”.",
    "review.verdict.order": "The two years are the wrong way round, so no verdict yet: correct the years (the re-review year comes after the earlier one).",
    "review.copyEarlier": "Fill in from “{earlier}”",
    "review.copied": "The figures of “{earlier}” (all but the year) are filled in for “{later}”: change what is different.",
    "review.verdict.waiting": "Calculating…",
    "review.years": "{earlier}: {earlierVerdict}; {later}: {laterVerdict}.",
    "review.changes": "Checks that changed ({n})",
    "review.noChanges": "Every check has the same result in both years.",
    "review.values": " ({from} → {to})",
    "review.order": "Note: “{laterName}” ({later}) should be later than “{earlierName}” ({earlier}).",
    "review.noValue": "—",
  },
};

/** The page's text of `key` in `lang` ("zh-CN" or "en"), with {name} filled from `vars`. */
// The re-review's own words are the document's (its ruleset's `review`, in the package's
// list of rulesets): which clause, how often, what losing the title means.
const REVIEW_TEXT = {
  "mode.review": "mode",
  "review.heading": "heading",
  "review.intro": "intro",
  "review.earlier": "earlier",
  "review.later": "later",
  "review.verdict.keep": "keep",
  "review.verdict.lose": "lose",
  "review.verdict.undetermined": "undetermined",
};

/** The re-review of the document shown (a ruleset's `review`), or null when it has none. */
let review = null;

/** Sets the document whose re-review the texts name: an entry of RULESETS (pkg/rulesets/index.js). */
export function setDocumentTexts(entry) {
  review = entry?.review ?? null;
}

/** Whether the document shown has a re-review. */
export const hasReview = () => review !== null;

export function pageText(lang, key, vars = {}) {
  const pick = (text) => (lang === "en" ? text.en : text.zh);
  const own = REVIEW_TEXT[key];
  if (own) return review ? pick(review[own]) : key;
  const words = review ? { mode: pick(review.mode), basis: pick(review.basis), earlier: pick(review.earlier), later: pick(review.later), earlierName: pick(review.earlier), laterName: pick(review.later) } : {};
  const all = { ...words, ...vars };
  const text = (TEXT[lang] ?? TEXT[DEFAULT_LANGUAGE])[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in all ? String(all[name]) : whole));
}

/** Why JSON text could not be read (parseJson's `error`, figures-file.js), with its line and column. */
export function jsonErrorText(lang, error) {
  const key = { syntax: "json.syntax", end: "json.end", empty: "json.empty", deep: "json.deep", members: "json.members" }[error.kind] ?? "json.other";
  return pageText(lang, key, error);
}

/** Both languages, for the test that checks they have the same keys. */
export const PAGE_TEXT = TEXT;
