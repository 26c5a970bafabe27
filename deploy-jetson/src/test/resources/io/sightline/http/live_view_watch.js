// Opens and closes the live view in headless Chromium on commands from stdin, one a line:
//   open (go to URL, wait for a frame: prints {"phase":"opened"}), close (about:blank: {"phase":"closed"}),
//   count ({"phase":"count","frames":N}: frames fetched so far), quit.   usage: node live_view_watch.js URL
const { chromium } = require("playwright-core");
const readline = require("readline");

(async () => {
  const [url] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const say = o => console.log(JSON.stringify(o));
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 720 } });
    let frames = 0;
    page.on("response", r => { if (r.url().includes("/frame.jpg") && r.status() === 200) frames++; });
    say({ phase: "ready" });
    for await (const line of readline.createInterface({ input: process.stdin })) {
      const cmd = line.trim();
      if (cmd === "open") {
        await page.goto(url);
        await page.waitForFunction(() => Number(document.body.dataset.seq) >= 0, null, { timeout: 60000 });
        say({ phase: "opened" });
      } else if (cmd === "close") {
        await page.goto("about:blank");
        say({ phase: "closed" });
      } else if (cmd === "count") {
        say({ phase: "count", frames });
      } else if (cmd === "quit") {
        break;
      }
    }
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(String(e && e.stack || e)); process.exit(1); });
