// The campaign in the app: accept a suggested next step in the Plan tab → an action appears →
// mark it done with what happened → the person's log and stance history show it → the progress
// chart changes. Screenshots plan-*.png.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export default (h) => {
  const { open, shot, tab, blur } = h;
  const plan = {};
  const chart = (s) => s.run("const i = document.querySelector('img[data-chart]'); return i ? i.getAttribute('src') : null;");
  return [
    ["plan: the Plan tab lists suggested steps, the actions and the chart", async () => {
      const s = await open();
      await tab("Plan");
      await s.waitFor("[data-suggestion]", 60000);
      await s.waitFor("img[data-chart]");
      plan.counts = await s.text("[data-plan-counts]");
      plan.chart = await chart(s);
      console.log(`    ${plan.counts}`);
      await shot("plan-01-tab");
    }],
    ["plan: accept a suggestion and see the action appear", async () => {
      const s = h.session;
      const first = await s.run(`const c = document.querySelector('[data-suggestion]');
        return { key: c.getAttribute('data-suggestion'), step: c.querySelector('strong').textContent };`);
      plan.step = first.step;
      await s.choose("input[aria-label=Owner]", "Anjali");
      await s.click(`[data-suggestion='${first.key}'] button.primary`);
      plan.action = await s.until(async () => s.run(
        "const li = [...document.querySelectorAll('[data-action]')].find(l => l.querySelector('strong').textContent === arguments[0]); return li ? li.getAttribute('data-action') : null;",
        first.step), "the accepted step to be listed as an open action", 30000);
      const gone = await s.run("return !document.querySelector(`[data-suggestion='${arguments[0]}']`);", first.key);
      if (!gone) throw new Error("the accepted suggestion is still suggested");
      console.log(`    planned ${plan.action}: ${first.step}`);
      await s.run("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' }); return true;", `[data-action='${plan.action}']`);
      await shot("plan-02-accepted");
    }],
    ["plan: mark it done with what happened; the log, the stance history and the chart show it", async () => {
      const s = h.session;
      const li = `[data-action='${plan.action}']`;
      plan.person = await s.run(
        "const li = document.querySelector(arguments[0]); return li.querySelector('[data-about]').textContent.replace(/^About /, '').split(/ via | · /)[0];", li);
      await s.run("const b = [...document.querySelector(arguments[0]).querySelectorAll('button')].find(b => b.textContent.trim() === 'Done…'); b.click(); return true;", li);
      await s.waitFor("form[aria-label='What happened']");
      await s.choose("form[aria-label='What happened'] select", "champion");
      await s.choose("form[aria-label='What happened'] textarea", "E2E: agreed to champion the rollout");
      await s.run("document.querySelector(\"form[aria-label='What happened']\").scrollIntoView({ block: 'center' }); return true;");
      await shot("plan-03-done-form");
      await s.click("form[aria-label='What happened'] button[type=submit]");
      await s.until(async () => s.run("return !document.querySelector(arguments[0]);", li), "the action to leave the open list", 30000);
      await s.until(async () => { const c = await chart(s); return c && c !== plan.chart ? c : null; }, "the chart to change", 30000);
      // Done and dropped: it is there, done.
      await s.run("const r = document.querySelector('input[type=radio][value=closed]'); r.click(); return true;");
      await s.until(async () => s.run("const li = document.querySelector(arguments[0]); return li && li.getAttribute('data-state') === 'done';", li), "the action to be listed as done");
      await s.run("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' }); return true;", li);
      await shot("plan-04-done");
      await s.run("document.querySelector('img[data-chart]').scrollIntoView({ block: 'center' }); return true;");
      await shot("plan-04b-chart");
      // The person's log and stance history.
      await blur();
      await s.type("#search", plan.person);
      await s.click(".hits button");
      await s.until(async () => s.run("return document.body.textContent.includes('E2E: agreed to champion the rollout');"), "the log entry in the person's panel", 20000);
      const history = await s.run("return !!document.querySelector('.side svg, .side [data-sparkline]');");
      if (!history) throw new Error("no stance history drawn for the person");
      await shot("plan-05-person-log");
      console.log(`    ${plan.person}: logged, and the chart moved`);
    }],
    ["plan: the map as of a date is filled with the stances then, the changed ringed, until Back to today", async () => {
      const s = h.session;
      await tab("Plan");
      await s.waitFor("input[aria-label='The map as of']", 30000);
      const then = new Date(Date.now() - 120 * 86400000).toISOString().slice(0, 10);
      await s.choose("input[aria-label='The map as of']", then);
      await s.waitFor(`[data-as-of='${then}']`, 30000);
      const unrecorded = await s.until(async () => s.run(
        "const n = Number(document.querySelector('[data-renderer]')?.getAttribute('data-unrecorded') ?? 0); return n > 0 ? n : null;"),
      "people not yet recorded then to be filled grey", 20000);
      if (!(await s.run("return !!document.querySelector('[data-legend-unrecorded]');"))) throw new Error("the legend does not explain the grey fill");
      const changed = await s.run("return document.querySelectorAll(\"[aria-label='Changed since'] li\").length;");
      if (changed < 1) throw new Error("nobody listed as changed since " + then);
      await shot("plan-05b-as-of");
      console.log(`    as of ${then}: ${unrecorded} not yet recorded, ${changed} changed since`);
      await s.run("[...document.querySelectorAll('[data-as-of] button')].find(b => b.textContent.includes('Back to today')).click(); return true;");
      await s.until(async () => s.run("return !document.querySelector('[data-as-of]') && document.querySelector('[data-renderer]')?.getAttribute('data-unrecorded') === '0';"),
        "the map to be today's again", 20000);
      if (await s.run("return document.querySelector(\"input[aria-label='The map as of']\").value !== '';")) throw new Error("the date stayed set after Back to today");
    }],
    ["plan: axe-core finds no serious or critical violation in the Board and Plan tabs, light and dark", async () => {
      const s = h.session;
      const axe = readFileSync(resolve(h.here, "../../ui/node_modules/axe-core/axe.min.js"), "utf8");
      await s.run(`${axe}; return true;`);
      await s.cmd("POST", "/timeouts", { script: 120000 });
      const found = [];
      for (const [label, ready] of [["Board", "[data-board] li"], ["Plan", "[data-suggestion]"]]) {
        await tab(label);
        await s.waitFor(ready, 60000);
        for (const theme of ["light", "dark"]) {
          await s.choose("select[aria-label=Theme]", theme);
          await new Promise((r) => setTimeout(r, 500));
          const v = await s.cmd("POST", "/execute/async", {
            script: `const done = arguments[arguments.length - 1];
              axe.run(document.querySelector("aside.side"), { resultTypes: ["violations"] }).then((r) => done(r.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ")) }))),
                (e) => done([{ id: "axe failed", impact: String(e), nodes: [] }]));`,
            args: [],
          });
          await shot(`plan-06-${label.toLowerCase()}-${theme}`);
          console.log(`    ${label}, ${theme}: ${v.length} serious or critical: ${JSON.stringify(v).slice(0, 800)}`);
          found.push(...v.map((x) => ({ label, theme, ...x })));
        }
      }
      await s.choose("select[aria-label=Theme]", "system");
      if (found.length) throw new Error(JSON.stringify(found).slice(0, 1500));
    }],
  ];
};
