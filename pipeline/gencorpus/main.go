// Command gencorpus writes a synthetic corpus of news-like documents as JSON
// Lines ({"id","text"}, the input of `extract --jsonl` and of the bulk
// pipeline), with a share of bad documents that extraction refuses (empty,
// blank, invalid UTF-8, not JSON, unknown field or feature, too long).
//
// Usage:
//
//	go run ./gencorpus -docs 1000000 -bad 0.01 -files 8 -o corpus/docs
//
// writes corpus/docs-00000.jsonl ... corpus/docs-00007.jsonl, or one file
// -o names exactly with -files 1 (the default; "-" is standard output).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/pipeline/internal/corpus"
)

func main() {
	docs := flag.Int("docs", 1000, "number of documents")
	bad := flag.Float64("bad", 0.01, "share of bad documents")
	files := flag.Int("files", 1, "number of files to spread the documents over")
	out := flag.String("o", "-", "output file, or prefix of the files with -files > 1; - is standard output")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	maxBytes := flag.Int("max-text-bytes", extractor.DefaultMaxTextBytes, "size limit that too-long documents exceed")
	tooLong := flag.Int("too-long-every", 500, "every Nth bad document is too long (they are big); 0 makes none")
	flag.Parse()
	if *docs < 0 || *bad < 0 || *bad > 1 || *files < 1 {
		fmt.Fprintln(os.Stderr, "gencorpus: want -docs >= 0, 0 <= -bad <= 1 and -files >= 1")
		os.Exit(2)
	}
	if err := run(corpus.Config{Docs: *docs, BadShare: *bad, MaxBytes: *maxBytes, TooLongEvery: *tooLong, Seed: *seed}, *out, *files); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(cfg corpus.Config, out string, files int) error {
	var ws []*bufio.Writer
	var closers []io.Closer
	for i := range files {
		var w io.Writer = os.Stdout
		if out != "-" {
			name := out
			if files > 1 {
				name = fmt.Sprintf("%s-%05d.jsonl", out, i)
			}
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
			f, err := os.Create(name)
			if err != nil {
				return err
			}
			closers = append(closers, f)
			w = f
		}
		ws = append(ws, bufio.NewWriterSize(w, 1<<20))
	}
	c, err := corpus.Write(cfg, func(i int) io.Writer { return ws[i] }, files)
	for _, w := range ws {
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
	}
	for _, f := range closers {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gencorpus: %d documents (%d bad), %d bytes\n", c.Docs, c.Bad, c.Bytes)
	return nil
}
