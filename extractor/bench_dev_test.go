package extractor_test

import (
	"context"
	"testing"

	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// BenchmarkExtractDev runs the whole Extract over the CoNLL dev documents
// (216 documents, 51,362 tokens of raw text) and reports tokens per second.
func BenchmarkExtractDev(b *testing.B) {
	c, ok := devCorpus(b)
	if !ok {
		b.Skip("CoNLL dev text not available")
	}
	ex := newExtractor(b)
	ntok := 0
	for _, d := range c.docs {
		ntok += len(tokenize.Tokenize(d))
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range c.docs {
			if _, err := ex.Extract(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkGroupDev runs mention.Group and mention.Rank alone on the tags of
// the CoNLL dev documents.
func BenchmarkGroupDev(b *testing.B) {
	c, ok := devCorpus(b)
	if !ok {
		b.Skip("CoNLL dev text not available")
	}
	m, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	type doc struct {
		text  string
		toks  []tokenize.Token
		sents []segment.Sentence
		tags  []ner.Mention
	}
	var docs []doc
	ntags := 0
	for _, text := range c.docs {
		toks := tokenize.Tokenize(text)
		sents := segment.Sentences(text, toks)
		tags, err := m.Tag(context.Background(), text, toks, sents)
		if err != nil {
			b.Fatal(err)
		}
		ntags += len(tags)
		docs = append(docs, doc{text, toks, sents, tags})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			mention.Rank(d.text, mention.Group(d.text, d.toks, d.sents, d.tags), d.sents, nil)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(ntags), "ns/tag")
}
