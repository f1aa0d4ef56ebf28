// The picture, measured: on a fresh demo map at Fit, in each layout, the boxes the canvas drew
// (window.__advocatePicture: its nodes, labels, hulls and group titles, in viewport pixels) are
// checked for labels cut by the canvas, labels overlapping each other or a node, nodes, hulls
// or titles outside the view, department hulls overlapping each other, and anything drawn under
// the canvas's floating controls. Screenshots of each layout and highlight are saved.
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const discHitsBox = (d, b) => {
  const nx = Math.max(b.x, Math.min(d.x, b.x + b.w));
  const ny = Math.max(b.y, Math.min(d.y, b.y + b.h));
  return (d.x - nx) ** 2 + (d.y - ny) ** 2 < d.r * d.r - 0.01;
};

/** Every fault in the drawn boxes. */
export function audit(p) {
  const inView = (b) => b.x >= -0.5 && b.y >= -0.5 && b.x + b.w <= p.width + 0.5 && b.y + b.h <= p.height + 0.5;
  const discBox = (d) => ({ x: d.x - d.r, y: d.y - d.r, w: 2 * d.r, h: 2 * d.r });
  const text = [...p.labels.map((l) => ({ ...l.box, id: l.id, name: l.text })), ...p.titles.map((t) => ({ ...t, id: null, name: "(title)" }))];
  const faults = {
    clipped: [], labelLabel: [], labelNode: [], nodesOutside: [], hullsOutside: 0, titlesOutside: 0, unlabelled: p.missed,
    hullHull: [], underControls: [],
  };
  for (const l of p.labels) if (!inView(l.box)) faults.clipped.push(l.text);
  for (let i = 0; i < text.length; i++)
    for (let j = i + 1; j < text.length; j++) if (overlap(text[i], text[j])) faults.labelLabel.push(`${text[i].name} × ${text[j].name}`);
  for (const l of p.labels)
    for (const d of p.nodes) if (d.id !== l.id && discHitsBox(d, l.box)) faults.labelNode.push(`${l.text} × node ${d.id}`);
  for (const d of p.nodes) if (!inView(discBox(d))) faults.nodesOutside.push(d.id);
  for (const h of p.hulls) if (!inView(discBox(h))) faults.hullsOutside++;
  for (const t of p.titles) if (!inView(t)) faults.titlesOutside++;
  // Two department hulls (discs) never overlap, nor does a hull cover another's title.
  for (let i = 0; i < p.hulls.length; i++)
    for (let j = i + 1; j < p.hulls.length; j++) {
      const a = p.hulls[i], b = p.hulls[j];
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r) faults.hullHull.push(`${a.name ?? i} × ${b.name ?? j}`);
    }
  for (const h of p.hulls)
    for (const g of p.hulls) if (g !== h && g.title && discHitsBox(h, g.title)) faults.hullHull.push(`${h.name} × ${g.name}'s title`);
  // Nothing under the floating controls (the neighbourhood's reach, the grid's ties).
  for (const c of p.controls ?? []) {
    for (const d of p.nodes) if (discHitsBox(d, c)) faults.underControls.push(`node ${d.id}`);
    for (const l of p.labels) if (overlap(l.box, c)) faults.underControls.push(`label ${l.text}`);
    for (const t of p.titles) if (overlap(t, c)) faults.underControls.push("a title");
  }
  return faults;
}

const total = (f) => f.clipped.length + f.labelLabel.length + f.labelNode.length + f.nodesOutside.length + f.hullsOutside + f.titlesOutside
  + f.unlabelled.length + f.hullHull.length + f.underControls.length;

/** The drawn boxes once the camera has settled (two reads a moment apart agree). */
async function settled(s) {
  let last = "";
  return s.until(async () => {
    const now = await s.run("return JSON.stringify(window.__advocatePicture || null);");
    if (now !== "null" && now === last) return JSON.parse(now);
    last = now;
    await new Promise((r) => setTimeout(r, 400));
    return null;
  }, "the picture to settle", 30000);
}

export default (h) => {
  const measured = {};
  /** Fit, let the camera settle, audit what is drawn and save a screenshot. */
  async function measure(name) {
    const s = h.session;
    await h.blur();
    await s.keys("f");
    await new Promise((r) => setTimeout(r, 700));
    const p = await settled(s);
    const f = audit(p);
    measured[name] = { labels: p.labels.length, nodes: p.nodes.length, faults: total(f) };
    console.log(`    ${name}: ${p.nodes.length} nodes, ${p.labels.length} labels, ${p.titles.length} titles; clipped ${f.clipped.length}, label-label ${f.labelLabel.length}, label-node ${f.labelNode.length}, nodes outside ${f.nodesOutside.length}, hulls outside ${f.hullsOutside}, titles outside ${f.titlesOutside}, unlabelled must ${f.unlabelled.length}, hulls overlapping ${f.hullHull.length}, under the controls ${f.underControls.length}`);
    await h.shot(`picture-${name}`);
    if (total(f)) throw new Error(`${name}: ${JSON.stringify(f).slice(0, 600)}`);
    return p;
  }
  async function layout(value, wait) {
    const s = h.session;
    await s.choose("select[aria-label=Layout]", value);
    await new Promise((r) => setTimeout(r, wait));
  }
  return [
    ["picture: a fresh demo map, as a new user opens it, at Fit", async () => {
      // The earlier scenarios changed the demo map: put it aside so the app writes a fresh one.
      await h.session?.quit();
      const dir = readdirSync(h.dataHome).map((d) => join(h.dataHome, d)).find((d) => existsSync(join(d, "settings.json")));
      if (dir) {
        for (const f of readdirSync(dir)) if (f.startsWith("demo.advocate")) renameSync(join(dir, f), join(dir, `before-picture-${f}`));
        const settings = JSON.parse(readFileSync(join(dir, "settings.json"), "utf8"));
        delete settings.last;
        writeFileSync(join(dir, "settings.json"), JSON.stringify(settings));
      }
      const s = await h.open();
      await s.waitFor("[data-drawn]", 30000);
      await measure("opened");
    }],
    ["picture: each layout at Fit has no clipped or overlapping label and every node in view", async () => {
      await layout("department", 2000);
      await measure("department");
      await layout("orgchart", 2000);
      await measure("orgchart");
      await layout("grid", 2500);
      const p = await measure("grid");
      if (p.titles.length < 4) throw new Error(`the grid names ${p.titles.length} quadrants`);
      await layout("force", 5000);
      await measure("force");
    }],
    ["picture: axe-core finds no serious or critical accessibility violation, light and dark", async () => {
      const s = h.session;
      const axe = readFileSync(resolve(h.here, "../../ui/node_modules/axe-core/axe.min.js"), "utf8");
      await s.run(`${axe}; return true;`);
      await s.cmd("POST", "/timeouts", { script: 120000 });
      const found = [];
      for (const theme of ["light", "dark"]) {
        await s.choose("select[aria-label=Theme]", theme);
        await new Promise((r) => setTimeout(r, 500));
        const v = await s.cmd("POST", "/execute/async", {
          script: `const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ["violations"] }).then((r) => done(r.violations
              .filter((v) => v.impact === "serious" || v.impact === "critical")
              .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ")) }))),
              (e) => done([{ id: "axe failed", impact: String(e), nodes: [] }]));`,
          args: [],
        });
        await h.shot(`picture-theme-${theme}`);
        console.log(`    ${theme}: ${v.length} serious or critical: ${JSON.stringify(v).slice(0, 800)}`);
        found.push(...v.map((x) => ({ theme, ...x })));
      }
      await s.choose("select[aria-label=Theme]", "system");
      if (found.length) throw new Error(JSON.stringify(found).slice(0, 1500));
    }],
    ["picture: a highlighted board and path keep every member named", async () => {
      const s = h.session;
      await layout("department", 2000);
      await h.tab("Board");
      await s.waitFor("[data-board] li", 60000);
      await s.until(async () => (await s.run("return (window.__advocatePicture?.labels ?? []).length")) > 0, "labels");
      await measure("board");
      await h.tab("Details");
      console.log(`    figures: ${JSON.stringify(measured)}`);
    }],
  ];
};
