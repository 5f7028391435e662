package server

import (
	"context"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync/atomic"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/logging"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// GRPCServerOptions returns the options a grpc.Server for this service
// needs: the codec that turns invalid UTF-8 into INVALID_ARGUMENT, a
// receive limit of maxMsgBytes, and go-grpc-middleware's logging and
// recovery interceptors: every call is logged to log when it ends, and a
// panic in a handler becomes INTERNAL through [toStatus].
func GRPCServerOptions(log *slog.Logger, maxMsgBytes int) []grpc.ServerOption {
	logOpts := []logging.Option{
		logging.WithLogOnEvents(logging.FinishCall),
		logging.WithLevels(levelFor),
	}
	recoverOpts := []recovery.Option{
		recovery.WithRecoveryHandlerContext(func(_ context.Context, p any) error {
			return toStatus(log, &recovery.PanicError{Panic: p, Stack: debug.Stack()})
		}),
	}
	return []grpc.ServerOption{
		grpc.ForceServerCodecV2(Codec()),
		grpc.MaxRecvMsgSize(maxMsgBytes),
		grpc.ChainUnaryInterceptor(
			logging.UnaryServerInterceptor(callLogger(log), logOpts...),
			recovery.UnaryServerInterceptor(recoverOpts...),
			unaryCallFields),
		grpc.ChainStreamInterceptor(
			logging.StreamServerInterceptor(callLogger(log), logOpts...),
			recovery.StreamServerInterceptor(recoverOpts...),
			streamCallFields),
	}
}

// callLogger adapts log to go-grpc-middleware's logging interface. Health
// checks and reflection log at debug level so that probes do not flood the
// log.
func callLogger(log *slog.Logger) logging.Logger {
	return logging.LoggerFunc(func(ctx context.Context, lvl logging.Level, msg string, fields ...any) {
		level := slog.Level(lvl)
		for i := 0; i+1 < len(fields); i += 2 {
			if fields[i] == logging.ServiceFieldKey {
				svc, _ := fields[i+1].(string)
				if strings.HasPrefix(svc, "grpc.health.v1.") || strings.HasPrefix(svc, "grpc.reflection.") {
					level = min(level, slog.LevelDebug)
				}
			}
		}
		log.Log(ctx, level, msg, fields...)
	})
}

// unaryCallFields adds to the call's log line the size of the request and
// what was found. It never logs text.
func unaryCallFields(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	resp, err := handler(ctx, req)
	var fields logging.Fields
	if m, ok := req.(proto.Message); ok {
		fields = append(fields, "bytes_in", proto.Size(m))
	}
	if err == nil {
		fields = append(fields, resultFields(resp)...)
	}
	logging.AddFields(ctx, fields)
	return resp, err
}

// streamCallFields adds to a streaming call's log line the number of
// messages and bytes received and the documents that succeeded and failed.
func streamCallFields(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	cs := &countingStream{ServerStream: ss}
	err := handler(srv, cs)
	logging.AddFields(ss.Context(), logging.Fields{
		"messages_in", cs.msgsIn.Load(),
		"bytes_in", cs.bytesIn.Load(),
		"documents_ok", cs.ok.Load(),
		"documents_failed", cs.failed.Load(),
	})
	return err
}

// countingStream counts what passes through a stream. Its counters are
// atomic: a handler's receiving goroutine may outlive the handler.
type countingStream struct {
	grpc.ServerStream
	msgsIn, bytesIn, ok, failed atomic.Int64
}

func (s *countingStream) RecvMsg(m any) error {
	err := s.ServerStream.RecvMsg(m)
	if err == nil {
		s.msgsIn.Add(1)
		if pm, ok := m.(proto.Message); ok {
			s.bytesIn.Add(int64(proto.Size(pm)))
		}
	}
	return err
}

func (s *countingStream) SendMsg(m any) error {
	err := s.ServerStream.SendMsg(m)
	if r, ok := m.(*extractv1.ExtractStreamResponse); ok && err == nil {
		if r.GetError() != nil {
			s.failed.Add(1)
		} else {
			s.ok.Add(1)
		}
	}
	return err
}

// resultFields describes a response without its text.
func resultFields(resp any) logging.Fields {
	switch r := resp.(type) {
	case *extractv1.ExtractResponse:
		return logging.Fields{
			"people", len(r.GetPeople()),
			"places", len(r.GetPlaces()),
			"organizations", len(r.GetOrganizations()),
			"money", len(r.GetMoney()),
			"quotes", len(r.GetQuotes()),
			"custom_entities", len(r.GetCustomEntities()),
		}
	case *extractv1.BatchExtractResponse:
		var ok, failed int
		for _, res := range r.GetResults() {
			if res.GetError() != nil {
				failed++
			} else {
				ok++
			}
		}
		return logging.Fields{"documents_ok", ok, "documents_failed", failed}
	}
	return nil
}

// levelFor logs server faults as errors and everything else, bad requests
// included, as information: a bad request is the caller's business.
func levelFor(c codes.Code) logging.Level {
	switch c {
	case codes.Internal, codes.Unknown, codes.DataLoss, codes.Unavailable:
		return logging.LevelError
	}
	return logging.LevelInfo
}
