// Present mode: save two views from the window (the best path to a decision-maker, and the
// sceptics through the stance filter), see them in the Views tab, present them full-window,
// move with the arrow keys and Page Up/Down, run axe-core on a slide, and leave with Escape.
// Screenshots present-*.png.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const RIGHT = "\uE014", LEFT = "\uE012", PAGE_DOWN = "\uE00F", HOME = "\uE011", ESCAPE = "\uE00C";

export default (h) => {
  const { open, shot, tab, blur } = h;
  const seen = {};
  const views = (s) => s.run("return [...document.querySelectorAll('[data-views] li')].map((li) => li.querySelector('.caption, input').textContent || li.querySelector('input').value);");
  const slide = (s) => s.run(`return {
    caption: document.querySelector('[data-present-caption]')?.textContent ?? null,
    note: document.querySelector('[data-present-note]')?.textContent ?? null,
    counter: document.querySelector('[data-present-counter]')?.textContent ?? null,
    ready: document.querySelector('[data-present]')?.getAttribute('data-present-ready') === 'yes',
    toolbar: !!document.querySelector('header.toolbar')?.offsetParent,
    side: !!document.querySelector('aside.side')?.offsetParent,
    legend: [...document.querySelectorAll('[data-present-legend] li')].map((li) => li.textContent.trim()),
  };`);
  const onSlide = (s, counter) => s.until(async () => {
    const now = await slide(s);
    return now.counter === counter && now.ready ? now : null;
  }, `slide ${counter}`, 30000);
  const saveView = async (s, caption) => {
    await s.click("button[title^='Keep what the window shows']");
    await s.waitFor("[data-save-view] input");
    await s.type("[data-save-view] input", caption);
    await shot(`present-0${seen.saved = (seen.saved ?? 0) + 1}-save-strip`);
    await s.click("[data-save-view] button.primary");
    await s.until(async () => s.run("return !document.querySelector('[data-save-view]');"), "the strip to close once saved");
  };

  return [
    ["present: save two views (a best path, the sceptics) from the window", async () => {
      const s = await open();
      await tab("Views");
      seen.before = (await s.until(async () => { const v = await views(s); return v.length ? v : null; }, "the saved views", 20000)).length;
      console.log(`    the map has ${seen.before} saved views`);
      await shot("present-00-views-tab");

      // The best path to the CIO, highlighted, saved with its caption.
      await tab("Path");
      const cio = await s.run("const o = [...document.querySelectorAll('select[name=path-to] option')].find((o) => /Chief Information Officer/.test(o.textContent)); return o ? o.value : null;");
      if (!cio) throw new Error("no CIO among the decision-makers");
      await s.choose("select[name=path-to]", cio);
      await s.click("form.grid button[type=submit]");
      await s.waitFor("[data-paths] li");
      await saveView(s, "E2E: our way to the CIO");

      // The sceptics and blockers, through the sidebar's stance filter.
      await blur();
      await s.run("document.querySelector('nav.tabs button').click(); return true;");
      for (const stance of ["sceptic", "blocker"]) {
        await s.run("const l = [...document.querySelectorAll('ul.legend label.check')].find((l) => l.textContent.trim().startsWith(arguments[0])); l.querySelector('input').click(); return true;", stance);
      }
      await saveView(s, "E2E: who doubts us");
      await s.run("for (const i of document.querySelectorAll('ul.legend input:checked')) i.click(); return true;");

      await tab("Views");
      const after = await s.until(async () => { const v = await views(s); return v.length === seen.before + 2 ? v : null; }, "two more views listed", 20000);
      if (after[seen.before] !== "E2E: our way to the CIO" || after[seen.before + 1] !== "E2E: who doubts us") throw new Error(`the views listed: ${JSON.stringify(after)}`);
      const described = await s.run("return [...document.querySelectorAll('[data-views] li')].slice(-2).map((li) => li.textContent);");
      if (!/best path from the home team to/.test(described[0]) || !/sceptics and blockers/.test(described[1])) throw new Error(`described as: ${JSON.stringify(described)}`);
      await shot("present-03-views-listed");
    }],
    ["present: present full-window, move with the arrow keys and Page Down", async () => {
      const s = h.session;
      // From the first of the two saved here.
      await s.run("document.querySelectorAll('[data-views] li .caption')[arguments[0]].click(); return true;", seen.before);
      const total = seen.before + 2;
      const first = await onSlide(s, `${seen.before + 1} / ${total}`);
      if (first.caption !== "E2E: our way to the CIO" || !/^Best path from the home team to /.test(first.note)) throw new Error(`first slide: ${JSON.stringify(first)}`);
      if (first.toolbar || first.side) throw new Error("the toolbar or the side panel is still showing");
      // The slide carries its legend: the five stances and the path's ring.
      if (first.legend.length !== 6 || !first.legend.includes("on the path")) throw new Error(`the path slide's legend: ${JSON.stringify(first.legend)}`);
      console.log(`    ${first.counter}: ${first.caption} — ${first.note}`);
      await shot("present-04-path");

      await s.keys(RIGHT);
      const second = await onSlide(s, `${total} / ${total}`);
      if (second.caption !== "E2E: who doubts us" || !/sceptics and blockers/.test(second.note)) throw new Error(`second slide: ${JSON.stringify(second)}`);
      console.log(`    ${second.counter}: ${second.caption} — ${second.note}`);
      await shot("present-05-sceptics");
      await s.keys(RIGHT);
      await onSlide(s, `${total} / ${total}`);
      await s.keys(LEFT);
      await onSlide(s, `${seen.before + 1} / ${total}`);

      // The demo's own story from the start: the whole map, then the best path to the CFO.
      await s.keys(HOME);
      const start = await onSlide(s, `1 / ${total}`);
      console.log(`    ${start.counter}: ${start.caption}`);
      await shot("present-06-first");
      await s.keys(PAGE_DOWN);
      const cfo = await onSlide(s, `2 / ${total}`);
      console.log(`    ${cfo.counter}: ${cfo.caption} — ${cfo.note}`);
      await shot("present-07-second");
      await s.keys(RIGHT);
      const board = await onSlide(s, `3 / ${total}`);
      console.log(`    ${board.counter}: ${board.caption} — ${board.note}`);
      // The slide shows the board it names: the view's region was saved where the executives
      // were drawn, and the picture scenarios have laid the map out again since, so the
      // canvas frames the board's people instead of an empty corner.
      const framed = await s.until(async () => {
        const f = await s.run("return document.querySelector('[data-framed]')?.getAttribute('data-framed') ?? null;");
        const [shown, of] = (f ?? "0/0").split("/").map(Number);
        return of >= 3 && shown >= 3 ? { shown, of } : null;
      }, "the board's people framed on its slide", 20000);
      console.log(`    ${framed.shown} of the ${framed.of} people the board slide is about are in view`);
      if (!board.legend.includes("on the board") || board.legend.includes("on the path")) throw new Error(`the board slide's legend: ${JSON.stringify(board.legend)}`);
      await shot("present-08-third");
    }],
    ["present: axe-core finds no serious or critical violation on a slide", async () => {
      const s = h.session;
      const axe = readFileSync(resolve(h.here, "../../ui/node_modules/axe-core/axe.min.js"), "utf8");
      await s.run(`${axe}; return true;`);
      await s.cmd("POST", "/timeouts", { script: 120000 });
      const v = await s.cmd("POST", "/execute/async", {
        script: `const done = arguments[arguments.length - 1];
          axe.run(document, { resultTypes: ["violations"] }).then((r) => done(r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ")) }))),
            (e) => done([{ id: "axe failed", impact: String(e), nodes: [] }]));`,
        args: [],
      });
      console.log(`    ${v.length} serious or critical: ${JSON.stringify(v).slice(0, 800)}`);
      if (v.length) throw new Error(JSON.stringify(v).slice(0, 1500));
    }],
    ["present: Escape leaves and gives the window back", async () => {
      const s = h.session;
      await s.keys(ESCAPE);
      await s.until(async () => {
        const now = await slide(s);
        return now.caption === null && now.toolbar && now.side ? now : null;
      }, "the window with its toolbar and panels again", 20000);
      await shot("present-09-left");
      // The views are still there, in their order; the last two are removed again (each one undo step).
      await tab("Views");
      const listed = await views(s);
      if (listed.length !== seen.before + 2) throw new Error(`views after presenting: ${JSON.stringify(listed)}`);
      for (let i = 0; i < 2; i++) {
        await s.run("const b = [...document.querySelectorAll('[data-views] li')].pop().querySelector('button[aria-label^=Delete]'); b.click(); return true;");
        await s.until(async () => (await views(s)).length === seen.before + 1 - i, "the view to be deleted");
      }
    }],
  ];
};
