package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/ner/conll"
)

func TestToSpan(t *testing.T) {
	t.Parallel()
	// "Anna Berg flew" : tokens at 0-4, 5-9, 10-14.
	offs := []conll.Offset{{Start: 0, End: 4}, {Start: 5, End: 9}, {Start: 10, End: 14}}
	for _, tc := range []struct {
		start, end int
		want       conll.Span
	}{
		{0, 9, conll.Span{First: 0, Last: 2, Type: "PER"}},
		{5, 9, conll.Span{First: 1, Last: 2, Type: "PER"}},
		{1, 9, conll.Span{First: -2, Last: -10, Type: "PER"}}, // not on a token boundary
	} {
		if got := toSpan(offs, tc.start, tc.end, "PER"); got != tc.want {
			t.Errorf("toSpan(%d, %d) = %v; want %v", tc.start, tc.end, got, tc.want)
		}
	}
}

// TestEvaluateTiny runs the whole evaluation on a tiny hand-made file and
// checks the counts: the gold counts are known, and every prediction must
// land on CoNLL token boundaries.
func TestEvaluateTiny(t *testing.T) {
	t.Parallel()
	f, err := os.Open(filepath.Join("testdata", "tiny.conll"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := conll.Read(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Evaluate(context.Background(), m, docs)
	if err != nil {
		t.Fatal(err)
	}
	gold := map[string]int{"PER": 1, "LOC": 1, "ORG": 2}
	for typ, n := range gold {
		if c := s.ByType[typ]; c == nil || c.Gold != n {
			t.Errorf("gold %s = %v; want %d", typ, c, n)
		}
	}
	if c := s.Micro("PER", "LOC", "ORG"); c.Correct < 2 {
		t.Errorf("Evaluate found %d of 4 entities; want at least the person and the place", c.Correct)
	}
	var b strings.Builder
	if err := run(context.Background(), filepath.Join("testdata", "tiny.conll"), "", true, &b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Extract (raw text", "Tagger alone", "PER/LOC/ORG"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("run output lacks %q:\n%s", want, b.String())
		}
	}
}

// extractFloor is the micro-F1 over PER/LOC/ORG on the CoNLL dev set through
// Extract that the embedded model must keep.
const extractFloor = 0.942

func TestDevThroughExtract(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "conll2003", "dev.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("CoNLL dev set not available (%v); skipping", err)
	}
	docs, err := conll.Read(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Evaluate(context.Background(), m, docs)
	if err != nil {
		t.Fatal(err)
	}
	f1 := s.Micro("PER", "LOC", "ORG").F1()
	t.Logf("dev micro-F1 through Extract: %.2f", 100*f1)
	if f1 < extractFloor {
		t.Errorf("dev micro-F1 through Extract = %.2f; want at least %.2f", 100*f1, 100*extractFloor)
	}
}
