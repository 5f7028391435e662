package server

import (
	"context"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// GRPCServerOptions returns the options a grpc.Server for this service
// needs: the codec that turns invalid UTF-8 into INVALID_ARGUMENT, a
// receive limit of maxMsgBytes, and interceptors that recover panics as
// INTERNAL and log every call to log.
func GRPCServerOptions(log *slog.Logger, maxMsgBytes int) []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ForceServerCodecV2(Codec()),
		grpc.MaxRecvMsgSize(maxMsgBytes),
		grpc.ChainUnaryInterceptor(UnaryLogger(log), UnaryRecoverer(log)),
		grpc.ChainStreamInterceptor(StreamLogger(log), StreamRecoverer(log)),
	}
}

// UnaryRecoverer returns an interceptor that turns a panic in a handler into
// an INTERNAL error, and logs it with its stack.
func UnaryRecoverer(log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic", "method", info.FullMethod, "panic", p, "stack", string(debug.Stack()))
				resp, err = nil, status.Error(codes.Internal, "internal error")
			}
		}()
		return handler(ctx, req)
	}
}

// StreamRecoverer is [UnaryRecoverer] for streaming calls.
func StreamRecoverer(log *slog.Logger) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic", "method", info.FullMethod, "panic", p, "stack", string(debug.Stack()))
				err = status.Error(codes.Internal, "internal error")
			}
		}()
		return handler(srv, ss)
	}
}

// UnaryLogger returns an interceptor that logs one line per call: method,
// code, duration, request bytes and what was found. It never logs text.
func UnaryLogger(log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		start := time.Now()
		resp, err := handler(ctx, req)
		attrs := []slog.Attr{
			slog.String("method", info.FullMethod),
			slog.String("code", status.Code(err).String()),
			slog.Float64("duration_ms", msSince(start)),
		}
		if m, ok := req.(proto.Message); ok {
			attrs = append(attrs, slog.Int("bytes_in", proto.Size(m)))
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", status.Convert(err).Message()))
		} else {
			attrs = append(attrs, resultAttrs(resp)...)
		}
		log.LogAttrs(ctx, levelFor(info.FullMethod, status.Code(err)), "rpc", attrs...)
		return resp, err
	}
}

// StreamLogger is [UnaryLogger] for streaming calls: it logs one line when
// the call ends, with the number of messages and bytes received and the
// documents that succeeded and failed.
func StreamLogger(log *slog.Logger) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		start := time.Now()
		cs := &countingStream{ServerStream: ss}
		err := handler(srv, cs)
		attrs := []slog.Attr{
			slog.String("method", info.FullMethod),
			slog.String("code", status.Code(err).String()),
			slog.Float64("duration_ms", msSince(start)),
			slog.Int64("messages_in", cs.msgsIn.Load()),
			slog.Int64("bytes_in", cs.bytesIn.Load()),
			slog.Int64("documents_ok", cs.ok.Load()),
			slog.Int64("documents_failed", cs.failed.Load()),
		}
		if err != nil {
			attrs = append(attrs, slog.String("error", status.Convert(err).Message()))
		}
		log.LogAttrs(ss.Context(), levelFor(info.FullMethod, status.Code(err)), "rpc", attrs...)
		return err
	}
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

// resultAttrs describes a response without its text.
func resultAttrs(resp any) []slog.Attr {
	switch r := resp.(type) {
	case *extractv1.ExtractResponse:
		return []slog.Attr{
			slog.Int("people", len(r.GetPeople())),
			slog.Int("places", len(r.GetPlaces())),
			slog.Int("organizations", len(r.GetOrganizations())),
			slog.Int("money", len(r.GetMoney())),
			slog.Int("quotes", len(r.GetQuotes())),
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
		return []slog.Attr{slog.Int("documents_ok", ok), slog.Int("documents_failed", failed)}
	}
	return nil
}

// levelFor logs server faults as errors and everything else, bad requests
// included, as information: a bad request is the caller's business.
// Health checks log at debug level so that probes do not flood the log.
func levelFor(method string, c codes.Code) slog.Level {
	if strings.HasPrefix(method, "/grpc.health.v1.") || strings.HasPrefix(method, "/grpc.reflection.") {
		return slog.LevelDebug
	}
	switch c {
	case codes.Internal, codes.Unknown, codes.DataLoss, codes.Unavailable:
		return slog.LevelError
	}
	return slog.LevelInfo
}

// msSince is the time since start in milliseconds.
func msSince(start time.Time) float64 {
	return float64(time.Since(start).Microseconds()) / 1000
}
