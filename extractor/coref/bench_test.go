package coref

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// BenchmarkResolveSample times the coreference stage as Extract runs it
// (the document model, then Resolve) on the sample article; compare with
// the extractor's BenchmarkExtractSample for its share of Extract.
func BenchmarkResolveSample(b *testing.B) {
	raw, err := os.ReadFile("../testdata/putin-lukashenka-sochi.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	m, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	tags, err := m.Tag(context.Background(), text, toks, sents)
	if err != nil {
		b.Fatal(err)
	}
	grouped := mention.Group(text, toks, sents, tags)
	ents := make([]mention.Entity, len(grouped))
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	var added int
	for b.Loop() {
		for i, e := range grouped {
			ents[i] = e
			ents[i].Mentions = slices.Clone(e.Mentions)
		}
		d := doc.New(text, toks, sents)
		_, decided := Trace(d, ents)
		added = len(decided)
	}
	b.ReportMetric(float64(added), "mentions-added/op")
}
