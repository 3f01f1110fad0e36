// The page's draft (www/draft.js) when things go wrong, in Chromium on dist/www:
//   - storage nearly full: a save that fails says so under the buttons (pointing to
//     导出数据 / Export figures) instead of claiming the figures are saved, and the older
//     draft is kept and still read; storage full to the last byte is named as such, not as
//     "this browser does not allow saving", and the draft is still restored;
//   - two tabs: a tab that sees another tab save different figures stops saving over them,
//     says so, and offers to load them or to keep its own;
//   - a draft this page cannot read (a newer version's, cut short, of the wrong shape, an
//     unknown unit, fields the import rule refuses, far too many keys) is not loaded: the
//     page says so and moves it aside, as it was, instead of deleting it.
// (The single file opened from file:// keeps no draft at all: single-file.test.mjs.)
//
//   node --test --test-concurrency=1 tests/browser/draft.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { evaluate } from "cluster-check";
import { createDrafts } from "../../dist/www/draft.js";
// The page's own list of the figures' keys, as built (it reads the element's fields).
import { figureKeys } from "../../dist/www/figure-keys.js";
import { PHONE_LARGE, downloadOf, figuresOf, fill, messageOf, openPage, runAxe, topScreenshots, usePage, waitReady } from "./page-support.mjs";

const DRAFT_KEY = "cluster-check.draft";
const UNREADABLE_KEY = "cluster-check.draft.unreadable";

const state = usePage({ before, after });

const stored = (page, key = DRAFT_KEY) => page.evaluate((key) => localStorage.getItem(key), key);
const storedDraft = async (page) => JSON.parse(await stored(page));

/** The note under the buttons: what it says, its state, and the buttons it offers. */
function noteOf(page) {
  return page.evaluate(() => {
    const note = document.getElementById("draft-note");
    return {
      saving: note.dataset.saving,
      text: note.querySelector(".page-draft-text")?.textContent ?? note.textContent,
      actions: [...note.querySelectorAll("button")].map((button) => button.dataset.action),
    };
  });
}

/**
 * Fills this origin's localStorage to the last byte, as other tools on the same portal
 * might; then frees `slack` characters (a key of one character and a value of slack - 1).
 */
function fillStorage(page, slack = 0) {
  return page.evaluate((slack) => {
    if (slack > 0) localStorage.setItem("g", "x".repeat(slack - 1));
    let size = 1 << 20;
    let i = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`f${i++}`, "x".repeat(size));
      } catch {
        size >>= 1;
      }
    }
    if (slack > 0) localStorage.removeItem("g");
  }, slack);
}

const freeStorage = (page) =>
  page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (/^f\d+$/.test(key)) localStorage.removeItem(key);
  });

/** A draft as the page writes it. */
const draftOf = (figures, { review = [], units = {} } = {}) =>
  JSON.stringify({ version: 1, saved: "2024-05-06T07:08:09.000Z", single: { figures, units }, review });

// ---------------------------------------------------------------------- www/draft.js in Node

/** localStorage as Chromium keeps it, holding at most `quota` characters (keys and values). */
class FakeStorage {
  #items = new Map();
  constructor(quota = Infinity) {
    this.quota = quota;
  }
  get length() {
    return this.#items.size;
  }
  getItem(key) {
    return this.#items.get(key) ?? null;
  }
  setItem(key, value) {
    const used = [...this.#items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + String(value).length > this.quota) throw new DOMException("full", "QuotaExceededError");
    this.#items.set(key, String(value));
  }
  removeItem(key) {
    this.#items.delete(key);
  }
  keys() {
    return [...this.#items.keys()];
  }
}

const KEYS = figureKeys();
const year = (figures) => ({ figures, units: {} });
const stateOf = (figures) => ({ single: year(figures), review: [year({}), year({})] });

describe("the draft module (www/draft.js), in Node", () => {
  test("a save writes only what changed; a failed one says 'full' and leaves the older draft", () => {
    const storage = new FakeStorage(400);
    const drafts = createDrafts({ storage: () => storage, events: null, keys: () => KEYS });
    assert.equal(drafts.status, "on");
    const changes = [];
    drafts.onChange(() => changes.push(drafts.status));
    drafts.save(stateOf({ name: "甲" }));
    const first = storage.getItem(DRAFT_KEY);
    drafts.save(stateOf({ name: "甲" }));
    assert.equal(storage.getItem(DRAFT_KEY), first, "unchanged figures are not written again");
    drafts.save(stateOf({ name: "乙".repeat(400) }));
    assert.equal(drafts.status, "full");
    assert.equal(storage.getItem(DRAFT_KEY), first);
    drafts.save(stateOf({ name: "乙" }));
    assert.equal(drafts.status, "on");
    assert.deepEqual(changes, ["full", "on"]);
    assert.deepEqual(createDrafts({ storage: () => storage, events: null, keys: () => KEYS }).load().draft.single.figures, { name: "乙" });
  });

  test("a probe refused for lack of room is 'full' and the draft is read; an empty storage that refuses is 'off'", () => {
    const storage = new FakeStorage();
    storage.setItem(DRAFT_KEY, draftOf({ name: "甲" }));
    storage.quota = 0;
    const drafts = createDrafts({ storage: () => storage, events: null, keys: () => KEYS });
    assert.equal(drafts.status, "full");
    assert.deepEqual(drafts.load().draft.single.figures, { name: "甲" });
    assert.equal(createDrafts({ storage: () => new FakeStorage(0), events: null }).status, "off");
    assert.equal(
      createDrafts({
        storage: () => {
          throw new DOMException("no", "SecurityError");
        },
        events: null,
      }).status,
      "off",
    );
  });

  test("an unreadable draft with no room to move it stays where it is, and nothing is saved over it until cleared", () => {
    const raw = JSON.stringify({ version: 7, single: { figures: { name: "x".repeat(100) } } });
    const storage = new FakeStorage();
    storage.setItem(DRAFT_KEY, raw);
    storage.setItem(UNREADABLE_KEY, "an older one");
    storage.quota = DRAFT_KEY.length + raw.length + UNREADABLE_KEY.length + 12 + 5;
    const drafts = createDrafts({ storage: () => storage, events: null, keys: () => KEYS });
    const { draft, unreadable } = drafts.load();
    assert.equal(draft, null);
    assert.deepEqual(unreadable, { reason: { kind: "newer", version: 7 }, key: DRAFT_KEY, kept: "held" });
    assert.equal(drafts.status, "full");
    drafts.save(stateOf({ name: "甲" }));
    assert.equal(storage.getItem(DRAFT_KEY), raw, "not saved over");
    assert.equal(storage.getItem(UNREADABLE_KEY), "an older one");
    drafts.clear();
    assert.deepEqual(storage.keys(), []);
    assert.equal(drafts.status, "on");
    drafts.save(stateOf({ name: "甲" }));
    assert.match(storage.getItem(DRAFT_KEY), /甲/);
  });

  test("another tab: the same figures are no conflict; other figures pause saving until resumed", () => {
    const storage = new FakeStorage();
    const events = new EventTarget();
    const drafts = createDrafts({ storage: () => storage, events, keys: () => KEYS });
    drafts.load();
    drafts.save(stateOf({ name: "甲" }));
    const tell = (value) => {
      const event = new Event("storage");
      Object.assign(event, { key: DRAFT_KEY, newValue: value, storageArea: storage });
      if (value === null) storage.removeItem(DRAFT_KEY);
      else storage.setItem(DRAFT_KEY, value);
      events.dispatchEvent(event);
    };
    tell(draftOf({ name: "甲" }));
    assert.equal(drafts.status, "on", "the same figures, saved at another time");
    tell(draftOf({ name: "乙" }));
    assert.equal(drafts.status, "paused");
    drafts.save(stateOf({ name: "甲2" }));
    assert.match(storage.getItem(DRAFT_KEY), /乙/, "nothing saved while paused");
    assert.deepEqual(drafts.loadOther().draft.single.figures, { name: "乙" });
    drafts.resume();
    drafts.save(stateOf({ name: "乙" }));
    assert.equal(drafts.status, "on");
    tell(null);
    assert.equal(drafts.status, "paused");
    assert.equal(drafts.otherRemoved, true);
    drafts.resume({ keep: true });
    assert.match(storage.getItem(DRAFT_KEY), /乙/, "kept: saved again");
  });

  test("from a file: nothing is read or written but the preferences; clear still removes a draft", () => {
    const storage = new FakeStorage();
    storage.setItem(DRAFT_KEY, draftOf({ name: "planted" }));
    const drafts = createDrafts({ fromFile: true, storage: () => storage, events: null, keys: () => KEYS });
    assert.equal(drafts.status, "file");
    assert.deepEqual(drafts.load(), { draft: null, unreadable: null });
    drafts.save(stateOf({ name: "甲" }));
    assert.match(storage.getItem(DRAFT_KEY), /planted/);
    drafts.setPref("cluster-check.lang", "en");
    assert.equal(drafts.pref("cluster-check.lang"), "en");
    drafts.clear();
    assert.equal(storage.getItem(DRAFT_KEY), null);
  });

  test("the import rule on a draft: keys at once, values with the engine", () => {
    const storage = new FakeStorage();
    storage.setItem(DRAFT_KEY, draftOf({ name: "甲", defined_area: "yes" }));
    const drafts = createDrafts({ storage: () => storage, events: null, keys: () => KEYS });
    const { draft } = drafts.load();
    assert.ok(draft, "every key is known: read");
    const refused = drafts.vet(draft, evaluate);
    assert.deepEqual(refused.reason.problems.map((p) => [p.part, p.field, p.code]), [["single", "defined_area", "wrong_type"]]);
    assert.equal(refused.kept, "aside");
    assert.equal(storage.getItem(DRAFT_KEY), null);
    assert.match(storage.getItem(UNREADABLE_KEY), /defined_area/);
  });
});

// ---------------------------------------------------------------------- the page

describe("storage (nearly) full", () => {
  test("a save that fails says so and points to the export; the older draft is kept and read; freed space saves again", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { name: "早先保存的名称" });
    await page.waitForFunction((key) => localStorage.getItem(key)?.includes("早先保存的名称"), DRAFT_KEY);
    // Full to the last byte but for a little: a probe of the storage still fits.
    await fillStorage(page, 48);
    await page.reload();
    await waitReady(page);
    assert.equal(await page.inputValue("#app #cc-f-name"), "早先保存的名称");

    await fill(page, { name: `新填写的名称${"长".repeat(1000)}`, revenue: ["300000", "wan"] });
    const note = await noteOf(page);
    assert.equal(note.saving, "full", "the note says the figures are not saved");
    assert.match(note.text, /存储空间已满/);
    assert.match(note.text, /没有保存/);
    assert.match(note.text, /导出数据/);
    assert.doesNotMatch(note.text, /自动保存在本浏览器中/, "never 'saved' when it was not");
    assert.deepEqual(note.actions, ["export"], "the export is offered right there");
    assert.equal((await storedDraft(page)).single.figures.name, "早先保存的名称", "the older draft is left as it was");
    await topScreenshots(page, "draft-full");
    await runAxe(page, "storage full");

    // The export in the note saves what is on screen.
    const exported = await downloadOf(page, () => page.click("#draft-note button[data-action='export']"));
    assert.equal(JSON.parse(exported.text).revenue_wan, "300000");

    // In English, in English.
    await page.click("#lang-toggle");
    const english = await noteOf(page);
    assert.match(english.text, /storage for this site is full/);
    assert.match(english.text, /Export figures/);
    await page.click("#lang-toggle");

    // A reload still reads the older draft, and does not call it what was last entered.
    await page.reload();
    await waitReady(page);
    assert.equal(await page.inputValue("#app #cc-f-name"), "早先保存的名称");
    const restored = await messageOf(page);
    assert.match(restored.text, /已恢复本设备上保存的数据（保存于 /);
    assert.doesNotMatch(restored.text, /上次/);

    // Once there is room again, the next change is saved, and the note says so.
    await freeStorage(page);
    await fill(page, { revenue: ["300000", "wan"] });
    await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key)).single.figures.revenue_wan === "300000", DRAFT_KEY);
    assert.equal((await noteOf(page)).saving, "on");
    assert.match((await noteOf(page)).text, /自动保存在本浏览器中/);
    await close();
  });

  test("full to the last byte: named as full, not as refused, and the draft is still restored", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { name: "早先保存的名称", related_smes: "25" });
    await page.waitForFunction((key) => localStorage.getItem(key)?.includes("早先保存的名称"), DRAFT_KEY);
    await fillStorage(page);
    await page.reload();
    await waitReady(page);
    const note = await noteOf(page);
    assert.equal(note.saving, "full");
    assert.match(note.text, /存储空间已满/);
    assert.doesNotMatch(note.text, /不允许/, "the browser does allow saving: its storage is full");
    assert.deepEqual(note.actions, ["export"]);
    assert.deepEqual(await figuresOf(page), { name: "早先保存的名称", related_smes: "25" }, "the readable draft is restored");
    assert.match((await messageOf(page)).text, /已恢复本设备上保存的数据/);
    await close();
  });
});

describe("two tabs", () => {
  test("a tab that sees another save different figures stops saving over them, says so, and offers both ways", async () => {
    const { context, page: a, close } = await openPage(state);
    const b = await context.newPage();
    const errors = [];
    b.on("pageerror", (error) => errors.push(String(error)));
    await b.goto(state.url);
    await waitReady(b);

    await fill(a, { name: "甲标签页的集群", revenue: ["111111", "wan"] });
    await a.waitForFunction((key) => localStorage.getItem(key)?.includes("111111"), DRAFT_KEY);
    // B, which still shows an empty form, has been told.
    await b.waitForFunction(() => document.getElementById("draft-note").dataset.saving === "paused");
    const note = await noteOf(b);
    assert.match(note.text, /另一个标签页/);
    assert.deepEqual(note.actions, ["load-other", "keep-mine"]);
    await topScreenshots(b, "draft-other-tab");
    await runAxe(b, "another tab saved");

    // Typing in B saves nothing over A's figures.
    await fill(b, { related_smes: "25" });
    await b.waitForTimeout(300);
    assert.equal((await storedDraft(a)).single.figures.name, "甲标签页的集群");
    await a.reload();
    await waitReady(a);
    assert.equal(await a.inputValue("#app #cc-f-name"), "甲标签页的集群");
    assert.equal(await a.inputValue("#app #cc-f-revenue"), "111111");
    assert.equal((await noteOf(a)).saving, "on", "a reload of the same figures is no conflict");

    // B loads A's figures, with an undo; then both tabs agree and B saves again.
    await b.click("#draft-note button[data-action='load-other']");
    assert.deepEqual(await figuresOf(b), { name: "甲标签页的集群", revenue_wan: "111111" });
    assert.equal((await noteOf(b)).saving, "on");
    assert.match((await messageOf(b)).text, /已载入另一个标签页保存的数据/);
    assert.equal((await messageOf(b)).undo, true);

    // Now A changes something, and B keeps its own instead: B saves over it, and A is told.
    await fill(a, { year: "2016" });
    await b.waitForFunction(() => document.getElementById("draft-note").dataset.saving === "paused");
    await b.click("#draft-note button[data-action='keep-mine']");
    await b.waitForFunction((key) => JSON.parse(localStorage.getItem(key)).single.figures.year === undefined, DRAFT_KEY);
    assert.equal((await noteOf(b)).saving, "on");
    await a.waitForFunction(() => document.getElementById("draft-note").dataset.saving === "paused");

    // A clear in one tab is a change too: the other does not bring the figures back by itself.
    await a.click("#draft-note button[data-action='load-other']");
    await a.click("#clear-draft");
    await b.waitForFunction(() => document.getElementById("draft-note").dataset.saving === "paused");
    assert.match((await noteOf(b)).text, /清除/);
    await fill(b, { related_smes: "30" });
    await b.waitForTimeout(300);
    assert.equal(await stored(b), null, "the cleared figures stay cleared");

    // In English, in English.
    await b.click("#lang-toggle");
    assert.match((await noteOf(b)).text, /another tab/);
    await topScreenshots(b, "draft-other-tab-cleared");
    assert.deepEqual(errors, []);
    await b.close();
    await close();
  });
});

describe("a draft this page cannot read", () => {
  const UNREADABLE = [
    ["a newer version's", JSON.stringify({ version: 2, single: { figures: { name: "新版本的草稿" } } }), /更新版本/],
    ["cut short", '{"version":1,"single":{"figures":{"name":"半截', /第 1 行第 \d+ 列/],
    ["null", "null", /不是本页保存的数据/],
    ["an array", "[1,2]", /不是本页保存的数据/],
    ["figures that are not an object", JSON.stringify({ version: 1, single: { figures: "x" } }), /不是本页保存的数据/],
    ["an unknown unit", JSON.stringify({ version: 1, single: { figures: { revenue_wan: "5" }, units: { revenue: "<img>" } } }), /不是本页保存的数据/],
    ["an unknown field", draftOf({ name: "甲", reveune_wan: 5 }), /reveune_wan/],
    ["a value of the wrong type", draftOf({ name: "甲", defined_area: "yes" }), /defined_area/],
    ["a wrong field in a re-review year", draftOf({}, { review: [{ figures: { year: "2014" } }, { figures: { year: "2016", startup_base: "no" } }] }), /复核年度.*startup_base/],
  ];

  for (const [what, raw, reason] of UNREADABLE) {
    test(`${what}: said, moved aside as it was, never deleted; new figures are saved as usual`, async () => {
      const { page, close } = await openPage(state, { storage: { [DRAFT_KEY]: raw } });
      await page.waitForSelector("#page-alert:not(:empty)");
      const message = await messageOf(page);
      assert.equal(message.kind, "alert");
      assert.match(message.text, /本机保存的数据无法读取，没有载入/);
      const items = message.items.map((item) => item.text).join("\n");
      assert.match(items, reason);
      assert.match(items, /cluster-check\.draft\.unreadable/, "says where it is kept");
      assert.doesNotMatch(items, /已忽略/);
      assert.equal(await stored(page, UNREADABLE_KEY), raw, "kept exactly as it was");
      assert.deepEqual(await figuresOf(page), {}, "nothing of it was loaded");
      await fill(page, { name: "新的" });
      await page.waitForFunction((key) => localStorage.getItem(key)?.includes("新的"), DRAFT_KEY);
      assert.equal(await stored(page, UNREADABLE_KEY), raw, "still there after new figures are saved");
      if (what === "a newer version's") {
        await runAxe(page, "unreadable draft");
        await topScreenshots(page, "draft-unreadable");
      }
      await close();
    });
  }

  test("in English, in English; a second unreadable draft does not replace the first", async () => {
    const first = JSON.stringify({ version: 3, single: { figures: {} } });
    const raw = '{"version":1,"single":';
    const { page, close } = await openPage(state, { lang: "en", viewport: PHONE_LARGE, storage: { [DRAFT_KEY]: raw, [UNREADABLE_KEY]: first } });
    await page.waitForSelector("#page-alert:not(:empty)");
    const message = await messageOf(page);
    assert.equal(message.text, "The figures saved on this device could not be read and were not loaded:");
    const items = message.items.map((item) => item.text).join("\n");
    assert.match(items, /line 1, column 23/);
    assert.match(items, /cluster-check\.draft\.unreadable\.2/);
    assert.equal(await stored(page, UNREADABLE_KEY), first);
    assert.equal(await stored(page, `${UNREADABLE_KEY}.2`), raw);
    // "Clear saved data" clears those too: on a shared computer nothing of the figures stays.
    // (On a phone the tools are in their menu.)
    await page.click("#tools-menu");
    await page.click("#clear-draft");
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("cluster-check.draft"))), []);
    await close();
  });

  test("a planted draft of 50,000 fields is refused at once, before the engine, and typing stays fast", async () => {
    const figures = {};
    for (let i = 0; i < 50_000; i++) figures[`k${i.toString(36)}`] = 0;
    const raw = draftOf(figures);
    const { page, close } = await openPage(state, { storage: { [DRAFT_KEY]: raw } });
    await page.waitForSelector("#page-alert:not(:empty)");
    const message = await messageOf(page);
    assert.match(message.text, /本机保存的数据无法读取/);
    assert.ok(message.items.length <= 12, `${message.items.length} items listed`);
    assert.match(message.items.map((item) => item.text).join("\n"), /数据项目太多（50000 项）/);
    assert.deepEqual(await figuresOf(page), {});
    const took = await page.evaluate(async () => {
      const input = document.getElementById("app").shadowRoot.getElementById("cc-f-related_smes");
      const changed = new Promise((done) => document.addEventListener("cluster-check-change", done, { once: true }));
      const start = performance.now();
      input.value = "25";
      input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
      await changed;
      return performance.now() - start;
    });
    assert.ok(took < 1000, `a keystroke took ${took} ms`);
    assert.equal(await stored(page, UNREADABLE_KEY), raw);
    await close();
  });

  test("a readable draft from before is restored as before (XSS text shown as text, a garbage date as —)", async () => {
    const raw = JSON.stringify({ version: 1, saved: "not a date", single: { figures: { name: "<img src=x onerror=alert(1)>" } }, review: [] });
    const { page, close } = await openPage(state, { storage: { [DRAFT_KEY]: raw } });
    await page.waitForSelector("#page-status:not(:empty)");
    assert.equal(await page.inputValue("#app #cc-f-name"), "<img src=x onerror=alert(1)>");
    assert.equal((await messageOf(page)).text, "已恢复本设备上保存的数据（保存于 —）。");
    assert.equal(await stored(page, UNREADABLE_KEY), null);
    await close();
  });
});
