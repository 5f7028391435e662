package main

import (
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner/conll"
)

func TestClassifyErrors(t *testing.T) {
	t.Parallel()
	sp := func(a, b int, typ string) conll.Span { return conll.Span{First: a, Last: b, Type: typ} }
	gold := []conll.Span{
		sp(0, 5, "PER"),   // exact: no error
		sp(10, 15, "ORG"), // predicted as PER: swap
		sp(20, 35, "ORG"), // predicted shorter, same type: boundary
		sp(40, 50, "ORG"), // predicted shorter as LOC: boundary+swap
		sp(60, 65, "LOC"), // nothing: miss
		sp(70, 80, "ORG"), // split in two ORG predictions: boundary twice
	}
	pred := []conll.Span{
		sp(0, 5, "PER"), sp(10, 15, "PER"), sp(27, 35, "ORG"), sp(44, 50, "LOC"),
		sp(90, 95, "ORG"), // overlaps nothing: false positive
		sp(70, 74, "ORG"), sp(75, 80, "ORG"),
	}
	var got []string
	for _, e := range classifyErrors(gold, pred) {
		got = append(got, e.Kind)
	}
	want := "swap boundary boundary+swap miss boundary false boundary"
	if strings.Join(got, " ") != want {
		t.Errorf("classifyErrors kinds = %q; want %q", strings.Join(got, " "), want)
	}
}

func TestErrorLogCountsPerGenre(t *testing.T) {
	t.Parallel()
	l := newErrorLog()
	d := spanDoc{id: "GUM_news_x", text: "Bank of America and Paris", gold: []conll.Span{{First: 0, Last: 15, Type: "ORG"}, {First: 20, Last: 25, Type: "LOC"}}}
	pred := []conll.Span{{First: 8, Last: 15, Type: "LOC"}}
	tagged := []conll.Span{{First: 20, Last: 25, Type: "MISC"}}
	l.addDoc(d, d.text, pred, tagged)
	if l.counts["news"][errBoundarySwap] != 1 || l.counts["news"][errMiss] != 1 {
		t.Errorf("counts = %v; want one boundary+swap and one miss in news", l.counts)
	}
	if l.notes["miss/tagger-MISC"] != 1 {
		t.Errorf("notes = %v; want the miss noted as tagged MISC", l.notes)
	}
	var b strings.Builder
	l.write(&b)
	if !strings.Contains(b.String(), `ORG "Bank of America"`) || !strings.Contains(b.String(), `LOC "America"`) {
		t.Errorf("listing lacks the names:\n%s", b.String())
	}
}
