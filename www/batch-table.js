// The batch view's results table: one row per cluster, thousands of them, of which only the
// rows in sight (and a few either side) are in the DOM. The table scrolls in its own box,
// under a sticky header; space above and below the rendered rows keeps the scroll bar true
// to the whole list. Rows have one height (cells do not wrap), so a row's place is its
// position times that height.
//
// Keyboard: the table is one Tab stop, the current row's button (the cluster's name); ↑ ↓,
// Page Up, Page Down, Home and End move the current row, scrolling it into sight; Enter
// opens it. The header's buttons sort (aria-sort on the sorted column).
//
// Rows already rendered are kept as they are while the view scrolls, so that the focused
// row's button stays in the DOM (and keeps the focus) as long as it is in sight.
import { h } from "./pkg/ui/dom.js";

/** Rows rendered beyond those in sight, on each side. */
const OVERSCAN = 12;
/** A row's height before one has been measured (2.75rem at 16px). */
const FALLBACK_ROW_PX = 44;

/**
 * @param {{ onSort: (columnId: string) => void, onOpen: (row: object, position: number) => void }} handlers
 *
 * Columns are { id, head, cell(row) → Node | string, className?, header? } (`header`: the
 * one column whose cells are row headers and hold the button that opens the row).
 */
export function createResultsTable({ onSort, onOpen }) {
  const caption = h("caption", { class: "batch-caption" });
  const colgroup = h("colgroup");
  const headRow = h("tr", { "aria-rowindex": 1 });
  const thead = h("thead", {}, headRow);
  const before = h("tr", { class: "batch-spacer", "aria-hidden": "true" }, h("td"));
  const after = h("tr", { class: "batch-spacer", "aria-hidden": "true" }, h("td"));
  const tbody = h("tbody", {}, before, after);
  const table = h("table", { class: "batch-table", id: "batch-table" }, caption, colgroup, thead, tbody);
  const empty = h("p", { class: "batch-empty", hidden: true });
  const box = h("div", { class: "batch-scroll", id: "batch-scroll" }, table);
  const element = h("div", { class: "batch-table-wrap" }, box, empty);

  let columns = [];
  let view = [];
  let current = 0;
  let rowPx = 0;
  /** Rendered rows by position in the view: position → <tr>. */
  let rendered = new Map();
  let frame = 0;

  function rowHeight() {
    if (!rowPx) {
      const sample = rendered.values().next().value;
      const measured = sample?.getBoundingClientRect().height;
      if (measured) rowPx = measured;
    }
    return rowPx || FALLBACK_ROW_PX;
  }

  function renderHead(sort) {
    colgroup.replaceChildren(...columns.map((c) => h("col", { class: `batch-col-${c.kind ?? c.id}` })));
    headRow.replaceChildren(
      ...columns.map((column) => {
        const sorted = sort.column === column.id;
        const arrow = sorted ? (sort.descending ? "▼" : "▲") : "↕";
        const button = h(
          "button",
          { type: "button", class: "batch-sort", "data-column": column.id },
          h("span", { class: "batch-sort-label", text: column.head }),
          h("span", { class: "batch-sort-arrow", "aria-hidden": "true", text: arrow }),
        );
        button.addEventListener("click", () => onSort(column.id));
        return h(
          "th",
          { scope: "col", class: `batch-head batch-cell-${column.kind ?? column.id}`, "aria-sort": sorted ? (sort.descending ? "descending" : "ascending") : null },
          button,
        );
      }),
    );
  }

  function makeRow(position) {
    const row = view[position];
    const tr = h("tr", { "aria-rowindex": position + 2, "data-row": row.row, "data-position": position, "data-status": row.status });
    for (const column of columns) {
      const content = column.cell(row);
      if (column.header) {
        const button = h("button", { type: "button", class: "batch-open", tabindex: position === current ? 0 : -1 }, content);
        button.addEventListener("click", () => {
          setCurrent(position);
          onOpen(row, position);
        });
        tr.append(h("th", { scope: "row", class: `batch-cell batch-cell-${column.kind ?? column.id}` }, button));
      } else {
        tr.append(h("td", { class: `batch-cell batch-cell-${column.kind ?? column.id}` }, content));
      }
    }
    if (position === current) tr.classList.add("batch-current");
    return tr;
  }

  /** Renders the rows in sight (and OVERSCAN either side), keeping those already there. */
  function render() {
    frame = 0;
    const px = rowHeight();
    const top = Math.max(0, box.scrollTop - thead.offsetHeight);
    const first = Math.max(0, Math.floor(top / px) - OVERSCAN);
    const last = Math.min(view.length, Math.ceil((top + box.clientHeight) / px) + OVERSCAN);
    for (const [position, tr] of rendered) {
      if (position < first || position >= last) {
        tr.remove();
        rendered.delete(position);
      }
    }
    const kept = [...rendered.keys()];
    const low = kept.length ? Math.min(...kept) : last;
    const high = kept.length ? Math.max(...kept) : last - 1;
    // New rows go before the first kept one or after the last: kept rows never move.
    const head = document.createDocumentFragment();
    for (let p = first; p < Math.min(low, last); p++) head.append(remember(p));
    (rendered.get(low) ?? after).before(head);
    const tail = document.createDocumentFragment();
    for (let p = Math.max(high + 1, first); p < last; p++) tail.append(remember(p));
    after.before(tail);
    before.hidden = first === 0;
    after.hidden = last >= view.length;
    before.style.height = `${first * px}px`;
    after.style.height = `${(view.length - last) * px}px`;
    if (px === FALLBACK_ROW_PX && rendered.size) {
      // The first rows give the height (none while the table is hidden): the spacers are set again with it.
      rowHeight();
      if (rowPx && rowPx !== px) render();
    }
  }

  function remember(position) {
    const tr = makeRow(position);
    rendered.set(position, tr);
    return tr;
  }

  function clearRows() {
    for (const tr of rendered.values()) tr.remove();
    rendered = new Map();
  }

  box.addEventListener("scroll", () => {
    frame ||= requestAnimationFrame(render);
  });
  // The box's height follows the window's.
  window.addEventListener("resize", () => {
    frame ||= requestAnimationFrame(render);
  });

  function setCurrent(position) {
    const previous = rendered.get(current);
    if (previous) {
      previous.classList.remove("batch-current");
      const button = previous.querySelector(".batch-open");
      if (button) button.tabIndex = -1;
    }
    current = Math.max(0, Math.min(position, view.length - 1));
    const tr = rendered.get(current);
    if (tr) {
      tr.classList.add("batch-current");
      const button = tr.querySelector(".batch-open");
      if (button) button.tabIndex = 0;
    }
  }

  /** Scrolls the box so that the row at `position` is in sight below the sticky header. */
  function reveal(position) {
    const px = rowHeight();
    const headPx = thead.offsetHeight;
    const rowTop = headPx + position * px;
    const visible = box.clientHeight - headPx;
    if (rowTop - headPx < box.scrollTop) box.scrollTop = rowTop - headPx;
    else if (rowTop + px > box.scrollTop + headPx + visible) box.scrollTop = rowTop + px - box.clientHeight;
    render();
  }

  /** Makes `position` the current row, in sight; moves the focus to it when `focus`. */
  function goTo(position, { focus = true } = {}) {
    if (view.length === 0) return;
    const target = Math.max(0, Math.min(position, view.length - 1));
    reveal(target);
    setCurrent(target);
    if (focus) rendered.get(target)?.querySelector(".batch-open")?.focus({ preventScroll: true });
  }

  tbody.addEventListener("keydown", (event) => {
    if (!event.target.classList?.contains("batch-open")) return;
    const page = Math.max(1, Math.floor((box.clientHeight - thead.offsetHeight) / rowHeight()) - 1);
    const next = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: view.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    goTo(next);
  });

  return {
    element,
    /**
     * Shows `rows` (already filtered and sorted) with `columns`; `sort` is { column, descending }.
     * The current row and the scroll are kept when `keep` (a language switch), else reset.
     */
    show({ columns: next, rows, sort, captionText, emptyText, keep = false }) {
      columns = next;
      view = rows;
      caption.textContent = captionText;
      table.setAttribute("aria-rowcount", String(view.length + 1));
      renderHead(sort);
      clearRows();
      rowPx = 0;
      if (!keep) {
        current = 0;
        box.scrollTop = 0;
      }
      current = Math.min(current, Math.max(0, view.length - 1));
      empty.hidden = view.length > 0;
      empty.textContent = emptyText;
      render();
    },
    goTo,
    /** The position of a spreadsheet row in the view, or -1. */
    positionOf(rowNumber) {
      return view.findIndex((row) => row.row === rowNumber);
    },
    /** Where the table is: to come back to it (after a row's report). */
    get state() {
      return { scrollTop: box.scrollTop, current };
    },
    restore({ scrollTop, current: position }) {
      box.scrollTop = scrollTop;
      render();
      setCurrent(position);
    },
    focusCurrent() {
      rendered.get(current)?.querySelector(".batch-open")?.focus({ preventScroll: true });
    },
    render,
  };
}
