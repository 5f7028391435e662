// Command pipeline is bulk extraction: an Apache Beam pipeline that finds
// people, places, organizations, money amounts and quotations in millions
// of documents, on the local machine (the Prism runner, the default) or on
// any Beam runner (Dataflow, Flink, Spark).
//
// Usage:
//
//	go run . --input 'docs/*.jsonl' --output out/results [flags]
//
// Inputs are JSON Lines files of ExtractRequests ({"id","text"}, the input
// of `extract --jsonl`) and plain text files (one document per file, whose
// id is its path), chosen by extension (--format), from any Beam file
// system, with glob patterns; --input may be given several times. Gzipped
// files (.gz) are read as such.
//
// It writes:
//   - OUTPUT-00000-of-0000N.jsonl: one line per document analysed, byte for
//     byte the line `extract --jsonl` prints for it, in no particular order;
//   - OUTPUT-dead-letters-00000-of-0000N.jsonl (--dead-letters): one line
//     per document that could not be analysed, the error line
//     `extract --jsonl` prints for it with its "source" file and "line"
//     number first;
//   - with --aggregate PREFIX, PREFIX-00000-of-0000N.jsonl: one line per
//     entity of the corpus, {"name","type","documents","mentions"}.
//
// Bad documents never stop the job. The counts, by Beam metric, are
// printed at the end; the exit status is 1 if the job failed or if the
// documents read are not exactly the results plus the dead letters.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/jsonl"
)

func init() {
	register.DoFn3x1[context.Context, fileio.ReadableFile, func(doc), error](&readFn{})
	register.DoFn4x1[context.Context, doc, func(shard), func(string, entityCount), error](&extractFn{})
	register.DoFn3x1[context.Context, []byte, func(shard), error](&writeFn{})
	register.DoFn3x1[context.Context, []byte, func(*shard) bool, error](&finalizeFn{})
	register.Function2x1(sumCounts)
	register.Function2x2(formatAggregate)
	register.Emitter1[doc]()
	register.Emitter1[shard]()
	register.Emitter2[string, entityCount]()
	register.Iter1[shard]()
}

// config is what the flags say.
type config struct {
	Inputs       []string
	Format       string
	Output       string
	DeadLetters  string
	Aggregate    string
	Encoding     string
	Features     string
	Date         string
	MaxTextBytes int
	Workers      int
	ShardBytes   int64
	Dictionaries []string
	SkipBad      bool
}

// globs is a flag that may be given several times.
type globs []string

func (g *globs) String() string     { return strings.Join(*g, ",") }
func (g *globs) Set(s string) error { *g = append(*g, s); return nil }

func main() {
	var cfg config
	flag.Var((*globs)(&cfg.Inputs), "input", "input files: a path or glob pattern, on any Beam file system (may be given several times)")
	flag.StringVar(&cfg.Format, "format", formatAuto, "input format: jsonl (ExtractRequests, one per line), text (one document per file, its id is its path), or auto (.jsonl, .ndjson and .json files are jsonl, others text)")
	flag.StringVar(&cfg.Output, "output", "", "prefix of the output shards: PREFIX-00000-of-00004.jsonl ...")
	flag.StringVar(&cfg.DeadLetters, "dead-letters", "", "prefix of the dead-letter shards (default OUTPUT-dead-letters)")
	flag.StringVar(&cfg.Aggregate, "aggregate", "", "prefix of the entity counts over the corpus (default: not written)")
	flag.StringVar(&cfg.Encoding, "encoding", "utf8", "unit of the offsets in the output: utf8 (bytes), utf16 (code units) or utf32 (code points)")
	flag.StringVar(&cfg.Features, "features", "", "comma-separated subset of people,places,organizations,money,quotes to look for (default all)")
	flag.StringVar(&cfg.Date, "date", "", "when the texts were written, YYYY-MM-DD (or YYYY-MM, YYYY): a currency name gets the code in force then; for lines without documentDate")
	flag.Var((*globs)(&cfg.Dictionaries), "dictionary", "dictionary file of names and patterns to find (JSON Lines, TSV or CSV; see docs/DICTIONARIES.md), on any Beam file system, read when the job is built; repeat for several")
	flag.BoolVar(&cfg.SkipBad, "dictionary-skip-bad", false, "leave out bad dictionary lines, with a warning for each, instead of stopping")
	flag.IntVar(&cfg.MaxTextBytes, "max-text-bytes", extractor.DefaultMaxTextBytes, "longest document text in bytes")
	flag.IntVar(&cfg.Workers, "workers", 0, "documents analysed at once by each bundle (default: the worker's GOMAXPROCS)")
	flag.Int64Var(&cfg.ShardBytes, "shard-bytes", 256<<20, "size past which a shard is closed and another begun")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of this process to this file (on Prism: the whole job)")
	flag.Parse()
	beam.Init() // on a runner's worker, this runs the worker and does not return

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "pipeline:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if err := run(context.Background(), cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "pipeline:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

// run builds the pipeline, runs it on the runner --runner names (Prism by
// default), and reports its counts to w.
func run(ctx context.Context, cfg config, w io.Writer) error {
	p, err := build(ctx, cfg, w)
	if err != nil {
		return err
	}
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return err
	}
	if res == nil { // a runner that submits the job and does not wait
		return nil
	}
	c := summarize(res.Metrics())
	fmt.Fprintln(w, c)
	if c.Documents != c.Results+c.Failures {
		return fmt.Errorf("%d documents read but %d results and %d dead letters written", c.Documents, c.Results, c.Failures)
	}
	return nil
}

// build makes the pipeline cfg describes.
func build(ctx context.Context, cfg config, w io.Writer) (*beam.Pipeline, error) {
	if len(cfg.Inputs) == 0 {
		return nil, errors.New("--input is required")
	}
	if cfg.Output == "" {
		return nil, errors.New("--output is required")
	}
	if !slices.Contains([]string{formatAuto, formatJSONL, formatText}, cfg.Format) {
		return nil, fmt.Errorf("--format %q: want auto, jsonl or text", cfg.Format)
	}
	enc, err := jsonl.ParseEncoding(cfg.Encoding)
	if err != nil {
		return nil, err
	}
	feats, err := jsonl.ParseFeatures(cfg.Features)
	if err != nil {
		return nil, err
	}
	if _, err := jsonl.ParseDate(cfg.Date); err != nil {
		return nil, err
	}
	if cfg.MaxTextBytes < 1 {
		return nil, errors.New("--max-text-bytes must be positive")
	}
	if cfg.Workers < 0 {
		return nil, errors.New("--workers must not be negative")
	}
	dicts, err := readDictionaries(ctx, cfg.Dictionaries)
	if err != nil {
		return nil, err
	}
	d, err := newDictionary(dicts, cfg.SkipBad) // fail now rather than on every worker
	if err != nil {
		return nil, fmt.Errorf("--dictionary: %w", err)
	}
	if d != nil {
		for _, warning := range d.Warnings() {
			fmt.Fprintln(w, "dictionary:", warning)
		}
	}
	if cfg.DeadLetters == "" {
		cfg.DeadLetters = cfg.Output + "-dead-letters"
	}
	job := make([]byte, 6)
	rand.Read(job)
	jobID := hex.EncodeToString(job)

	p, s := beam.NewPipelineWithRoot()
	var matched []beam.PCollection
	for _, glob := range cfg.Inputs {
		matched = append(matched, fileio.MatchFiles(s, glob, fileio.MatchEmptyDisallow()))
	}
	// Spread the files over bundles, and the runner's workers: each file is
	// read, and its documents analysed, in one bundle.
	files := beam.Reshuffle(s, beam.Flatten(s, matched...))
	docs := beam.ParDo(s.Scope("read"), &readFn{Format: cfg.Format, MaxTextBytes: cfg.MaxTextBytes},
		fileio.ReadMatches(s, files, fileio.ReadDirectorySkip()))

	x := &extractFn{
		Output: cfg.Output, DeadLetters: cfg.DeadLetters, Job: jobID,
		Encoding: int32(enc), Date: cfg.Date, MaxTextBytes: cfg.MaxTextBytes, Workers: cfg.Workers,
		ShardBytes: cfg.ShardBytes, Aggregate: cfg.Aggregate != "",
		Dictionaries: dicts, SkipBad: cfg.SkipBad,
	}
	for _, f := range feats {
		x.Features = append(x.Features, int32(f))
	}
	shards, counts := beam.ParDo2(s.Scope("extract"), x, docs)

	final := map[string]string{kindResults: cfg.Output, kindDeadLetters: cfg.DeadLetters}
	all := []beam.PCollection{shards}
	if cfg.Aggregate != "" {
		s := s.Scope("aggregate")
		lines := beam.ParDo(s, formatAggregate, beam.CombinePerKey(s, sumCounts, counts))
		all = append(all, beam.ParDo(s, &writeFn{Kind: kindAggregate, Prefix: cfg.Aggregate, Job: jobID, MaxBytes: cfg.ShardBytes}, lines))
		final[kindAggregate] = cfg.Aggregate
	}
	beam.ParDo0(s.Scope("finalize"), &finalizeFn{Prefixes: final, Job: jobID}, beam.Impulse(s),
		beam.SideInput{Input: beam.Flatten(s, all...)})
	return p, nil
}

// counts are the pipeline's metrics at the end of a run.
type counts struct {
	Documents, Bytes, Results, Failures int64
	Kinds                               map[string]int64
	Micros                              metrics.DistributionValue
}

func summarize(r metrics.Results) counts {
	c := counts{Kinds: map[string]int64{}}
	q := r.Query(func(sr metrics.SingleResult) bool { return sr.Namespace() == "extract" })
	for _, m := range q.Counters() {
		v := m.Result()
		switch m.Name() {
		case "documents":
			c.Documents += v
		case "bytes":
			c.Bytes += v
		case "results":
			c.Results += v
		case "failures":
			c.Failures += v
		default:
			c.Kinds[m.Name()] += v
		}
	}
	for _, d := range q.Distributions() {
		if d.Name() == "document_micros" {
			v := d.Result()
			c.Micros.Count += v.Count
			c.Micros.Sum += v.Sum
			if c.Micros.Count == v.Count || v.Min < c.Micros.Min {
				c.Micros.Min = v.Min
			}
			c.Micros.Max = max(c.Micros.Max, v.Max)
		}
	}
	return c
}

func (c counts) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "documents %d (%d bytes): results %d, dead letters %d", c.Documents, c.Bytes, c.Results, c.Failures)
	for _, k := range kinds {
		fmt.Fprintf(&b, ", %s %d", k, c.Kinds[k])
	}
	if c.Micros.Count > 0 {
		fmt.Fprintf(&b, "; per document %dµs mean, %dµs max", c.Micros.Sum/c.Micros.Count, c.Micros.Max)
	}
	return b.String()
}
