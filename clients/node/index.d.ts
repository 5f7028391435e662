import type { Client, Transport } from "@connectrpc/connect";
import type { GrpcTransportOptions } from "@connectrpc/connect-node";
import type { EntityExtractionService, Money } from "./gen/entityextraction/v1/entity_extraction_pb.js";

export * from "./gen/entityextraction/v1/entity_extraction_pb.js";
export { Code, ConnectError } from "@connectrpc/connect";

/** A client of EntityExtractionService at address ("host:port" or a URL). */
export declare function createExtractionClient(
  address: string,
  options?: Partial<GrpcTransportOptions>,
): Client<typeof EntityExtractionService>;

/** Formats a Money message exactly, e.g. "USD 1500000000". */
export declare function formatMoney(money: Pick<Money, "currencyCode" | "units" | "nanos">): string;
