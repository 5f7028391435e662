// Package server implements the entityextraction.v1 EntityExtractionService
// on top of an [Extractor], and the pieces that serve it: the gRPC codec and
// interceptors, and the HTTP/JSON gateway.
//
// The package knows no natural-language processing: it validates requests,
// calls the extractor, converts the byte offsets of its [extractor.Result]
// into the unit the caller asked for (UTF-8 bytes, UTF-16 code units or code
// points), and maps errors to gRPC status codes in one place (toStatus).
//
// Basic usage, as in cmd/extractd:
//
//	ex, err := extractor.New(extractor.WithMaxTextBytes(1 << 20))
//	if err != nil { ... }
//	svc := server.New(ex, server.WithMaxBatchSize(100))
//	gs := grpc.NewServer(server.GRPCServerOptions(logger, 16<<20)...)
//	extractv1.RegisterEntityExtractionServiceServer(gs, svc)
//	gs.Serve(lis)
//
// and for HTTP, a gateway that dials the gRPC server:
//
//	conn, err := grpc.NewClient(grpcAddr, server.GatewayDialOptions(16<<20)...)
//	h, err := server.NewGateway(ctx, conn, 16<<20)
//	http.Serve(httpLis, h)
//
// The production pieces wrap these: [Limit] caps the documents and text
// bytes analysed at once (excess work waits briefly, then fails with
// ResourceExhausted), [LimitBodies] refuses HTTP bodies over the limit or the
// in-flight budget before reading them, [Instrument] and [NewMetrics] feed
// Prometheus, [NewTokenAuth] checks bearer tokens on both transports, and
// [CORS] answers cross-origin requests for the HTTP API.
package server
