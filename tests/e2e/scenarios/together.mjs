// Working together: two copies of one map, each open in its own running app — Ana's window (the
// harness's first app) on her copy, Ben's (a second app beside it, with his own settings: h.second)
// on his. Each app asks its user's name once; both windows stay open while an edit is made in
// each. Ana merges Ben's copy with Merge a copy… (Together menu), sees the conflicts side by side,
// decides each, and finds the result on screen, as one undo step, and in the History tab, while
// Ben's window still shows his copy as he left it. Another map offered as a copy is refused in
// words. Then a shared folder: each window's Sync now sends its edits and brings the other's into
// the open map, both ways, with no restart. Screenshots name the window they come from. Runs last
// (it leaves its own map open, and the user named).
import { mkdirSync } from "node:fs";
import { join } from "node:path";

/** Calls the app's own commands from its window (setting up maps there is no native dialog). */
async function invoke(s, steps) {
  const answer = await s.cmd("POST", "/execute/async", {
    script: `const done = arguments[arguments.length - 1];
      const call = window.__TAURI_INTERNALS__.invoke;
      (async () => { for (const [cmd, args] of arguments[0]) await call(cmd, args); done("ok"); })()
        .catch((e) => done("failed: " + (typeof e === "string" ? e : JSON.stringify(e))));`,
    args: [steps],
  });
  if (answer !== "ok") throw new Error(`setting up the maps ${answer}`);
}

const person = (id, name, title, department, stance) => ["add_person", {
  person: { id, name, title, department, stance, power: 3, interest: 3, decision_maker: false, tags: [], notes: null, position: null },
}];

export default (h) => {
  const mine = join(h.dataHome, "rollout-ana.advocate");
  const theirs = join(h.dataHome, "rollout-ben.advocate");
  const other = join(h.dataHome, "another-map.advocate");

  /** Selects a person through the search, and waits for their panel. */
  async function select(s, name) {
    await h.blur(s);
    await s.keys("\uE00C");
    await s.type("#search", name);
    await s.click(".hits button");
    await s.until(async () => (await s.text("#person-heading")) === name, `${name}'s panel`);
  }
  /** Edits the selected person's stance and title in the panel, as a user does. */
  async function edit(s, name, stance, title) {
    await select(s, name);
    await s.choose("select[name=stance]", stance);
    await s.type("input[name=title]", title);
    await s.click("[aria-labelledby=person-heading] form button[type=submit]");
    await s.until(async () => /^Saved/.test(await s.text("[role=status]")), "the edit to be saved");
  }
  /** Names the user in the strip the app shows until it knows their name. */
  async function name(s, who) {
    await s.type("#author-name", who);
    await s.click("[data-name-ask] button.primary");
    await s.until(async () => !(await s.run("return !!document.querySelector('[data-name-ask]');")), "the name to be kept");
  }
  const field = (s, css) => s.run("return document.querySelector(arguments[0]).value;", css);
  /** Checks that Tom's open panel shows both judgements of his stance, each with who made it. */
  async function judgedBoth(s, where) {
    const history = await s.run("const h = document.querySelector('[data-stance-history]'); return h ? h.getAttribute('aria-label') : document.querySelector('[aria-labelledby=person-heading]').innerText;");
    console.log(`    ${where}: ${history}`);
    if (!/blocker: Judged blocker by Ben Okafor.*champion: Judged champion by Ana Reed/.test(history)) {
      throw new Error(`Tom's stance history in ${where} does not show both judgements: ${history}`);
    }
    const log = await s.text("[aria-labelledby=person-heading] ul.log");
    for (const want of [/merged judgement → blocker\s+Judged blocker by Ben Okafor/, /merged judgement → champion\s+Judged champion by Ana Reed/]) {
      if (!want.test(log)) throw new Error(`Tom's engagement log in ${where} has no entry matching ${want}: ${log}`);
    }
  }

  return [
    ["together: two copies, an edit in each, merged with the conflicts decided side by side", async () => {
      let s = await h.open();
      if (await s.run("return !!document.querySelector('[data-passphrase-prompt]');")) await s.keys("\uE00C");
      await invoke(s, [
        ["new_map", { path: other, name: "Another rollout" }],
        ["new_map", { path: mine, name: "Mobile learning, together" }],
        person("cfo", "Tom Reed", "CFO", "Finance", "neutral"),
        person("lnd", "Asha Patel", "Head of L&D", "L&D", "champion"),
        person("cio", "Lena Park", "CIO", "IT", "supporter"),
        ["add_tie", { tie: { from: "Asha Patel", to: "Tom Reed", kind: "executive peer", strength: 0.5, notes: null } }],
        ["add_tie", { tie: { from: "Lena Park", to: "Tom Reed", kind: "peer", strength: 0.4, notes: null } }],
        // Ben's copy: a copy of the map (a replica of its own), as Save As makes it.
        ["save_map_as", { path: theirs }],
      ]);

      // Ana's window on her copy (Save As left Ben's copy open in it).
      s = await h.open([mine]);
      // Ben's window on his copy: a second app, with settings of its own, running beside Ana's.
      const ben = await h.second([theirs]);
      const heading = (w) => w.run("return document.title;");
      console.log(`    two windows open: Ana's ${JSON.stringify(await heading(s))}, Ben's ${JSON.stringify(await heading(ben))}`);
      if (!/^rollout-ana\.advocate/.test(await heading(s)) || !/^rollout-ben\.advocate/.test(await heading(ben))) {
        throw new Error(`the windows show ${await heading(s)} and ${await heading(ben)}`);
      }

      // Ben's app asks once for its user's name (its settings are new).
      await ben.waitFor("[data-name-ask]");
      await h.shot("together-00-ben-name-asked", ben);
      await name(ben, "Ben Okafor");
      // Ana's asks for hers too (unless an earlier scenario answered it: then Your name…).
      await new Promise((r) => setTimeout(r, 1500));
      if (!(await s.run("return !!document.querySelector('[data-name-ask]');"))) {
        await s.click("[data-together] summary");
        await s.click("[data-together] li:last-child button");
      }
      await name(s, "Ana Reed");

      // Ben, in his copy: Tom is a blocker, his title Group CFO; Lena's title changes too.
      await edit(ben, "Tom Reed", "blocker", "Group CFO");
      await edit(ben, "Lena Park", "supporter", "CIO and CDO");
      // Ana, in hers, with Ben's window still open: Tom is a champion, still CFO.
      await edit(s, "Tom Reed", "champion", "Chief Financial Officer");

      // Another map offered as a copy is refused, in the dialog, in words.
      await s.click("[data-together] summary");
      await s.click("[data-together] li:first-child button");
      await s.type("#merge-path", other);
      await s.click("[data-merge-dialog] button[type=submit]");
      const refusal = await s.text("[data-merge-dialog] [role=alert]");
      if (!/not a copy of this map/.test(refusal)) throw new Error(`another map got: ${refusal}`);
      console.log(`    ${refusal}`);
      await h.shot("together-01-ana-refused");

      // Ben's copy: two conflicts, side by side, with who made each.
      await s.type("#merge-path", theirs);
      await s.click("[data-merge-dialog] button[type=submit]");
      await s.waitFor("[data-conflicts]");
      const rows = await s.run("return [...document.querySelectorAll('[data-conflict]')].map((r) => r.innerText.replace(/\\s+/g, ' '));");
      console.log(`    ${rows.join("\n    ")}`);
      if (rows.length !== 2) throw new Error(`${rows.length} conflicts shown: ${rows}`);
      for (const want of [/Tom Reed|cfo/, /champion.*Ana Reed.*blocker.*Ben Okafor/, /Chief Financial Officer.*Ana Reed.*Group CFO.*Ben Okafor/]) {
        if (!rows.some((r) => want.test(r))) throw new Error(`no conflict row matches ${want}: ${rows}`);
      }
      if (!(await s.run("return document.querySelector('[data-conflicts] button[type=submit]').disabled;"))) throw new Error("Merge is offered before anything is decided");
      await h.shot("together-02-ana-conflicts");
      // Ana keeps her judgement of Tom's stance and takes Ben's title.
      await s.run(`for (const r of document.querySelectorAll('[data-conflict]')) {
          const side = /stance/.test(r.innerText) ? 'mine' : 'theirs';
          r.querySelector('input[value=' + side + ']').click();
        } return true;`);
      await s.until(async () => /All decided/.test(await s.text("[data-conflicts] [role=status]")), "every conflict decided");
      await h.shot("together-03-ana-decided");
      await s.click("[data-conflicts] button[type=submit]");
      const merged = await s.until(async () => {
        const t = await s.run("const m = document.querySelector('[role=status]'); return m && m.textContent;");
        return /^Merged/.test(t ?? "") ? t : null;
      }, "the merge to finish");
      console.log(`    ${merged}`);

      // The result on screen: Tom as decided, in his panel open since before the merge, and
      // found again; Lena's title from Ben's copy.
      if ((await s.text("#person-heading")) !== "Tom Reed") throw new Error("Tom's panel is no longer open");
      const shown = `${await field(s, "select[name=stance]")}, ${await field(s, "input[name=title]")}`;
      if (shown !== "champion, Group CFO") throw new Error(`Tom's open panel shows ${shown} after the merge`);
      await select(s, "Tom Reed");
      const stance = await field(s, "select[name=stance]");
      const title = await field(s, "input[name=title]");
      if (stance !== "champion" || title !== "Group CFO") throw new Error(`Tom is ${stance}, ${title}`);
      // Both judgements of Tom's stance stay, in his stance history and his engagement log, each
      // with who made it, Ana's (kept) last.
      await judgedBoth(s, "Ana's window after the merge");
      // The whole map in view, Tom's panel beside it.
      await h.blur(s);
      await s.keys("f");
      await new Promise((r) => setTimeout(r, 800));
      await h.shot("together-04-ana-merged");
      await s.run("document.querySelector('[data-stance-history]').closest('section').querySelector('h3').scrollIntoView({ block: 'start' }); return true;");
      await h.shot("together-04b-ana-stance-history");
      await select(s, "Lena Park");
      if ((await field(s, "input[name=title]")) !== "CIO and CDO") throw new Error("Lena's title did not come in");
      const undo = await s.attribute("button[aria-label=Undo]", "title");
      if (!/Merge rollout-ben\.advocate/.test(undo)) throw new Error(`undo offers ${undo}`);

      // Who changed what: the History tab, for Tom.
      await select(s, "Tom Reed");
      await h.tab("History", s);
      await s.waitFor("[data-history-entry]");
      const history = await s.text("[data-history]");
      for (const who of ["Ana Reed", "Ben Okafor"]) if (!history.includes(who)) throw new Error(`the history does not name ${who}: ${history}`);
      await h.shot("together-05-ana-history");
      await h.tab("Details", s);

      // Ben's window, open all along, still shows his copy as he left it: a merge only reads the
      // copy it brings in.
      await select(ben, "Tom Reed");
      const his = `${await field(ben, "select[name=stance]")}, ${await field(ben, "input[name=title]")}`;
      if (his !== "blocker, Group CFO") throw new Error(`Ben's window shows Tom as ${his} after Ana's merge`);
    }],
    ["together: the two copies meet in a shared folder, Sync now sends and brings edits both ways", async () => {
      const folder = join(h.dataHome, "shared-rollout");
      mkdirSync(folder, { recursive: true });
      const menu = async (s, label) => {
        await s.click("[data-together] summary");
        await s.run("[...document.querySelectorAll('[data-together] li button')].find((b) => b.textContent.trim().startsWith(arguments[0])).click(); return true;", label);
      };
      /** Opens Shared folder…, sets the folder, syncs, and gives what the dialog says of it. */
      const syncThrough = async (s) => {
        await menu(s, "Shared folder…");
        await s.waitFor("[data-sync-dialog]");
        await s.type("#sync-folder", folder);
        await s.click("[data-sync-dialog] form button[type=submit]");
        const kept = await s.until(async () => s.run(`const a = document.querySelector('[data-sync-dialog] [role=alert]');
          return document.querySelector('[data-sync-dialog] .path') ? "kept" : a ? a.textContent : null;`), "the folder to be kept");
        if (kept !== "kept") throw new Error(`the folder was refused: ${kept}`);
        await s.run("[...document.querySelectorAll('[data-sync-dialog] button')].find((b) => b.textContent.trim() === 'Sync now').click(); return true;");
        return s.until(async () => s.run("const r = document.querySelector('[data-synced]'); return r ? r.innerText.replace(/\\s+/g, ' ') : null;"), "the sync's report", 30000);
      };
      const close = async (s) => {
        await s.run("[...document.querySelectorAll('[data-sync-dialog] button')].find((b) => b.textContent.trim() === 'Close').click(); return true;");
      };

      // Both windows are still open from the last scenario, each on its copy; neither restarts.
      const s = h.session;
      const ben = await h.second([theirs]);
      // Ana's copy sends its edits, the merge included.
      const first = await syncThrough(s);
      console.log(`    Ana: ${first}`);
      if (!/Sent \d+ edits? of this map/.test(first)) throw new Error(`Ana's first sync: ${first}`);
      await h.shot("together-06-ana-folder-sent");
      await close(s);

      // Ben's window, still on his copy as he left it, takes them into the open map, Ana's
      // decisions with them: no conflict asked again.
      const brought = await syncThrough(ben);
      console.log(`    Ben: ${brought}`);
      if (!/Merged \d+ edits? from/.test(brought)) throw new Error(`Ben's sync brought nothing in: ${brought}`);
      // Tom's panel, open in Ben's window since before the sync, shows what came in: a panel
      // left on the old values would save them back over Ana's decision.
      if ((await ben.text("#person-heading")) !== "Tom Reed") throw new Error("Tom's panel is no longer open in Ben's window");
      const tom = `${await field(ben, "select[name=stance]")}, ${await field(ben, "input[name=title]")}`;
      if (tom !== "champion, Group CFO") throw new Error(`Ana's decision on Tom did not travel: Ben's window shows ${tom}`);
      await judgedBoth(ben, "Ben's window after the sync");
      await h.shot("together-07-ben-folder-merged", ben);
      await close(ben);
      // Ben edits again, and Sync now (the menu's) sends it.
      await edit(ben, "Asha Patel", "champion", "Head of L&D and Talent");
      await menu(ben, "Sync now");
      const sent = await ben.until(async () => ben.run("const r = document.querySelector('[data-synced]'); const t = r ? r.innerText.replace(/\\s+/g, ' ') : ''; return /Sent 1 edit/.test(t) && t !== arguments[0] ? t : null;", brought), "Ben's edit to be sent", 30000);
      console.log(`    Ben again: ${sent}`);
      await close(ben);

      // Ana's window, open all along on Asha's panel, brings Ben's edit in with its Sync now.
      await select(s, "Asha Patel");
      await menu(s, "Sync now");
      const back = await s.until(async () => s.run("const r = document.querySelector('[data-synced]'); return r && /Merged/.test(r.innerText) ? r.innerText.replace(/\\s+/g, ' ') : null;"), "Ben's edit to come in", 30000);
      console.log(`    Ana again: ${back}`);
      await close(s);
      if ((await s.text("#person-heading")) !== "Asha Patel") throw new Error("Asha's panel is no longer open in Ana's window");
      if ((await field(s, "input[name=title]")) !== "Head of L&D and Talent") throw new Error("Ben's edit did not come in through the folder");
      await h.shot("together-08-ana-folder-back");
    }],
  ];
};
