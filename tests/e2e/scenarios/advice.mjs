// The advice a practitioner signs, on the demo map: the Board tab's members (recruitment chance,
// chain, reach) and seats, the balanced board, the departments' functions.
export default ({ open, shot, tab, blur }) => {
  async function chooseBoard(s) {
    // The tab may answer by itself when opened; otherwise ask.
    const shown = await s.run("return !!document.querySelector('[data-seats]');");
    if (!shown) await s.click("[aria-label='Analysis'] form button[type=submit]");
    await s.waitFor("[data-seats]", 30000);
    // Shown once no board is still being worked out (opening the tab may have asked too).
    await s.until(async () => s.run("const b = document.querySelector(\"[aria-label='Analysis'] form button[type=submit]\"); return !!b && !b.disabled;"),
      "the board to be worked out", 60000);
  }
  return [
    ["board tab: the demo's board with its members and seats", async () => {
      const s = await open();
      await tab("Board");
      await chooseBoard(s);
      const members = await s.run("return [...document.querySelectorAll('[data-board] > li[data-member]')].map(li => li.textContent.replace(/\\s+/g, ' ').trim());");
      if (!members.length) throw new Error("the board has nobody");
      for (const m of members) {
        if (!/recruited \d+(\.\d)?% = access/.test(m)) throw new Error(`no recruitment chance in ${JSON.stringify(m)}`);
        if (!/Reached by /.test(m)) throw new Error(`no chain in ${JSON.stringify(m)}`);
      }
      const seats = await s.run("return [...document.querySelectorAll('[data-seats] li')].map(li => li.textContent.replace(/\\s+/g, ' ').trim());");
      if (seats.length !== 4) throw new Error(`seats: ${JSON.stringify(seats)}`);
      if (!seats.some((t) => /IT partner/.test(t))) throw new Error(`no IT seat in ${JSON.stringify(seats)}`);
      const reach = await s.text("[data-board-reach]");
      console.log(`    ${reach.replace(/\s+/g, " ")}`);
      members.forEach((m) => console.log(`    ${m.slice(0, 140)}`));
      seats.forEach((t) => console.log(`    ${t.slice(0, 160)}`));
      await shot("advice-01-board");
      // Clicking a member shows their chains on the map.
      await s.click("[data-board] > li[data-member] button.link");
      await s.until(async () => (await s.attribute("[data-nodes]", "data-highlighted")) !== "", "the member's chains to be highlighted");
      await shot("advice-02-board-member");
    }],
    ["board tab: fill seats first", async () => {
      const s = await open();
      await tab("Board");
      await chooseBoard(s);
      await s.click("input[name=balanced]");
      await chooseBoard(s);
      await s.click("[aria-label='Analysis'] form button[type=submit]");
      await s.until(async () => (await s.run("return [...document.querySelectorAll('[data-seats] li')].filter(li => !/open/.test(li.textContent)).length;")) >= 3,
        "the balanced board to fill three seats");
      await chooseBoard(s);
      await shot("advice-03-board-balanced");
    }],
    ["departments: a function per department, from the core's list", async () => {
      const s = await open();
      await blur();
      await tab("Details");
      const clicked = await s.run("const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Departments'); if (b) b.click(); return !!b;");
      if (!clicked) throw new Error("no Departments button");
      await s.waitFor("select[aria-label='Function of IT']");
      const it = await s.run("return document.querySelector(\"select[aria-label='Function of IT']\").value;");
      if (it !== "it") throw new Error(`IT's function is ${it}`);
      await shot("advice-04-departments");
    }],
  ];
};
