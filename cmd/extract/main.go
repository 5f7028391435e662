// Command extract finds people, places, organizations, money amounts and
// quotations in text and prints them as the JSON the HTTP API returns.
//
// Usage:
//
//	extract [flags] [FILE]
//
// With no FILE, or FILE "-", it reads standard input (with no FILE on a
// terminal, it prints its usage instead of waiting). By default the input
// is one document and the output is the indented JSON of its
// ExtractResponse, byte for byte the body POST /v1/extract returns for it.
//
// With --jsonl each input line is a JSON ExtractRequest, such as
// {"id": "a1", "text": "..."}, and each output line is the compact JSON of
// its ExtractResponse, in input order, as soon as it and every line before it
// are done. Lines are analysed on all cores. A line that cannot be analysed
// gives a line {"id": "...", "error": {"code": 3, "message": "...", ...}}
// (a BatchExtractResult) and the run goes on. Blank lines are skipped. At
// the end, one line on standard error counts the documents that were
// analysed and those that failed.
//
// With --addr the documents go to a running extractd over gRPC instead of
// being analysed in-process. If that address turns out to be extractd's
// HTTP port, extract says so.
//
// --encoding names the unit of the offsets in any case, with or without a
// dash or underscore: utf8 (also bytes), utf16 (also code-units), utf32
// (also code-points, runes, ucs4), or the API's ENCODING_TYPE_UTF16 form.
//
// When standard error is a terminal, --jsonl shows progress on it:
// documents done, documents per second and, when the input is a file, the
// time left.
//
// --dictionary FILE (repeatable) adds the entries of a dictionary file
// (docs/DICTIONARIES.md): in-process they are loaded as extractd loads
// them; with --addr they are sent as each request's own dictionary, within
// the server's limits for one. A bad line stops extract with the file, line
// and reason of each, unless --dictionary-skip-bad is set.
//
// Input that is not text, such as an executable, is refused as such.
//
// Exit status: 0 when every document was analysed; 1 when a document could
// not be (with --jsonl: any line, though every line still gets its output
// line) or input or output failed; 2 for bad flags or no input.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"syscall"
	"time"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/dictionary"
	"github.com/entityextraction/extractd/extractor/ner"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/jsonl"
	"github.com/entityextraction/extractd/server"
	"github.com/entityextraction/extractd/version"
)

func main() {
	setGCPercent()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// batchGCPercent is the garbage collector's GOGC for the command: a batch
// run keeps little between documents, so a larger heap between collections
// costs little memory and saves the collector's work (about 4% of the
// instructions of a --jsonl run, more of its CPU time on an idle second
// core; peak RSS on the CoNLL dev text 55 → 69 MB, five times that text
// 64 → 114 MB, one worker).
const batchGCPercent = 400

// setGCPercent sets batchGCPercent unless GOGC or GOMEMLIMIT is set in the
// environment: then the runtime's own settings stand.
func setGCPercent() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(batchGCPercent)
	}
}

// options are the command-line flags.
type options struct {
	jsonl        bool
	encoding     extractv1.EncodingType
	features     []extractv1.Feature
	id           string
	date         *date.Date // the --date flag, or nil
	addr         string
	workers      int
	maxTextBytes int
	modelPath    string
	timeout      time.Duration
	dictionaries []string // --dictionary files
	skipBad      bool     // --dictionary-skip-bad
	version      bool     // print the version and exit
	progress     bool     // show progress (set when stderr is a terminal)
	usage        func()   // prints the usage
}

// run is the command with its arguments (without the program name) and
// streams; it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, file, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "extract:", err)
		return 2
	}
	if opts.version {
		m, err := loadModel(opts.modelPath)
		if err != nil {
			fmt.Fprintln(stderr, "extract:", err)
			return 1
		}
		fmt.Fprint(stdout, version.String("extract", m.Identity()))
		return 0
	}
	if isTerminal(stderr) {
		opts.progress = true
	}
	if file == "" && isTerminal(stdin) {
		opts.usage()
		return 2
	}

	in, size := stdin, int64(-1)
	if file != "" && file != "-" {
		f, err := os.Open(file)
		if err != nil {
			fmt.Fprintln(stderr, "extract:", err)
			return 1
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		in = f
	}

	call, closeFn, err := newCaller(opts, stderr)
	if err != nil {
		printDictionaryErrors(stderr, err)
		return 1
	}
	defer closeFn()

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if opts.jsonl {
		n, err := runJSONL(ctx, opts, call, in, size, out, stderr)
		out.Flush()
		fmt.Fprintf(stderr, "extract: %d ok, %d failed\n", n.ok, n.failed)
		if n.ok == 0 && n.last != nil {
			if hint := httpPortHint(opts.addr, n.last); hint != "" {
				fmt.Fprintln(stderr, "extract:", hint)
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, "extract:", err)
			return 1
		}
		if n.failed > 0 {
			return 1
		}
		return 0
	}
	text, err := io.ReadAll(in)
	if err != nil {
		fmt.Fprintln(stderr, "extract:", err)
		return 1
	}
	if why := notText(text); why != "" {
		fmt.Fprintf(stderr, "extract: %s is not text (%s); extract reads UTF-8 text\n", inputName(file), why)
		return 1
	}
	req := &extractv1.ExtractRequest{Text: string(text), Id: opts.id, EncodingType: opts.encoding, Features: opts.features, DocumentDate: opts.date}
	resp, err := call(ctx, req)
	if err != nil {
		st := status.Convert(err)
		fmt.Fprintf(stderr, "extract: %s: %s\n", st.Code(), st.Message())
		if hint := httpPortHint(opts.addr, st); hint != "" {
			fmt.Fprintln(stderr, "extract:", hint)
		}
		return 1
	}
	b, err := server.MarshalJSON(resp)
	if err != nil {
		fmt.Fprintln(stderr, "extract:", err)
		return 1
	}
	out.Write(b)
	out.WriteByte('\n')
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "extract:", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (options, string, error) {
	var opts options
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: extract [flags] [FILE]\n\nFinds people, places, organizations, money and quotes in FILE (or standard input) and prints JSON.\n\nFlags:")
		fs.PrintDefaults()
	}
	opts.usage = fs.Usage
	fs.BoolVar(&opts.jsonl, "jsonl", false, `input is JSON lines, each an ExtractRequest such as {"id":"a","text":"..."}; output is one JSON line per input line, in order`)
	enc := fs.String("encoding", "utf8", "unit of the offsets in the output: utf8 (bytes), utf16 (code units) or utf32 (code points), in any case, also spelled UTF-8, utf_16, code-points...")
	feats := fs.String("features", "", "comma-separated subset of people,places,organizations,money,quotes,custom to look for (default all)")
	fs.Func("dictionary", "dictionary file of names and patterns to find (JSON Lines, TSV or CSV; see docs/DICTIONARIES.md); repeat for several", func(s string) error {
		opts.dictionaries = append(opts.dictionaries, s)
		return nil
	})
	fs.BoolVar(&opts.skipBad, "dictionary-skip-bad", false, "leave out bad dictionary lines, with a warning for each, instead of stopping")
	fs.StringVar(&opts.id, "id", "", "id to echo in the response (single-document mode)")
	day := fs.String("date", "", "when the text was written, YYYY-MM-DD (or YYYY-MM, YYYY): a currency name gets the code in force then; with --jsonl, for lines without documentDate")
	fs.StringVar(&opts.addr, "addr", "", "host:port of a running extractd gRPC server to send the documents to, instead of analysing them in-process")
	fs.IntVar(&opts.workers, "workers", runtime.GOMAXPROCS(0), "documents analysed at once with --jsonl")
	fs.IntVar(&opts.maxTextBytes, "max-text-bytes", extractor.DefaultMaxTextBytes, "longest document text in bytes (in-process only)")
	fs.StringVar(&opts.modelPath, "model", "", "NER model file to load instead of the embedded model (in-process only)")
	fs.DurationVar(&opts.timeout, "timeout", 0, "deadline for each document; 0 means none")
	fs.BoolVar(&opts.version, "version", false, "print the version, the revision and the identity of the model (--model or the embedded one), and exit")
	if err := fs.Parse(args); err != nil {
		return opts, "", err
	}
	var err error
	if opts.encoding, err = jsonl.ParseEncoding(*enc); err != nil {
		return opts, "", err
	}
	if opts.features, err = jsonl.ParseFeatures(*feats); err != nil {
		return opts, "", err
	}
	if opts.date, err = jsonl.ParseDate(*day); err != nil {
		return opts, "", err
	}
	if opts.workers < 1 {
		return opts, "", errors.New("--workers must be positive")
	}
	if opts.timeout < 0 {
		return opts, "", fmt.Errorf("--timeout %s: must not be negative (0 means no deadline)", opts.timeout)
	}
	if fs.NArg() > 1 {
		return opts, "", fmt.Errorf("want at most one FILE, got %d", fs.NArg())
	}
	return opts, fs.Arg(0), nil
}

// caller analyses one document, in-process or on a server. Its errors are
// gRPC status errors.
type caller = jsonl.Caller

func newCaller(opts options, stderr io.Writer) (caller, func(), error) {
	withTimeout := func(c caller) caller {
		if opts.timeout <= 0 {
			return c
		}
		return func(ctx context.Context, req *extractv1.ExtractRequest) (*extractv1.ExtractResponse, error) {
			ctx, cancel := context.WithTimeout(ctx, opts.timeout)
			defer cancel()
			return c(ctx, req)
		}
	}
	if opts.addr != "" {
		conn, err := grpc.NewClient(opts.addr,
			grpc.WithTransportCredentials(insecure.NewCredentials()),
			grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(1<<30), grpc.MaxCallSendMsgSize(1<<30)))
		if err != nil {
			return nil, nil, err
		}
		client := extractv1.NewEntityExtractionServiceClient(conn)
		inline, err := inlineEntries(opts, stderr)
		if err != nil {
			conn.Close()
			return nil, nil, err
		}
		remote := func(ctx context.Context, req *extractv1.ExtractRequest) (*extractv1.ExtractResponse, error) {
			if len(inline) > 0 && len(req.GetDictionary()) == 0 {
				req.Dictionary = inline
			}
			// A Go client cannot marshal invalid UTF-8: answer as the server would.
			if err := server.CheckRequest(req); err != nil {
				return nil, err
			}
			return client.Extract(ctx, req)
		}
		return withTimeout(remote), func() { conn.Close() }, nil
	}
	m, err := loadModel(opts.modelPath)
	if err != nil {
		return nil, nil, err
	}
	exOpts := []extractor.Option{extractor.WithMaxTextBytes(opts.maxTextBytes), extractor.WithModel(m)}
	if len(opts.dictionaries) > 0 {
		d, err := dictionary.Load(opts.dictionaries, dictionary.Options{SkipBad: opts.skipBad})
		if err != nil {
			return nil, nil, err
		}
		printWarnings(stderr, d.Warnings())
		exOpts = append(exOpts, extractor.WithDictionary(d))
	}
	ex, err := extractor.New(exOpts...)
	if err != nil {
		return nil, nil, err
	}
	return withTimeout(jsonl.Local(ex)), func() {}, nil
}

// inlineEntries reads the --dictionary files as a request's own dictionary,
// for a server.
func inlineEntries(opts options, stderr io.Writer) ([]*extractv1.DictionaryEntry, error) {
	var out []*extractv1.DictionaryEntry
	var bad dictionary.ErrorList
	for _, path := range opts.dictionaries {
		entries, errs, err := dictionary.ParseFile(path)
		if err != nil {
			return nil, err
		}
		bad = append(bad, errs...)
		for _, e := range entries {
			out = append(out, &extractv1.DictionaryEntry{Phrases: e.Phrases, Pattern: e.Pattern, Type: e.Type, Name: e.Name,
				ExternalId: e.ID, Metadata: e.Metadata, CaseSensitive: e.CaseSensitive})
		}
	}
	if len(bad) > 0 && !opts.skipBad {
		return nil, bad
	}
	printWarnings(stderr, bad)
	return out, nil
}

// maxListed is the most dictionary problems printed one by one.
const maxListed = 20

// printDictionaryErrors prints err, one line per bad dictionary line.
func printDictionaryErrors(w io.Writer, err error) {
	var list dictionary.ErrorList
	if !errors.As(err, &list) {
		fmt.Fprintln(w, "extract:", err)
		return
	}
	for i, e := range list {
		if i == maxListed {
			fmt.Fprintf(w, "extract: ... and %d more\n", len(list)-i)
			break
		}
		fmt.Fprintln(w, "extract: dictionary:", e)
	}
	fmt.Fprintln(w, "extract: the dictionary has bad lines; fix them or pass --dictionary-skip-bad to leave them out")
}

func printWarnings(w io.Writer, list dictionary.ErrorList) {
	for i, e := range list {
		if i == maxListed {
			fmt.Fprintf(w, "extract: ... and %d more\n", len(list)-i)
			break
		}
		fmt.Fprintln(w, "extract: warning: dictionary:", e)
	}
}

// loadModel loads the model file at path, or the embedded model if path is
// "".
func loadModel(path string) (*ner.Model, error) {
	if path == "" {
		return ner.Default()
	}
	m, err := ner.LoadFile(path)
	if err != nil {
		return nil, fmt.Errorf("loading the model: %w", err)
	}
	return m, nil
}

// job is one line of --jsonl input.
type job struct {
	line   int
	raw    []byte
	out    []byte         // the output line, set before done is closed
	failed *status.Status // why out is an error line, or nil
	done   chan struct{}
}

// counts are the documents of a --jsonl run written so far.
type counts struct {
	ok, failed int
	last       *status.Status // why the last failed document failed
}

// runJSONL analyses the lines of in on opts.workers goroutines and writes
// the results to out in input order. It returns how many were analysed and
// how many failed.
func runJSONL(ctx context.Context, opts options, call caller, in io.Reader, size int64, out *bufio.Writer, stderr io.Writer) (n counts, err error) {
	// Analysing in-process on fewer workers than processors, the run uses
	// no more processors than workers: on the others the scheduler would
	// spin for each document handed between the goroutines, and the
	// collector would mark on them, costing CPU time (a fifth more with
	// one worker on two processors) for no gain in wall time.
	if opts.addr == "" && opts.workers < runtime.GOMAXPROCS(0) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(opts.workers))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := make(chan *job, 4*opts.workers)
	work := make(chan *job)
	var readErr error
	var bytesRead atomic.Int64

	go func() {
		defer close(queue)
		defer close(work)
		r := bufio.NewReaderSize(in, 1<<20)
		for n := 1; ; n++ {
			line, err := r.ReadBytes('\n')
			bytesRead.Add(int64(len(line)))
			if len(bytes.TrimSpace(line)) > 0 {
				j := &job{line: n, raw: line, done: make(chan struct{})}
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
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				return
			}
		}
	}()
	for range opts.workers {
		go func() {
			for j := range work {
				j.out, j.failed = processLine(ctx, opts, call, j)
				close(j.done)
			}
		}()
	}

	p := newProgress(opts.progress, stderr, size, &bytesRead)
	defer p.finish()
	for j := range queue {
		select {
		case <-j.done:
		case <-ctx.Done():
			return n, ctx.Err()
		}
		out.Write(j.out)
		if err := out.WriteByte('\n'); err != nil {
			return n, err
		}
		if j.failed != nil {
			n.failed++
			n.last = j.failed
		} else {
			n.ok++
		}
		if len(queue) == 0 { // nothing else ready: let the reader of out see progress
			if err := out.Flush(); err != nil {
				return n, err
			}
		}
		p.done()
	}
	if readErr != nil {
		return n, readErr
	}
	return n, ctx.Err()
}

// processLine analyses one input line and returns its output line and,
// if that is an error line, why.
func processLine(ctx context.Context, opts options, call caller, j *job) ([]byte, *status.Status) {
	return jsonl.Line(ctx, call, j.raw, j.line, jsonl.Defaults{Encoding: opts.encoding, Features: opts.features, Date: opts.date})
}
