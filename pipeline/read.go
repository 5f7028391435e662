package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
)

// doc is one document read from the input.
type doc struct {
	Source string // the file it comes from
	Line   int    // its 1-based line number in a JSON Lines file; 0 for a plain text file
	Raw    []byte // the input line (JSON Lines) or the file's contents (plain text)
	Err    string // why the input could not be read as a document, or ""
}

// The input formats.
const (
	formatAuto  = "auto"  // by extension: .jsonl, .ndjson and .json (optionally .gz) are JSON Lines, the rest plain text
	formatJSONL = "jsonl" // one ExtractRequest per line
	formatText  = "text"  // one document per file, whose id is the file's path
)

// isJSONL says whether the file at p holds JSON Lines under format.
func isJSONL(format, p string) bool {
	switch format {
	case formatJSONL:
		return true
	case formatText:
		return false
	}
	switch path.Ext(strings.TrimSuffix(p, ".gz")) {
	case ".jsonl", ".ndjson", ".json":
		return true
	}
	return false
}

// readFn reads the documents of one input file. A line or file too big to
// be a document is not read into memory: it becomes a document with Err
// set, which goes to the dead letters.
type readFn struct {
	Format       string
	MaxTextBytes int
}

// maxLineBytes is the longest JSON line read whole: the longest text the
// extractor accepts, with room for JSON escapes (\u0000 is six bytes) and
// other fields.
func (fn *readFn) maxLineBytes() int { return 6*fn.MaxTextBytes + 64<<10 }

func (fn *readFn) ProcessElement(ctx context.Context, f fileio.ReadableFile, emit func(doc)) error {
	rc, err := f.Open(ctx)
	if err != nil {
		return fmt.Errorf("opening %s: %w", f.Metadata.Path, err)
	}
	defer rc.Close()
	name := f.Metadata.Path
	if !isJSONL(fn.Format, name) {
		text, err := io.ReadAll(io.LimitReader(rc, int64(fn.MaxTextBytes)+1))
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		if len(text) > fn.MaxTextBytes {
			emit(doc{Source: name, Err: fmt.Sprintf("text is too long: the file has more than %d bytes, the limit", fn.MaxTextBytes)})
			return nil
		}
		emit(doc{Source: name, Raw: text})
		return nil
	}
	r := bufio.NewReaderSize(rc, 1<<20)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(r, fn.maxLineBytes())
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		switch {
		case tooLong:
			emit(doc{Source: name, Line: n, Err: fmt.Sprintf("line %d: longer than %d bytes", n, fn.maxLineBytes())})
		case len(bytes.TrimSpace(line)) > 0: // blank lines are skipped, as extract --jsonl does
			emit(doc{Source: name, Line: n, Raw: line})
		}
		if err != nil {
			return nil
		}
	}
}

// readLine reads a line, with its newline, of at most max bytes. A longer
// line is read to its end and dropped, and tooLong is true.
func readLine(r *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		frag, err := r.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(frag) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, frag...)
			}
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, tooLong, err
		}
	}
}
