// The dashboard in a real headless Chromium against the running local stack (./termsguard demo, seeded with the
// demo's incidents): a violation caused now appears live, acknowledging it changes its state, and a screenshot is
// saved. Every wait has a deadline; the script exits non-zero on the first failed expectation.
//
//   TERMSGUARD_ROOT=. node alert-service/src/test/browser/dashboard.test.mjs
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(process.env.TERMSGUARD_ROOT || ".");
const dashboard = process.env.DASHBOARD_URL || "http://localhost:8083/";
const ingest = process.env.INGEST_URL || "http://localhost:8081";
const seeded = Number(process.env.SEEDED_INCIDENTS || 10);
const liveWithinMs = Number(process.env.LIVE_WITHIN_MS || 5000);
const screenshot = resolve(root, process.env.SCREENSHOT || "alert-service/target/dashboard.png");
const credentials = JSON.parse(readFileSync(resolve(root, ".termsguard/credentials.json"), "utf8"));

function fail(message) {
  console.error(`dashboard test FAILED: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  // As root Chromium needs --no-sandbox; on this closed network it must not phone home. Playwright gives every
  // launch a fresh, empty profile directory.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  page.setDefaultTimeout(15000);

  await page.goto(dashboard);
  // The demo profile opens without a login; the sign-in dialog must not be showing.
  if (await page.locator("#sign-in").isVisible()) fail("the demo dashboard asked for a sign-in");
  await page.waitForFunction(
    (n) => document.querySelectorAll("#incident-table tbody tr").length >= n,
    seeded,
    { timeout: 60000 },
  ).catch(() => fail(`fewer than ${seeded} seeded incidents appeared within 60 s`));
  await page.locator('#live[data-state="on"]').waitFor().catch(() => fail("the live stream did not connect"));
  const before = await page.locator("#incident-table tbody tr").count();
  console.log(`seeded incidents shown: ${before}`);

  // A consumer Termsguard has never seen uses x-corp's data for AI training: a no-license violation, a new incident.
  const consumer = `browser-check-${Date.now().toString(36)}`;
  const sentAt = Date.now();
  const response = await fetch(`${ingest}/v1/events`, {
    method: "POST",
    headers: { Authorization: `Bearer ${credentials.producerKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      eventId: `${consumer}-1`,
      observedAt: new Date().toISOString(),
      owner: "x-corp",
      consumer,
      channel: "api",
      resource: { kind: "tweets", uri: "https://api.x.example/2/tweets/search/all" },
      purpose: "ai-train",
      volume: { records: 25000 },
      evidence: { apiClientId: "browser-check", identity: "claimed" },
    }),
  });
  if (response.status !== 202) fail(`ingest answered ${response.status}: ${await response.text()}`);

  const row = page.locator(`#incident-table tbody tr[data-consumer="${consumer}"]`);
  await row.waitFor({ timeout: liveWithinMs }).catch(() => fail(`the new incident did not appear within ${liveWithinMs} ms`));
  console.log(`new violation shown live ${Date.now() - sentAt} ms after ingest accepted it (no reload)`);
  if ((await page.locator("#incident-table tbody tr").count()) !== before + 1) fail("the row count did not grow by one");

  await row.getByRole("button").click();
  const status = page.locator('#detail dd[data-field="status"]');
  await status.filter({ hasText: /^open$/ }).waitFor().catch(() => fail("the detail did not show the open incident"));
  await page.locator("#timeline canvas").first().waitFor().catch(() => fail("no timeline chart"));
  await page.waitForFunction(() => document.querySelector("#notice").srcdoc.length > 200)
    .catch(() => fail("the notice was not rendered"));

  await page.locator("#ack").click();
  await status.filter({ hasText: /^acknowledged$/ }).waitFor()
    .catch(() => fail("the detail did not change to acknowledged"));
  await row.locator('td[data-field="status"]').filter({ hasText: /^acknowledged$/ }).waitFor()
    .catch(() => fail("the list did not change to acknowledged"));
  if (!(await page.locator("#ack").isDisabled())) fail("acknowledge is still enabled");
  // The server agrees: the state is stored, not only drawn.
  const stored = await page.evaluate(async (who) => {
    const token = (await (await fetch("/dashboard/session")).json()).token;
    const page = await (await fetch(`/v1/incidents?consumer=${who}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    return page.incidents.map((i) => i.status);
  }, consumer);
  if (JSON.stringify(stored) !== '["acknowledged"]') fail(`the API says ${JSON.stringify(stored)}`);

  // The demo's impostor: GPTBot's user agent from outside OpenAI's list. The dashboard says so, event by event.
  const impostor = page.locator("#incident-table tbody tr:has(td[data-field=rule]:text-is('crawler-impersonation'))").first();
  await impostor.getByRole("button").click();
  await page.locator("#detail-title").filter({ hasText: "crawler-impersonation" }).waitFor()
    .catch(() => fail("the impersonation incident did not open"));
  await page.locator('#detail dd[data-field="verdicts"]').filter({ hasText: /^contradicted \d+$/ }).waitFor()
    .catch(() => fail("the impersonation incident's verdicts are not shown as contradicted"));
  await page.locator('#detail dd[data-field="identity"]').filter({ hasText: /^not verified/ }).waitFor()
    .catch(() => fail("the impersonation incident's identity is not shown as unverified"));
  await page.locator('#identity-table tbody tr[data-verdict="contradicted"] td[data-field="basis"]')
    .filter({ hasText: /^openai-gptbot \(ip-ranges\), version \d+/ }).first().waitFor()
    .catch(() => fail("no event shows the list version its verdict rests on"));
  const rows = await page.locator("#identity-table tbody tr").count();
  const contradicted = await page.locator('#identity-table tbody tr[data-verdict="contradicted"]').count();
  if (rows === 0 || rows !== contradicted) fail(`${contradicted} of ${rows} impostor events shown as contradicted`);
  console.log(`impersonation incident: ${rows} events, each shown contradicted with its list version`);

  // The demo's quota incident, for usage bars with licenses in them (and a screenshot worth reading).
  const quota = page.locator("#incident-table tbody tr:has(td[data-field=rule]:text-is('quota-exceeded'))").first();
  await quota.getByRole("button").click();
  await page.locator("#detail-title").filter({ hasText: "quota-exceeded" }).waitFor()
    .catch(() => fail("the quota incident did not open"));
  await page.locator("#quota-empty").waitFor({ state: "hidden" }).catch(() => fail("no licensed usage shown"));
  await page.locator("#quota-chart canvas").first().waitFor().catch(() => fail("no usage chart"));
  await page.locator("#unlicensed-chart canvas").first().waitFor().catch(() => fail("no unlicensed-use chart"));
  if (await page.locator("#usage-error").textContent()) fail(`usage: ${await page.locator("#usage-error").textContent()}`);

  if (errors.length) fail(errors.join("\n"));
  mkdirSync(resolve(screenshot, ".."), { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`dashboard test passed; screenshot: ${screenshot}`);
} finally {
  await browser.close();
}
