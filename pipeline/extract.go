package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/jsonl"
)

// The pipeline's metrics, in namespace "extract".
var (
	docsCounter     = beam.NewCounter("extract", "documents") // documents read
	bytesCounter    = beam.NewCounter("extract", "bytes")     // bytes of input lines and files
	resultsCounter  = beam.NewCounter("extract", "results")   // documents analysed, in the output
	failuresCounter = beam.NewCounter("extract", "failures")  // documents in the dead letters
	kindCounters    = map[string]beam.Counter{}               // entities, money amounts and quotes found, by kind
	docMicros       = beam.NewDistribution("extract", "document_micros")
)

// kinds are the things counted in the results, in the order of the
// ExtractResponse.
var kinds = []string{"people", "places", "organizations", "money", "quotes", "customEntities"}

func init() {
	for _, k := range kinds {
		kindCounters[k] = beam.NewCounter("extract", k)
	}
}

// extractors holds one Extractor per worker process and configuration,
// shared by every instance of extractFn: loading the model and the
// dictionaries once is enough.
var extractors struct {
	sync.Mutex
	m map[string]*extractor.Extractor
}

func loadExtractor(maxTextBytes int, dicts []dictFile, skipBad bool) (*extractor.Extractor, error) {
	key := fmt.Sprintf("%d %t %s", maxTextBytes, skipBad, dictKey(dicts))
	extractors.Lock()
	defer extractors.Unlock()
	if ex := extractors.m[key]; ex != nil {
		return ex, nil
	}
	opts := []extractor.Option{extractor.WithMaxTextBytes(maxTextBytes)}
	d, err := newDictionary(dicts, skipBad)
	if err != nil {
		return nil, err
	}
	if d != nil {
		opts = append(opts, extractor.WithDictionary(d))
	}
	ex, err := extractor.New(opts...)
	if err != nil {
		return nil, err
	}
	if extractors.m == nil {
		extractors.m = map[string]*extractor.Extractor{}
	}
	extractors.m[key] = ex
	return ex, nil
}

// extractFn analyses documents on a bounded pool of goroutines and writes
// each result to a shard of the output, and each failure to a shard of the
// dead letters, as it comes: shards are written per bundle, with no
// grouping. It emits the shards it wrote (to be given their final names)
// and, with Aggregate, entity counts summed over the documents of the
// bundle.
type extractFn struct {
	Output       string // prefix of the output's temporary shards
	DeadLetters  string // prefix of the dead letters' temporary shards
	Job          string // names this run's temporary shards
	Encoding     int32
	Features     []int32
	Date         string // YYYY-MM-DD, YYYY-MM, YYYY or ""
	MaxTextBytes int
	Workers      int   // documents analysed at once; 0 is GOMAXPROCS
	ShardBytes   int64 // a shard is closed, and another begun, past this size
	Aggregate    bool
	Dictionaries []dictFile // the --dictionary files' contents
	SkipBad      bool       // --dictionary-skip-bad

	call     jsonl.Caller
	defaults jsonl.Defaults
	todo     chan *task // to the workers
	done     chan *task // from the workers
	pending  int        // tasks sent and not yet handled
	wg       sync.WaitGroup
	results  *shardWriter
	dead     *shardWriter
	agg      map[entityKey]entityCount
}

// task is one document on its way through the pool.
type task struct {
	doc     doc
	out     []byte                     // the output line, or the error line
	failed  *status.Status             // nil when the document was analysed
	resp    *extractv1.ExtractResponse // the result, when analysed
	elapsed time.Duration
}

func (fn *extractFn) Setup() error {
	ex, err := loadExtractor(fn.MaxTextBytes, fn.Dictionaries, fn.SkipBad)
	if err != nil {
		return err
	}
	fn.call = jsonl.Local(ex)
	day, err := jsonl.ParseDate(fn.Date)
	if err != nil {
		return err
	}
	fn.defaults = jsonl.Defaults{Encoding: extractv1.EncodingType(fn.Encoding), Date: day}
	for _, f := range fn.Features {
		fn.defaults.Features = append(fn.defaults.Features, extractv1.Feature(f))
	}
	return nil
}

func (fn *extractFn) StartBundle(ctx context.Context, emitShard func(shard), emitAgg func(string, entityCount)) {
	n := fn.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	fn.todo = make(chan *task, n) // a document ready for each worker while the bundle reads or writes
	fn.done = make(chan *task, 2*n)
	fn.pending = 0
	for range n {
		fn.wg.Add(1)
		go func() {
			defer fn.wg.Done()
			for t := range fn.todo {
				fn.run(t)
				fn.done <- t
			}
		}()
	}
	fn.results = &shardWriter{Kind: kindResults, Prefix: fn.Output, Job: fn.Job, MaxBytes: fn.ShardBytes}
	fn.dead = &shardWriter{Kind: kindDeadLetters, Prefix: fn.DeadLetters, Job: fn.Job, MaxBytes: fn.ShardBytes}
	fn.agg = map[entityKey]entityCount{}
}

func (fn *extractFn) ProcessElement(ctx context.Context, d doc, emitShard func(shard), emitAgg func(string, entityCount)) error {
	t := &task{doc: d}
	for t != nil {
		select {
		case fn.todo <- t:
			fn.pending++
			t = nil
		case r := <-fn.done:
			if err := fn.handle(ctx, r, emitShard, emitAgg); err != nil {
				return err
			}
		}
	}
	for { // handle what is done without waiting
		select {
		case r := <-fn.done:
			if err := fn.handle(ctx, r, emitShard, emitAgg); err != nil {
				return err
			}
		default:
			return nil
		}
	}
}

func (fn *extractFn) FinishBundle(ctx context.Context, emitShard func(shard), emitAgg func(string, entityCount)) error {
	close(fn.todo)
	var err error
	for fn.pending > 0 {
		r := <-fn.done
		if herr := fn.handle(ctx, r, emitShard, emitAgg); err == nil {
			err = herr
		}
	}
	fn.wg.Wait()
	if err != nil {
		return err
	}
	if err := fn.results.close(ctx, emitShard); err != nil {
		return err
	}
	if err := fn.dead.close(ctx, emitShard); err != nil {
		return err
	}
	fn.flushAggregate(emitAgg)
	return nil
}

// run analyses t's document. It runs on a worker goroutine and touches
// nothing but t.
func (fn *extractFn) run(t *task) {
	start := time.Now()
	defer func() {
		t.elapsed = time.Since(start)
		if p := recover(); p != nil { // the service recovers panics in the extractor; this catches the rest
			t.failed = status.New(codes.Internal, fmt.Sprintf("internal error: %v\n%s", p, debug.Stack()))
			t.out, t.resp = jsonl.ErrorLine(docID(t.doc), t.failed), nil
		}
	}()
	d := t.doc
	if d.Err != "" {
		t.failed = status.New(codes.InvalidArgument, d.Err)
		t.out = jsonl.ErrorLine(docID(d), t.failed)
		return
	}
	call := func(ctx context.Context, req *extractv1.ExtractRequest) (*extractv1.ExtractResponse, error) {
		resp, err := fn.call(ctx, req)
		t.resp = resp
		return resp, err
	}
	ctx := context.Background()
	if d.Line == 0 { // a plain text file
		req := &extractv1.ExtractRequest{Id: d.Source, Text: string(d.Raw), EncodingType: fn.defaults.Encoding, Features: fn.defaults.Features, DocumentDate: fn.defaults.Date}
		t.out, t.failed = jsonl.Request(ctx, call, req)
	} else {
		t.out, t.failed = jsonl.Line(ctx, call, d.Raw, d.Line, fn.defaults)
	}
	if t.failed != nil {
		t.resp = nil
	}
}

// docID is the id a failed document is known by when its line could not
// be read: a plain text file's path; "" for a line (the error line's
// message names its line, the dead letter its file).
func docID(d doc) string {
	if d.Line == 0 {
		return d.Source
	}
	return ""
}

// handle writes a finished task's line, counts it, and adds it to the
// aggregate. It runs on the bundle's goroutine.
func (fn *extractFn) handle(ctx context.Context, t *task, emitShard func(shard), emitAgg func(string, entityCount)) error {
	fn.pending--
	docsCounter.Inc(ctx, 1)
	bytesCounter.Inc(ctx, int64(len(t.doc.Raw)))
	docMicros.Update(ctx, t.elapsed.Microseconds())
	if t.failed != nil {
		failuresCounter.Inc(ctx, 1)
		return fn.dead.write(ctx, deadLetter(t.doc, t.out), emitShard)
	}
	resultsCounter.Inc(ctx, 1)
	r := t.resp
	for i, n := range []int{len(r.GetPeople()), len(r.GetPlaces()), len(r.GetOrganizations()), len(r.GetMoney()), len(r.GetQuotes()), len(r.GetCustomEntities())} {
		if n > 0 {
			kindCounters[kinds[i]].Inc(ctx, int64(n))
		}
	}
	if fn.Aggregate {
		fn.addAggregate(r, emitAgg)
	}
	return fn.results.write(ctx, t.out, emitShard)
}

// deadLetter is the dead-letter line of a document whose error line (the
// line extract --jsonl prints for it) is errLine: the same JSON object with
// the source file and line number first.
func deadLetter(d doc, errLine []byte) []byte {
	out := make([]byte, 0, len(d.Source)+len(errLine)+32)
	src, _ := json.Marshal(d.Source) // cannot fail for a string
	out = append(out, `{"source":`...)
	out = append(out, src...)
	out = append(out, `,"line":`...)
	out = strconv.AppendInt(out, int64(d.Line), 10)
	out = append(out, ',')
	return append(out, errLine[1:]...)
}
