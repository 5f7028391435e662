// Browser test of the demo page served by extractd at "/": Debian's chromium
// driven by playwright-core, against a running server whose HTTP address is
// in EXTRACTD_HTTP_URL (clients/run-tests.sh builds and starts one).
// Screenshots go to clients/browser/artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, "artifacts");
const sample = readFileSync(join(here, "..", "..", "testdata", "putin-lukashenka-sochi.txt"), "utf8");
const baseURL = process.env.EXTRACTD_HTTP_URL;
const maxTextBytes = Number(process.env.EXTRACTD_MAX_TEXT_BYTES || 1 << 20);

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

let context;
let userDataDir;
let page;
const problems = []; // console errors and uncaught exceptions of the page

before(async () => {
  assert.ok(baseURL, "EXTRACTD_HTTP_URL is not set: run clients/run-tests.sh, or start extractd and set it (e.g. http://127.0.0.1:8080)");
  mkdirSync(artifacts, { recursive: true });
  userDataDir = mkdtempSync(join(tmpdir(), "extractd-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  page = context.pages()[0] || (await context.newPage());
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
});

after(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function extract(p) {
  await p.getByRole("button", { name: "Extract" }).click();
  await p.waitForFunction(() => {
    const s = document.getElementById("status").textContent;
    return s.startsWith("Found") || !document.getElementById("error").hidden;
  });
}

test("the page loads with the sample article and labelled controls", async () => {
  const res = await page.goto(baseURL + "/");
  assert.equal(res.status(), 200);
  assert.match(await page.title(), /entity extraction/i);
  const box = page.getByLabel("Text to analyse");
  assert.equal(await box.inputValue(), sample);
  for (const name of ["Extract", "Sample article", "Clear"]) {
    assert.equal(await page.getByRole("button", { name, exact: true }).count(), 1, `button ${name}`);
  }
});

test("Extract highlights the sample article's entities, money and quotes", async () => {
  await extract(page);
  assert.equal(await page.locator("#error").isHidden(), true, await page.locator("#error").textContent());
  assert.match(await page.locator("#status").textContent(), /^Found \d+ (person|people)/);

  // The highlighted text is exactly the input: marks add no characters.
  assert.equal(await page.locator("#doc").textContent(), sample);

  const marked = async (label) =>
    page.locator(`#doc mark[data-label="${label}"]`).evaluateAll((ms) => ms.map((m) => m.textContent));
  const people = await marked("PER");
  for (const name of ["Vladimir Putin", "Alyaksandr Lukashenka", "Artyom Shraibman", "Aleksei Navalny"]) {
    assert.ok(people.includes(name), `no PER mark "${name}" among ${JSON.stringify(people)}`);
  }
  assert.ok(people.filter((t) => t === "Putin").length >= 3, `short mentions of Putin: ${JSON.stringify(people)}`);
  assert.ok((await marked("MONEY")).includes("$1.5 billion"), "no MONEY mark for $1.5 billion");
  // Pronouns and descriptions are marks of their entity, in a style of their own.
  const pronouns = await page.locator('#doc mark[data-kind="pronoun"]').allTextContents();
  assert.ok(pronouns.includes("his"), `pronoun marks: ${JSON.stringify(pronouns)}`);

  const names = await page.locator("#list-people .item .name").allTextContents();
  for (const name of ["Vladimir Putin", "Alyaksandr Lukashenka", "Artyom Shraibman", "Aleksei Navalny"]) {
    assert.ok(names.includes(name), `people panel lacks ${name}: ${JSON.stringify(names)}`);
  }
  const putin = page.locator("#list-people li", { hasText: "Vladimir Putin" });
  assert.ok(Number(await putin.locator(".count").textContent()) >= 4, "mention count of Vladimir Putin");

  const values = await page.locator("#list-money .value").allTextContents();
  assert.ok(values.includes("USD 1,500,000,000"), `money panel: ${JSON.stringify(values)}`);

  const speakers = await page.locator("#list-quotes .speaker").allTextContents();
  assert.ok(speakers.length >= 1 && speakers.every((s) => s === "Artyom Shraibman"), `speakers: ${JSON.stringify(speakers)}`);
  const firstQuote = await page.locator("#doc .quote").first().textContent();
  assert.match(firstQuote, /^Minsk understands perfectly/);

  await page.screenshot({ path: join(artifacts, "demo.png"), fullPage: true });
});

test("hover shows the canonical name, confidence and salience", async () => {
  await page.locator('#doc mark[data-label="PER"]', { hasText: /^Putin$/ }).first().hover();
  const tip = page.locator("#tip");
  await tip.waitFor({ state: "visible" });
  const text = await tip.textContent();
  assert.match(text, /^Vladimir Putin/);
  assert.match(text, /Salience\d+(\.\d)?%/);
  assert.match(text, /Confidence\d+(\.\d)?%/);
  await page.screenshot({ path: join(artifacts, "demo-tooltip.png") });
  await page.mouse.move(0, 0);
  await tip.waitFor({ state: "hidden" });

  // The words of a quotation, off any mark, show its speaker.
  const quote = page.locator("#doc .quote").first();
  const box = await quote.boundingBox();
  const marks = await quote.locator("mark").evaluateAll((ms) => ms.map((m) => m.getBoundingClientRect().toJSON()));
  let point = null;
  for (let x = box.x + 2; x < box.x + box.width && !point; x += 4) {
    const y = box.y + 8;
    if (!marks.some((r) => x >= r.left - 2 && x <= r.right + 2 && y >= r.top && y <= r.bottom)) point = { x, y };
  }
  assert.ok(point, "no spot of the quotation outside its marks");
  await page.mouse.move(point.x, point.y);
  await tip.waitFor({ state: "visible" });
  assert.match(await tip.textContent(), /^QuotationSpeakerArtyom Shraibman/);
  await page.mouse.move(0, 0);
});

test("clicking a person or a quotation shows it in the text", async () => {
  await page.locator("#list-people .item", { hasText: "Alyaksandr Lukashenka" }).click();
  // Names are marked plainly; his pronouns and descriptions carry their kind.
  const names = await page.locator("#doc mark.active:not([data-kind])").allTextContents();
  assert.ok(names.length >= 2 && names.every((t) => /Lukashenka/.test(t)), `active name marks: ${JSON.stringify(names)}`);
  const refs = await page.locator("#doc mark.active[data-kind]").allTextContents();
  assert.ok(refs.every((t) => !/Lukashenka/.test(t)), `active pronoun and description marks: ${JSON.stringify(refs)}`);
  await page.locator("#list-quotes .item").first().click();
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === "quote-0");
});

test("offsets stay exact after emoji; money shows exact values and ranges", async () => {
  const text = "😀 The deal was worth between $3 and $4 million, about €2.50 per share, Angela Merkel said.\n🇪🇺 " + sample;
  await page.getByLabel("Text to analyse").fill(text);
  await extract(page);
  assert.equal(await page.locator("#doc").textContent(), text);
  // What the API says, fetched by the page itself: every mark must show
  // exactly its mention's text.
  const api = await page.evaluate(async (t) => {
    const r = await fetch("/v1/extract", { method: "POST", body: JSON.stringify({ text: t, encodingType: "ENCODING_TYPE_UTF16" }) });
    return r.json();
  }, text);
  const want = [...api.people, ...api.places, ...api.organizations].flatMap((e) => e.mentions.map((m) => m.text))
    .concat(api.money.map((m) => m.text)).sort();
  const got = (await page.locator("#doc mark").allTextContents()).sort();
  assert.deepEqual(got, want);
  const people = await page.locator('#doc mark[data-label="PER"]').allTextContents();
  for (const name of ["Angela Merkel", "Vladimir Putin", "Alyaksandr Lukashenka"]) assert.ok(people.includes(name), name);

  // Exact values from units and nanos, for the amounts the money stage finds.
  const byText = Object.fromEntries(api.money.map((m) => [m.text, m]));
  const values = await page.locator("#list-money .value").allTextContents();
  if (byText["€2.50"]) assert.ok(values.includes("EUR 2.50"), JSON.stringify(values));
  if (byText["$3 and $4 million"]?.upper) assert.ok(values.includes("USD 3,000,000 – 4,000,000"), JSON.stringify(values));
  assert.ok(values.includes("USD 1,500,000,000"), JSON.stringify(values));
  await page.screenshot({ path: join(artifacts, "demo-money.png") });
});

test("dictionary lines pasted on the page are highlighted and linked", async () => {
  const text = "Bukayo Saka bought a Galaxy S24 and filed ABC-1234. Saka said the S24 broke.";
  await page.getByLabel("Text to analyse").fill(text);
  await page.locator("#dict-box summary").click();
  const box = page.getByLabel(/Dictionary lines/);
  await box.fill([
    "phrase\ttype\tid\taliases\tclub",
    "Bukayo Saka\tPERSON\tQ1\tSaka\tArsenal",
    "Galaxy S24\tPRODUCT\tSM-S921\tS24\t",
    '{"pattern": "/[A-Z]{2,5}-\\\\d{3,6}/", "type": "TICKET"}',
  ].join("\n"));
  assert.match(await page.locator("#dict-info").textContent(), /3 entries/);
  await extract(page);
  assert.equal(await page.locator("#error").isHidden(), true, await page.locator("#error").textContent());
  assert.equal(await page.locator("#doc").textContent(), text);
  const custom = await page.locator('#doc mark[data-label="CUSTOM"]').allTextContents();
  assert.deepEqual(custom, ["Galaxy S24", "ABC-1234", "S24"]);
  assert.equal(await page.locator("#list-custom .item").count(), 2);
  assert.match(await page.locator("#list-custom").textContent(), /PRODUCT.*id SM-S921/s);
  const saka = page.locator('#doc mark[data-label="PER"]').first();
  await saka.hover();
  const tipText = await page.locator("#tip").textContent();
  assert.match(tipText, /External ID\s*Q1/);
  assert.match(tipText, /club\s*Arsenal/);
  await page.screenshot({ path: join(artifacts, "demo-dictionary.png") });

  // A bad line is named before anything is sent.
  await box.fill('{"phrase": "x", "type": "X"}\n{"phrase": ');
  await extract(page);
  assert.match(await page.locator("#error").textContent(), /dictionary line 2/);
  // A bad entry comes back from the server naming it.
  await box.fill('{"phrase": "x", "type": "NOT A TYPE"}');
  await extract(page);
  assert.match(await page.locator("#error").textContent(), /dictionary\[0\].*HTTP 400, INVALID_ARGUMENT/);
  await box.fill("");
});

test("errors are shown plainly", async () => {
  await page.getByRole("button", { name: "Clear" }).click();
  await extract(page);
  const empty = await page.locator("#error").textContent();
  assert.match(empty, /empty/i);
  assert.match(empty, /HTTP 400, INVALID_ARGUMENT/);

  await page.getByLabel("Text to analyse").fill("a".repeat(maxTextBytes + 1));
  await extract(page);
  const long = await page.locator("#error").textContent();
  assert.match(long, /HTTP (400|413)/);
  assert.match(long, /limit|long|large/i);
  assert.equal(await page.locator("#results").isHidden(), true, "results of the earlier text still shown");
  await page.screenshot({ path: join(artifacts, "demo-error.png") });

  await page.getByRole("button", { name: "Sample article" }).click();
  assert.equal(await page.getByLabel("Text to analyse").inputValue(), sample);
});

test("the page fits a phone-sized screen", async () => {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(baseURL + "/");
  await extract(phone);
  assert.equal(await phone.locator("#error").isHidden(), true);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  // One column: the panels come below the text.
  const docBox = await phone.locator("#doc").boundingBox();
  const panelsBox = await phone.locator(".panels").boundingBox();
  assert.ok(panelsBox.y >= docBox.y + docBox.height, "panels are not below the text on a phone");
  await phone.screenshot({ path: join(artifacts, "demo-phone.png"), fullPage: true });
  await phone.screenshot({ path: join(artifacts, "demo-phone-top.png") });
  await phone.close();
});

test("no console errors or uncaught exceptions", () => {
  // The refused requests of the error test log "Failed to load resource";
  // anything else is a fault of the page.
  const real = problems.filter((p) => !/Failed to load resource: the server responded with a status of (400|413)/.test(p));
  assert.deepEqual(real, []);
});
