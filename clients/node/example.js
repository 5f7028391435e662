// Extracts the entities, money and quotes of a text file (default: the
// sample article) with the Node client and prints them.
//
//   node example.js [file]        # server at EXTRACTD_GRPC_ADDR or 127.0.0.1:9090
import { readFileSync } from "node:fs";
import { EncodingType, createExtractionClient, formatMoney } from "./index.js";

const file = process.argv[2] ?? new URL("../../testdata/putin-lukashenka-sochi.txt", import.meta.url);
const text = readFileSync(file, "utf8");
const client = createExtractionClient(process.env.EXTRACTD_GRPC_ADDR ?? "127.0.0.1:9090");

// UTF-16 offsets index JavaScript strings: text.slice(begin, end) is the span.
const res = await client.extract({ text, encodingType: EncodingType.UTF16 });
for (const [kind, list] of [["person", res.people], ["place", res.places], ["organization", res.organizations]]) {
  for (const e of list) {
    console.log(`${kind.padEnd(12)} ${e.name} (${e.mentions.length} mentions, salience ${e.salience.toFixed(3)})`);
  }
}
for (const m of res.money) {
  const upper = m.upper ? ` to ${formatMoney(m.upper)}` : "";
  console.log(`money        ${JSON.stringify(m.text)} = ${formatMoney(m.amount)}${upper}`);
}
for (const q of res.quotes) {
  console.log(`quote        ${q.speaker || "(unknown)"}: “${text.slice(q.span.begin, q.span.end)}”`);
}
