// Node client for the entity-extraction service (extractd) over gRPC.
//
// The message types and the service descriptor in ./gen are generated from
// proto/ by buf with protoc-gen-es (see buf.gen.yaml); this file only builds
// a Connect client on the gRPC protocol over HTTP/2 (plain text, as extractd
// serves it).
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { EntityExtractionService } from "./gen/entityextraction/v1/entity_extraction_pb.js";

export * from "./gen/entityextraction/v1/entity_extraction_pb.js";
export { Code, ConnectError } from "@connectrpc/connect";

/**
 * Returns a client of EntityExtractionService at address: "host:port" or a
 * URL such as "http://127.0.0.1:9090" (use https:// for a server behind TLS).
 * Extra transport options, such as interceptors, go in options.
 *
 * @param {string} address
 * @param {object} [options]
 */
export function createExtractionClient(address, options = {}) {
  const baseUrl = /^https?:\/\//.test(address) ? address : "http://" + address;
  return createClient(EntityExtractionService, createGrpcTransport({ baseUrl, ...options }));
}

/**
 * Formats a Money message exactly: "USD 1500000000" or "EUR 0.5". units is
 * a bigint (int64) and nanos has the same sign.
 *
 * @param {{currencyCode: string, units: bigint, nanos: number}} money
 */
export function formatMoney(money) {
  const neg = money.units < 0n || money.nanos < 0;
  const units = money.units < 0n ? -money.units : money.units;
  const nanos = Math.abs(money.nanos);
  const frac = nanos ? "." + String(nanos).padStart(9, "0").replace(/0+$/, "") : "";
  return `${money.currencyCode} ${neg ? "-" : ""}${units}${frac}`;
}
