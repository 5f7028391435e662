package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// devJSONL returns the CoNLL-2003 dev text as --jsonl input (one document a
// line: a sentence's tokens joined by spaces, sentences by newlines, as
// scripts/bench-jsonl.sh makes it) and its number of tokens, or skips.
func devJSONL(tb testing.TB) (string, int) {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "conll2003", "dev.txt"))
	if err != nil {
		tb.Skipf("CoNLL dev text not available: %v", err)
	}
	defer f.Close()
	var out strings.Builder
	var doc, sent []string
	n, ntok := 0, 0
	flush := func() {
		if len(sent) > 0 {
			doc = append(doc, strings.Join(sent, " "))
			sent = nil
		}
	}
	flushDoc := func() {
		flush()
		if len(doc) > 0 {
			n++
			b, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("dev-%d", n), "text": strings.Join(doc, "\n")})
			out.Write(b)
			out.WriteByte('\n')
			doc = nil
		}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 0:
			flush()
		case fields[0] == "-DOCSTART-":
			flushDoc()
		default:
			sent = append(sent, fields[0])
			ntok++
		}
	}
	flushDoc()
	return out.String(), ntok
}

// BenchmarkJSONLDev runs the command as `extract --jsonl --workers 1` on the
// dev documents in-process: everything but the process's start.
func BenchmarkJSONLDev(b *testing.B) {
	in, ntok := devJSONL(b)
	b.ReportAllocs()
	for b.Loop() {
		if code := run(context.Background(), []string{"--jsonl", "--workers", "1"}, strings.NewReader(in), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit status %d", code)
		}
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
