// The one DOM helper of the element (mount.js) and of the page around it (www/main.js,
// www/review.js, which import it from the package beside the page: ./pkg/ui/dom.js).
// Elements are built with createElement/textContent only: no text is ever parsed as HTML.

/** Creates an element: props are attributes, except `class`, `text` (textContent) and the `value`, `checked`, `selected` properties. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "text") el.textContent = value;
    else if (name === "value" || name === "checked" || name === "selected") el[name] = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}
