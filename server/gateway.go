package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"unicode/utf16"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/entityextraction/extractd/gen"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// JSON options shared by the gateway and the command-line tool, so that
// both print the same bytes for the same response.
//
// Marshaling uses lowerCamelCase names and emits default values (every list
// of a response is present, empty when nothing was found; zero numbers and
// false flags are shown) but not absent messages (no "upper": null).
// Unmarshaling rejects unknown fields, so a misspelt field is a 400, not a
// silently ignored option.
var (
	JSONMarshalOptions   = protojson.MarshalOptions{EmitDefaultValues: true}
	JSONUnmarshalOptions = protojson.UnmarshalOptions{DiscardUnknown: false}
)

// MarshalJSON returns m as indented JSON, the form of an HTTP response body.
// Unlike protojson's own output, whose spacing varies between builds on
// purpose, the bytes are stable: those of json.Indent(b, "", "  ") on the
// protojson of m with [JSONMarshalOptions].
func MarshalJSON(m proto.Message) ([]byte, error) { return marshalJSON(m, "  ") }

// MarshalJSONLine returns m as JSON on one line, the form of a line of the
// command-line tool's --jsonl output.
func MarshalJSONLine(m proto.Message) ([]byte, error) { return marshalJSON(m, "") }

// protoJSONAppender is implemented by the API's messages: the encoders
// generated from the protos by tools/protoc-gen-go-json, whose output is
// protojson's with EmitDefaultValues, without reflection.
type protoJSONAppender interface {
	AppendProtoJSON(b []byte, indent string) ([]byte, error)
}

// marshalJSON is the one place where responses become JSON, for the
// gateway and the command-line tool alike. Messages of other packages go
// through protojson and are then indented or compacted.
func marshalJSON(m proto.Message, indent string) ([]byte, error) {
	if a, ok := m.(protoJSONAppender); ok {
		return a.AppendProtoJSON(nil, indent)
	}
	b, err := JSONMarshalOptions.Marshal(m)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if indent == "" {
		err = json.Compact(&out, b)
	} else {
		err = json.Indent(&out, b, "", indent)
	}
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// jsonMarshaler is the gateway's marshaler: protojson with the options
// above, in the stable indented form of [MarshalJSON] for a response, and
// one object per line for the messages of a streamed response.
type jsonMarshaler struct{ *runtime.JSONPb }

func (m jsonMarshaler) Marshal(v any) ([]byte, error) {
	switch v := v.(type) {
	case proto.Message:
		return MarshalJSON(v)
	case map[string]any: // a message of a stream: {"result": message}
		if pm, ok := v["result"].(proto.Message); ok && len(v) == 1 {
			return streamChunk("result", pm)
		}
	case map[string]proto.Message: // the error ending a stream: {"error": status}
		if pm, ok := v["error"]; ok && len(v) == 1 {
			return streamChunk("error", pm)
		}
	}
	return m.JSONPb.Marshal(v)
}

// streamChunk is {"key":message} on one line.
func streamChunk(key string, m proto.Message) ([]byte, error) {
	line, err := MarshalJSONLine(m)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(line)+len(key)+5)
	b = append(b, `{"`...)
	b = append(b, key...)
	b = append(b, `":`...)
	b = append(b, line...)
	return append(b, '}'), nil
}

// StreamContentType is the media type of a streamed response: JSON objects,
// one per line.
func (jsonMarshaler) StreamContentType(any) string { return "application/x-ndjson" }

// Delimiter ends each message of a streamed response.
func (jsonMarshaler) Delimiter() []byte { return []byte("\n") }

// NewDecoder decodes request bodies: the whole body must be one JSON value
// (trailing data is an error), and each error says that the body is at
// fault. An empty body is an empty request, as in the gateway's own
// decoder.
func (m jsonMarshaler) NewDecoder(r io.Reader) runtime.Decoder {
	return runtime.DecoderFunc(func(v any) error {
		b, err := readBody(r)
		if err != nil {
			return fmt.Errorf("invalid request body: %w", err)
		}
		if len(bytes.TrimSpace(b)) == 0 {
			return io.EOF
		}
		pm, ok := v.(proto.Message)
		if !ok {
			return m.JSONPb.Unmarshal(b, v)
		}
		if err := JSONUnmarshalOptions.Unmarshal(b, pm); err != nil {
			if off, esc, ok := loneSurrogate(b); ok {
				return fmt.Errorf("invalid request body: lone UTF-16 surrogate %s at byte offset %d (a surrogate escape must be half of a pair)", esc, off)
			}
			return fmt.Errorf("invalid request body: %w", err)
		}
		return nil
	})
}

// readBody returns what r holds: without a copy when r is a body that
// [LimitBodies] has already read.
func readBody(r io.Reader) ([]byte, error) {
	if rb, ok := r.(*receivedBody); ok {
		return rb.take(), nil
	}
	return io.ReadAll(r)
}

// loneSurrogate finds the first \uXXXX escape in the strings of the JSON
// text b that is half of a UTF-16 surrogate pair without its other half,
// and returns its byte offset and text.
func loneSurrogate(b []byte) (int, string, bool) {
	half := func(i int) (rune, bool) { // the escape at b[i:], if it is one
		if i+6 > len(b) || b[i] != '\\' || b[i+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
		return rune(n), err == nil
	}
	inString := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case !inString:
			inString = c == '"'
		case c == '"':
			inString = false
		case c == '\\':
			r, ok := half(i)
			switch {
			case !ok:
				i++ // a one-character escape
			case utf16.IsSurrogate(r) && r < 0xDC00: // high: a low one must follow
				if lo, ok := half(i + 6); ok && lo >= 0xDC00 && lo <= 0xDFFF {
					i += 11
					continue
				}
				return i, string(b[i : i+6]), true
			case utf16.IsSurrogate(r): // low without a high one before it
				return i, string(b[i : i+6]), true
			default:
				i += 5
			}
		}
	}
	return 0, "", false
}

// GatewayDialOptions returns the options for the gateway's connection to the
// gRPC server: plain text (the gateway dials its own server, on loopback or
// in the same pod) and a send limit that matches the server's receive limit
// maxMsgBytes, so that a large request fails on the server with its own
// message rather than in the gateway.
func GatewayDialOptions(maxMsgBytes int) []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(
			grpc.MaxCallSendMsgSize(maxMsgBytes+1),
			grpc.MaxCallRecvMsgSize(math.MaxInt32),
		),
	}
}

// NewGateway returns the HTTP/JSON API, which forwards each request to the
// gRPC server over conn, so that every request passes the same interceptors
// as a gRPC call. It serves:
//
//	POST /v1/extract              Extract
//	POST /v1/extract:batch        BatchExtract
//	POST /v1/extract:batchStream  BatchExtractStream, as JSON objects, one per line
//	GET  /healthz           200 when the gRPC server reports SERVING, 503 otherwise
//	GET  /openapi.json      the OpenAPI v2 document
//
// A request body over maxBodyBytes is refused with 413 before it reaches the
// gateway. The [ModelHeader] of a response is the HTTP header Extractd-Model.
func NewGateway(ctx context.Context, conn *grpc.ClientConn, maxBodyBytes int) (http.Handler, error) {
	gw := runtime.NewServeMux(
		runtime.WithMarshalerOption(runtime.MIMEWildcard, jsonMarshaler{&runtime.JSONPb{
			MarshalOptions:   JSONMarshalOptions,
			UnmarshalOptions: JSONUnmarshalOptions,
		}}),
		runtime.WithHealthzEndpoint(healthpb.NewHealthClient(conn)),
		runtime.WithOutgoingHeaderMatcher(outgoingHeader),
		runtime.WithMetadata(gatewayMetadata),
	)
	if err := extractv1.RegisterEntityExtractionServiceHandler(ctx, gw, conn); err != nil {
		return nil, fmt.Errorf("server: registering the gateway: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(gen.OpenAPI)
	})
	mux.Handle("/openapi.json", methodNotAllowed("GET, HEAD"))
	for _, route := range APIRoutes {
		mux.Handle("POST "+route, gw)
		mux.Handle(route, methodNotAllowed("POST"))
	}
	mux.Handle("/", gw)
	return limitBody(mux, int64(maxBodyBytes)), nil
}

// APIRoutes are the paths of the HTTP API's calls, each served for POST.
var APIRoutes = []string{"/v1/extract", "/v1/extract:batch", "/v1/extract:batchStream"}

// outgoingHeader names the HTTP response header of a gRPC response header:
// [ModelHeader] is Extractd-Model, the others keep grpc-gateway's
// Grpc-Metadata- prefix.
func outgoingHeader(key string) (string, bool) {
	if key == ModelHeader {
		return http.CanonicalHeaderKey(key), true
	}
	return runtime.MetadataHeaderPrefix + key, true
}

// limitBody refuses bodies over limit bytes with 413 and a JSON status
// like the gateway's own errors.
func limitBody(h http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > limit {
			writeStatusJSON(w, http.StatusRequestEntityTooLarge, 8,
				fmt.Sprintf("request body is %d bytes, the limit is %d", r.ContentLength, limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		h.ServeHTTP(w, r)
	})
}
