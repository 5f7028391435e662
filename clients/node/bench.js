// Measures the round-trip time of Extract on the sample article from Node:
// sequential calls over one gRPC connection, after a warm-up.
//
//   EXTRACTD_GRPC_ADDR=127.0.0.1:9090 node bench.js [calls]
import { readFileSync } from "node:fs";
import { EncodingType, createExtractionClient } from "./index.js";

const n = Number(process.argv[2] ?? 200);
const text = readFileSync(new URL("../../testdata/putin-lukashenka-sochi.txt", import.meta.url), "utf8");
const client = createExtractionClient(process.env.EXTRACTD_GRPC_ADDR ?? "127.0.0.1:9090");
for (let i = 0; i < 10; i++) await client.extract({ text, encodingType: EncodingType.UTF16 });
const ms = [];
for (let i = 0; i < n; i++) {
  const t = process.hrtime.bigint();
  await client.extract({ text, encodingType: EncodingType.UTF16 });
  ms.push(Number(process.hrtime.bigint() - t) / 1e6);
}
ms.sort((a, b) => a - b);
const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(2);
console.log(`node grpc Extract (${text.length} chars) x${n}: median ${q(0.5)} ms, p90 ${q(0.9)} ms`);
