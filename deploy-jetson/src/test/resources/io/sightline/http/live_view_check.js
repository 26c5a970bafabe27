// Drives the live view in headless Chromium (playwright-core, Debian's /usr/bin/chromium).
// usage: node live_view_check.js URL EXPRESSION_SOURCE SCREENSHOT
//   EXPRESSION_SOURCE: a file the test writes the expression into once it has chosen one (after the source ended)
// Prints one JSON line: the frame numbers seen live, the final frame's table and relations, the grounding answer.
const { chromium } = require("playwright-core");
const fs = require("fs");

(async () => {
  const [url, expressionFile, shot] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 720 } });
    let loads = 0; // main-frame navigations after the page came up: a reload would count
    const until = Date.now() + 120000;
    for (;;) { // the service may still be loading its model
      try {
        await page.goto(url, { timeout: 5000 });
        const title = await page.title();
        if (title !== "Sightline live view") throw new Error("not up yet: " + title);
        break;
      } catch (e) {
        if (Date.now() > until) throw e;
        await new Promise(r => setTimeout(r, 250));
      }
    }
    page.on("framenavigated", f => { if (f === page.mainFrame()) loads++; });
    const seen = new Set();
    for (;;) {
      const s = await page.evaluate(() => ({ seq: document.body.dataset.seq, ended: document.body.dataset.ended }));
      if (s.seq !== undefined && Number(s.seq) >= 0) seen.add(Number(s.seq));
      if (s.ended === "true") break;
      if (Date.now() > until) throw new Error("the page never showed the source's end; seen " + [...seen]);
      await new Promise(r => setTimeout(r, 50));
    }
    await page.waitForFunction(() => {
      const i = document.getElementById("frame");
      return i.complete && i.naturalWidth > 0 && i.src.includes("seq=" + document.body.dataset.seq);
    }, null, { timeout: 30000 });
    const seq = Number(await page.evaluate(() => document.body.dataset.seq));
    const rows = await page.$$eval("#tracks tr", trs => trs.map(tr => ({ trackId: tr.dataset.trackId, label: tr.dataset.label })));
    const relations = await page.$$eval("#relations li", lis => lis.map(l => l.textContent));
    const image = await page.evaluate(() => { const i = document.getElementById("frame"); return [i.naturalWidth, i.naturalHeight]; });
    console.log(JSON.stringify({ phase: "ended", seq, rows }));
    while (!fs.existsSync(expressionFile) || fs.readFileSync(expressionFile, "utf8").trim() === "") {
      if (Date.now() > until) throw new Error("no expression came");
      await new Promise(r => setTimeout(r, 100));
    }
    const expression = fs.readFileSync(expressionFile, "utf8").trim();
    await page.fill("#expression", expression);
    await page.click("#ground button[type=submit]");
    await page.waitForFunction(() => document.getElementById("answer").dataset.status !== undefined, null, { timeout: 30000 });
    const answer = await page.evaluate(() => {
      const a = document.getElementById("answer");
      return { status: a.dataset.status, trackId: a.dataset.trackId, text: a.textContent };
    });
    await page.screenshot({ path: shot });
    console.log(JSON.stringify({ phase: "done", seen: [...seen], seq, rows, relations, image, answer, expression, loads }));
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(String(e && e.stack || e)); process.exit(1); });
