// Tests the Node client against a running extractd whose gRPC address is in
// EXTRACTD_GRPC_ADDR (clients/run-tests.sh builds and starts one).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Code, ConnectError, EncodingType, Feature, createExtractionClient, formatMoney } from "../index.js";

const addr = process.env.EXTRACTD_GRPC_ADDR;
const sample = readFileSync(new URL("../../../testdata/putin-lukashenka-sochi.txt", import.meta.url), "utf8");
const client = () => {
  assert.ok(addr, "EXTRACTD_GRPC_ADDR is not set: run clients/run-tests.sh, or start extractd and set it (e.g. 127.0.0.1:9090)");
  return createExtractionClient(addr);
};

test("Extract finds the sample article's people", async () => {
  const res = await client().extract({ id: "sample", text: sample, encodingType: EncodingType.UTF16 });
  assert.equal(res.id, "sample");
  const names = res.people.map((p) => p.name);
  for (const want of ["Vladimir Putin", "Alyaksandr Lukashenka", "Artyom Shraibman", "Aleksei Navalny"]) {
    assert.ok(names.includes(want), `people = ${JSON.stringify(names)}; want ${want} among them`);
  }
  const putin = res.people.find((p) => p.name === "Vladimir Putin");
  assert.ok(putin.mentions.length >= 4, `Vladimir Putin has ${putin.mentions.length} mentions; want >= 4`);
  assert.match(putin.id, /^p\d+$/);
});

test("UTF-16 offsets slice JavaScript strings exactly", async () => {
  const text = "Emoji 😀 first: Angela Merkel met Emmanuel Macron in Paris. ";
  for (const [name, t] of [["sample", sample], ["astral", text + sample]]) {
    const res = await client().extract({ text: t, encodingType: EncodingType.UTF16 });
    const spans = [
      ...[...res.people, ...res.places, ...res.organizations].flatMap((e) => e.mentions),
      ...res.money,
      ...res.quotes,
    ];
    assert.ok(spans.length > 0, `${name}: nothing found`);
    for (const s of spans) {
      assert.equal(t.slice(s.span.begin, s.span.end), s.text, `${name}: span [${s.span.begin},${s.span.end})`);
    }
  }
});

test("money and quotes of the sample article", async () => {
  const res = await client().extract({ text: sample, features: [Feature.MONEY, Feature.QUOTES] });
  assert.deepEqual(res.people, [], "people not asked for");
  const money = res.money.map((m) => `${m.text} = ${formatMoney(m.amount)}`);
  assert.ok(money.includes("$1.5 billion = USD 1500000000"), `money = ${JSON.stringify(money)}`);
  const speakers = res.quotes.map((q) => q.speaker);
  assert.ok(speakers.length >= 1 && speakers.every((s) => s === "Artyom Shraibman"), `speakers = ${JSON.stringify(speakers)}`);
});

test("documentDate picks the currency code in force then", async () => {
  const text = "MOSCOW (Reuters) - Gazprom paid 5 billion roubles in tax.";
  for (const [documentDate, want] of [[undefined, "RUB"], [{ year: 1995, month: 6, day: 1 }, "RUR"]]) {
    const res = await client().extract({ text, features: [Feature.MONEY], documentDate });
    assert.deepEqual(res.money.map((m) => m.amount.currencyCode), [want], `documentDate ${JSON.stringify(documentDate)}`);
  }
});

test("a request's own dictionary finds custom entities and links people", async () => {
  const text = "Bukayo Saka bought a Galaxy S24. Saka said the S24 broke.";
  const res = await client().extract({
    text,
    encodingType: EncodingType.UTF16,
    dictionary: [
      { phrases: ["Bukayo Saka"], type: "PERSON", externalId: "Q1", metadata: { club: "Arsenal" } },
      { phrases: ["Galaxy S24", "S24"], type: "PRODUCT", externalId: "SM-S921" },
    ],
  });
  assert.equal(res.customEntities.length, 1);
  const phone = res.customEntities[0];
  assert.equal(phone.type, "PRODUCT");
  assert.equal(phone.link.externalId, "SM-S921");
  assert.deepEqual(phone.mentions.map((m) => text.slice(m.span.begin, m.span.end)), ["Galaxy S24", "S24"]);
  assert.equal(res.people[0].link.metadata.club, "Arsenal");
});

test("errors come back as gRPC status codes", async () => {
  await assert.rejects(client().extract({ text: "   " }), (err) => {
    assert.ok(err instanceof ConnectError, String(err));
    assert.equal(err.code, Code.InvalidArgument);
    return true;
  });
});

test("BatchExtract returns a result or an error per document", async () => {
  const res = await client().batchExtract({
    requests: [{ id: "a", text: sample }, { id: "b", text: "" }],
  });
  assert.equal(res.results.length, 2);
  assert.equal(res.results[0].id, "a");
  assert.equal(res.results[0].outcome.case, "response");
  assert.ok(res.results[0].outcome.value.people.length >= 4);
  assert.equal(res.results[1].outcome.case, "error");
  assert.equal(res.results[1].outcome.value.code, Code.InvalidArgument);
});

test("ExtractStream answers each document in order", async () => {
  async function* docs() {
    for (const id of ["1", "2", "3"]) yield { request: { id, text: sample } };
  }
  const ids = [];
  for await (const r of client().extractStream(docs())) {
    assert.equal(r.outcome.case, "response");
    ids.push(r.id);
  }
  assert.deepEqual(ids, ["1", "2", "3"]);
});

test("formatMoney writes units and nanos exactly", () => {
  const cases = [
    ["whole", { currencyCode: "USD", units: 1500000000n, nanos: 0 }, "USD 1500000000"],
    ["cents", { currencyCode: "EUR", units: 0n, nanos: 500000000 }, "EUR 0.5"],
    ["negative", { currencyCode: "GBP", units: -3n, nanos: -250000000 }, "GBP -3.25"],
    ["negative below one", { currencyCode: "JPY", units: 0n, nanos: -1 }, "JPY -0.000000001"],
    ["beyond 2^53", { currencyCode: "USD", units: 9007199254740993n, nanos: 0 }, "USD 9007199254740993"],
  ];
  for (const [name, money, want] of cases) {
    assert.equal(formatMoney(money), want, name);
  }
});
