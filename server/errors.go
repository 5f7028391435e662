package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
)

// MaxIDBytes is the longest request id the service accepts.
const MaxIDBytes = 1024

// Errors found by request validation, before the extractor runs.
var (
	ErrTextTooLong     = errors.New("text is too long")
	ErrInvalidUTF8     = errors.New("text is not valid UTF-8")
	ErrIDTooLong       = fmt.Errorf("id is longer than %d bytes", MaxIDBytes)
	ErrInvalidIDUTF8   = errors.New("id is not valid UTF-8")
	ErrUnknownEncoding = errors.New("unknown encoding_type")
	ErrUnknownFeature  = errors.New("unknown feature")
	ErrEmptyBatch      = errors.New("requests is empty")
	ErrBatchTooLarge   = errors.New("too many requests in one batch")
	ErrNoRequest       = errors.New("request is missing")
	ErrInvalidDate     = errors.New("document_date is not a valid date")
	ErrUndecodable     = errors.New("message is not a valid request")

	ErrResponseTooLarge      = errors.New("the result of this document is over the per-document response limit")
	ErrBatchResponseTooLarge = errors.New("the results of this batch are over the response limit of one call")
)

// statusProto is a google.rpc.Status with a gRPC code and a message.
func statusProto(code int, msg string) *spb.Status {
	return status.New(codes.Code(code), msg).Proto()
}

// Status is the status the service answers for err, chosen by the same
// rules as its own calls (internal errors are logged to log and reach the
// caller as "internal error" only). It is for code that analyses documents
// with the service outside a gRPC call, such as the --jsonl format; nil
// err gives an OK status.
func Status(log *slog.Logger, err error) *status.Status {
	return status.Convert(toStatus(log, err))
}

// toStatus maps an error from validation or from the extractor to the gRPC
// status the caller sees. It is the only place that chooses status codes.
// Internal errors, recovered panics ([recovery.PanicError]) included, are
// logged and reach the caller as "internal error" only.
func toStatus(log *slog.Logger, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, extractor.ErrEmptyText):
		return status.Error(codes.InvalidArgument, "text is empty or only white space")
	case errors.Is(err, extractor.ErrTooLong), errors.Is(err, ErrTextTooLong),
		errors.Is(err, ErrInvalidUTF8), errors.Is(err, ErrIDTooLong), errors.Is(err, ErrInvalidIDUTF8),
		errors.Is(err, ErrUnknownEncoding), errors.Is(err, ErrUnknownFeature),
		errors.Is(err, ErrEmptyBatch), errors.Is(err, ErrBatchTooLarge), errors.Is(err, ErrNoRequest),
		errors.Is(err, ErrInvalidDate), errors.Is(err, extractor.ErrInvalidDate),
		errors.Is(err, ErrBadDictionary),
		errors.Is(err, ErrUndecodable), errors.Is(err, ErrResponseTooLarge), errors.Is(err, ErrBatchResponseTooLarge):
		return status.Error(codes.InvalidArgument, err.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return status.FromContextError(err).Err()
	default:
		var p *recovery.PanicError
		if errors.As(err, &p) {
			log.Error("panic", "panic", fmt.Sprint(p.Panic), "stack", string(p.Stack))
		} else if _, ok := status.FromError(err); ok {
			return err // already a status
		} else {
			log.Error("extract failed", "err", err)
		}
		return status.Error(codes.Internal, "internal error")
	}
}
