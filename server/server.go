package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// Extractor is what the service needs from the extraction library;
// *extractor.Extractor implements it.
type Extractor interface {
	// ExtractDocument finds what want selects in doc.
	ExtractDocument(ctx context.Context, doc extractor.Document, want extractor.Features) (*extractor.Result, error)
	// MaxTextBytes is the largest text, in bytes, the extractor accepts.
	MaxTextBytes() int
}

// DefaultMaxBatchSize is the most documents a BatchExtract call may hold
// unless [WithMaxBatchSize] says otherwise.
const DefaultMaxBatchSize = 100

// Service implements [extractv1.EntityExtractionServiceServer]. It is safe for
// concurrent use.
type Service struct {
	extractv1.UnimplementedEntityExtractionServiceServer

	ex       Extractor
	maxBatch int
	workers  int
	budget   *ResponseBudget
	log      *slog.Logger
	model    metadata.MD // the ModelHeader of every response, or nil
}

// ModelHeader is the gRPC response header (and, through the gateway, the
// HTTP response header Extractd-Model) that names the model which analysed
// the documents, as set by [WithModel].
const ModelHeader = "extractd-model"

// Option configures a [Service].
type Option func(*Service)

// WithMaxBatchSize sets the most documents one BatchExtract or
// BatchExtractStream call may hold.
func WithMaxBatchSize(n int) Option { return func(s *Service) { s.maxBatch = n } }

// WithWorkers sets how many documents of one batch or stream call are
// analysed at once; the default is GOMAXPROCS.
func WithWorkers(n int) Option { return func(s *Service) { s.workers = n } }

// WithResponseBudget bounds the responses by b (see [ResponseBudget]); by
// default they are not bounded.
func WithResponseBudget(b *ResponseBudget) Option { return func(s *Service) { s.budget = b } }

// WithLogger sets the logger for internal errors; the default is
// [slog.Default].
func WithLogger(l *slog.Logger) Option { return func(s *Service) { s.log = l } }

// WithModel sets the value of the [ModelHeader] sent with every response,
// such as "embedded sha256:…"; without it there is no such header.
func WithModel(identity string) Option {
	return func(s *Service) { s.model = metadata.Pairs(ModelHeader, identity) }
}

// New returns a Service that analyses documents with ex.
func New(ex Extractor, opts ...Option) *Service {
	s := &Service{ex: ex, maxBatch: DefaultMaxBatchSize, workers: runtime.GOMAXPROCS(0), log: slog.Default()}
	for _, o := range opts {
		o(s)
	}
	s.workers = max(s.workers, 1)
	return s
}

// Extract implements EntityExtractionService.Extract.
func (s *Service) Extract(ctx context.Context, req *extractv1.ExtractRequest) (*extractv1.ExtractResponse, error) {
	s.setHeader(ctx)
	resv, done := s.budget.callReservation(ctx, false)
	defer done()
	resp, err := s.extract(ctx, req, resv)
	return resp, toStatus(s.log, err)
}

// checkBatch checks the number of documents of a batch.
func (s *Service) checkBatch(n int) error {
	switch {
	case n == 0:
		return ErrEmptyBatch
	case n > s.maxBatch:
		return fmt.Errorf("%w: %d, the limit is %d", ErrBatchTooLarge, n, s.maxBatch)
	}
	return nil
}

// BatchExtract implements EntityExtractionService.BatchExtract. Its
// documents are analysed s.workers at a time; they wait for each other
// rather than shed each other (see [Limited]), and their results together
// are bounded by the response budget's per-call limit.
func (s *Service) BatchExtract(ctx context.Context, req *extractv1.BatchExtractRequest) (*extractv1.BatchExtractResponse, error) {
	n := len(req.GetRequests())
	if err := s.checkBatch(n); err != nil {
		return nil, toStatus(s.log, err)
	}
	s.setHeader(ctx)
	resv, done := s.budget.callReservation(ctx, true)
	defer done()
	ctx, cancel := context.WithCancelCause(withCallGroup(ctx))
	defer cancel(nil)
	results := make([]*extractv1.BatchExtractResult, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(s.workers, n) {
		wg.Go(func() {
			for i := range next {
				r := req.Requests[i]
				resp, err := s.extract(ctx, r, resv)
				if errors.Is(err, ErrBatchResponseTooLarge) {
					cancel(err) // the whole call fails
				}
				res := &extractv1.BatchExtractResult{Id: echoID(r.GetId())}
				if err != nil {
					res.Outcome = &extractv1.BatchExtractResult_Error{Error: status.Convert(toStatus(s.log, err)).Proto()}
				} else {
					res.Outcome = &extractv1.BatchExtractResult_Response{Response: resp}
				}
				results[i] = res
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, toStatus(s.log, err)
	}
	return &extractv1.BatchExtractResponse{Results: results}, nil
}

// setHeader sends the model header with the response of a unary call. It
// does nothing outside a gRPC call, as when the service is called directly.
func (s *Service) setHeader(ctx context.Context) {
	if s.model != nil {
		grpc.SetHeader(ctx, s.model) //nolint:errcheck // no header outside a gRPC call, by design
	}
}

// BatchExtractStream implements EntityExtractionService.BatchExtractStream:
// the documents of req are analysed s.workers at a time and their results
// sent in request order, each holding its share of the response budget
// only until it is sent; at most 2·s.workers results wait to be sent, so a
// client that does not read its results stops the work.
func (s *Service) BatchExtractStream(req *extractv1.BatchExtractStreamRequest, stream extractv1.EntityExtractionService_BatchExtractStreamServer) error {
	n := len(req.GetRequests())
	if err := s.checkBatch(n); err != nil {
		return toStatus(s.log, err)
	}
	if s.model != nil {
		stream.SetHeader(s.model)
	}
	ctx, cancel := context.WithCancel(withCallGroup(stream.Context()))
	defer cancel()
	type job struct {
		out  *extractv1.BatchExtractStreamResponse
		resv *reservation
		done chan struct{}
	}
	jobs := make([]job, n)
	for i := range jobs {
		jobs[i].done = make(chan struct{})
	}
	window := make(chan struct{}, 2*s.workers) // results analysed but not yet sent
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range n {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range min(s.workers, n) {
		go func() {
			for i := range next {
				r := req.Requests[i]
				j := &jobs[i]
				j.resv = s.budget.newReservationOrNil()
				j.out = &extractv1.BatchExtractStreamResponse{Index: int32(i), Id: echoID(r.GetId())}
				resp, err := s.extract(ctx, r, j.resv)
				if err != nil {
					j.out.Outcome = &extractv1.BatchExtractStreamResponse_Error{Error: status.Convert(toStatus(s.log, err)).Proto()}
				} else {
					j.out.Outcome = &extractv1.BatchExtractStreamResponse_Response{Response: resp}
				}
				close(j.done)
			}
		}()
	}
	defer func() { // results analysed but never sent
		for i := range jobs {
			select {
			case <-jobs[i].done:
				jobs[i].resv.release()
			default:
			}
		}
	}()
	for i := range jobs {
		j := &jobs[i]
		select {
		case <-j.done:
		case <-ctx.Done():
			return toStatus(s.log, ctx.Err())
		}
		err := stream.Send(j.out)
		j.out = nil
		j.resv.release()
		if err != nil {
			return err
		}
		<-window
	}
	return nil
}

// newReservationOrNil is a reservation for one message of a stream.
func (b *ResponseBudget) newReservationOrNil() *reservation {
	if b == nil {
		return nil
	}
	return b.newReservation(false)
}

// streamJob is one document of an ExtractStream call.
type streamJob struct {
	req    *extractv1.ExtractRequest
	decErr error // the message could not be decoded
	resv   *reservation
	resp   *extractv1.ExtractStreamResponse
	done   chan struct{}
}

// ExtractStream implements EntityExtractionService.ExtractStream. One
// goroutine receives, s.workers goroutines extract and the handler sends the
// results in arrival order; at most 2·s.workers documents are in flight, so
// a client that does not read its results stops being read from. A message
// that cannot be decoded is that document's INVALID_ARGUMENT result. When
// grpc-go itself ends the call (a message over the size limit), the call
// ends with the status grpc-go sent, and results not yet sent are lost.
func (s *Service) ExtractStream(stream extractv1.EntityExtractionService_ExtractStreamServer) error {
	if s.model != nil {
		stream.SetHeader(s.model)
	}
	ctx, cancel := context.WithCancel(withCallGroup(stream.Context()))
	defer cancel()
	queue := make(chan *streamJob, 2*s.workers) // in arrival order
	work := make(chan *streamJob)
	var recvErr error // set before recvDone is closed
	recvDone := make(chan struct{})

	go func() {
		defer close(recvDone)
		defer close(queue)
		defer close(work)
		for {
			in, err := stream.Recv()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					recvErr = err
				}
				return
			}
			j := &streamJob{req: in.GetRequest(), decErr: takeDecodeError(in), done: make(chan struct{})}
			select {
			case queue <- j:
			case <-ctx.Done():
				return
			}
			select {
			case work <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range s.workers {
		go func() {
			for j := range work {
				out := &extractv1.ExtractStreamResponse{Id: echoID(j.req.GetId())}
				j.resv = s.budget.newReservationOrNil()
				var res *extractv1.ExtractResponse
				err := j.decErr
				if err == nil {
					res, err = s.extract(ctx, j.req, j.resv)
				}
				if err != nil {
					out.Outcome = &extractv1.ExtractStreamResponse_Error{Error: status.Convert(toStatus(s.log, err)).Proto()}
				} else {
					out.Outcome = &extractv1.ExtractStreamResponse_Response{Response: res}
				}
				j.resp = out
				close(j.done)
			}
		}()
	}
	// ended is the status of a call whose context ended: the one grpc-go
	// sent if a receive failed, else the context's.
	ended := func() error {
		<-recvDone
		if recvErr != nil && status.Code(recvErr) != codes.Canceled {
			return recvErr
		}
		return toStatus(s.log, ctx.Err())
	}
	for j := range queue {
		select {
		case <-j.done:
		case <-ctx.Done():
			return ended()
		}
		err := stream.Send(j.resp)
		j.resv.release()
		if err != nil {
			return err
		}
	}
	<-recvDone
	if recvErr != nil {
		return ended()
	}
	return nil
}

// extract validates req and analyses its document, taking the size of its
// result from resv (nil: no budget). Its errors are for toStatus. A panic
// in the extractor becomes an Internal error for this document only.
func (s *Service) extract(ctx context.Context, req *extractv1.ExtractRequest, resv *reservation) (resp *extractv1.ExtractResponse, err error) {
	if req == nil {
		return nil, ErrNoRequest
	}
	if err := ctx.Err(); err != nil {
		return nil, err // the call ended while this document waited for a worker
	}
	want, err := validate(req) // first, so that binary data is "not valid UTF-8" rather than "too long"
	if err != nil {
		return nil, err
	}
	if n, limit := len(req.GetText()), s.ex.MaxTextBytes(); n > limit {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTextTooLong, n, limit)
	}
	date, err := documentDate(req.GetDocumentDate())
	if err != nil {
		return nil, err
	}
	dict, err := inlineDictionary(req)
	if err != nil {
		return nil, err
	}
	if dict != nil {
		ctx = extractor.ContextWithDictionary(ctx, dict)
	}
	defer func() {
		if p := recover(); p != nil {
			resp, err = nil, &recovery.PanicError{Panic: p, Stack: debug.Stack()}
		}
	}()
	res, err := s.ex.ExtractDocument(ctx, extractor.Document{Text: req.GetText(), Date: date}, want)
	if err != nil {
		return nil, err
	}
	if err := resv.reserve(ctx, EstimateJSONSize(req.GetId(), res)); err != nil {
		return nil, err
	}
	return toProto(req.GetId(), req.GetText(), req.GetEncodingType(), res), nil
}

var features = map[extractv1.Feature]extractor.Features{
	extractv1.Feature_FEATURE_PEOPLE:          extractor.People,
	extractv1.Feature_FEATURE_PLACES:          extractor.Places,
	extractv1.Feature_FEATURE_ORGANIZATIONS:   extractor.Organizations,
	extractv1.Feature_FEATURE_MONEY:           extractor.MoneyAmounts,
	extractv1.Feature_FEATURE_QUOTES:          extractor.Quotes,
	extractv1.Feature_FEATURE_CUSTOM_ENTITIES: extractor.CustomEntities,
}

// validate checks what the extractor does not, and returns the features
// req asks for. Empty text is left to the extractor, which owns that rule.
// documentDate returns d as an extractor.Date: the zero Date when d is unset
// (nil or all zero), and ErrInvalidDate when it is not a full date, a year
// and month, or a year alone.
func documentDate(d *date.Date) (extractor.Date, error) {
	out := extractor.Date{Year: int(d.GetYear()), Month: int(d.GetMonth()), Day: int(d.GetDay())}
	if out.IsZero() {
		return out, nil
	}
	if !out.Valid() {
		if out.Year == 0 {
			return extractor.Date{}, fmt.Errorf("%w: %04d-%02d-%02d has no year", ErrInvalidDate, out.Year, out.Month, out.Day)
		}
		return extractor.Date{}, fmt.Errorf("%w: %04d-%02d-%02d", ErrInvalidDate, out.Year, out.Month, out.Day)
	}
	return out, nil
}

func validate(req *extractv1.ExtractRequest) (extractor.Features, error) {
	if len(req.GetId()) > MaxIDBytes {
		return 0, ErrIDTooLong
	}
	if !utf8.ValidString(req.GetId()) {
		return 0, ErrInvalidIDUTF8
	}
	if _, ok := extractv1.EncodingType_name[int32(req.GetEncodingType())]; !ok {
		return 0, fmt.Errorf("%w %d", ErrUnknownEncoding, req.GetEncodingType())
	}
	var want extractor.Features
	for _, f := range req.GetFeatures() {
		bit, ok := features[f]
		if !ok {
			return 0, fmt.Errorf("%w %s", ErrUnknownFeature, f)
		}
		want |= bit
	}
	if want == 0 {
		want = extractor.AllFeatures
	}
	if req.GetNamesOnly() {
		want &^= extractor.Coreference
	} else {
		want |= extractor.Coreference
	}
	if i := invalidUTF8At(req.GetText()); i >= 0 {
		return 0, fmt.Errorf("%w: invalid byte at offset %d", ErrInvalidUTF8, i)
	}
	return want, nil
}

// invalidUTF8At returns the byte offset of the first invalid UTF-8 sequence
// in s, or -1.
func invalidUTF8At(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

// echoID returns id as it can be sent back in a per-document result even
// when it is not valid UTF-8 (a result with that error).
func echoID(id string) string {
	if len(id) > MaxIDBytes {
		id = id[:MaxIDBytes]
	}
	return strings.ToValidUTF8(id, "\uFFFD")
}

// CheckRequest returns the INVALID_ARGUMENT status the service would answer
// for req because of its id, enum values, invalid UTF-8 or dictionary, or nil. It does
// not check the text's length or emptiness, which depend on the server's
// extractor. A client can call it before sending, since a Go gRPC client
// cannot even send a string that is not valid UTF-8.
func CheckRequest(req *extractv1.ExtractRequest) error {
	if req == nil {
		return toStatus(slog.Default(), ErrNoRequest)
	}
	if _, err := validate(req); err != nil {
		return toStatus(slog.Default(), err)
	}
	_, err := inlineDictionary(req)
	return toStatus(slog.Default(), err)
}
