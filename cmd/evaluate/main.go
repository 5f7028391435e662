// Command evaluate scores the extractor on a CoNLL-format file through the
// same path that serves requests: each document becomes raw text (the tokens
// of a sentence joined by single spaces, sentences joined by newlines), goes
// through extractor.Extract, and the returned mentions are mapped back to the
// CoNLL tokens by their byte offsets. It prints conlleval-style precision,
// recall and F1 per type and micro-averaged over PER/LOC/ORG.
//
// Usage:
//
//	go run ./cmd/evaluate [-model FILE] [-tagger] ../shared/data/conll2003/dev.txt
//
// With -tagger it also scores the NER tagger alone (ner.Tag on the
// extractor's tokens, all four types including MISC).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/ner/conll"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

func main() {
	model := flag.String("model", "", "model file (default: the embedded model)")
	tagger := flag.Bool("tagger", false, "also score the tagger alone, before mention grouping")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: evaluate [-model FILE] [-tagger] FILE.conll")
		os.Exit(2)
	}
	if err := run(context.Background(), flag.Arg(0), *model, *tagger, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "evaluate:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, path, modelPath string, tagger bool, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	docs, err := conll.Read(f)
	f.Close()
	if err != nil {
		return err
	}
	var m *ner.Model
	if modelPath != "" {
		m, err = ner.LoadFile(modelPath)
	} else {
		m, err = ner.Default()
	}
	if err != nil {
		return err
	}
	start := time.Now()
	score, err := Evaluate(ctx, m, docs)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Extract (raw text, %d documents, %s):\n", len(docs), time.Since(start).Round(time.Millisecond))
	score.WriteTo(w)
	if tagger {
		ts, err := EvaluateTagger(ctx, m, docs)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, "\nTagger alone (ner.Tag on the same raw text):")
		ts.WriteTo(w)
	}
	return nil
}

// typeNames maps the extractor's entity types to CoNLL types.
var typeNames = map[extractor.EntityType]string{
	extractor.Person: "PER", extractor.Place: "LOC", extractor.Organization: "ORG",
}

// Evaluate runs Extract on each document's raw text and scores the entity
// mentions it returns against the gold entities.
func Evaluate(ctx context.Context, m *ner.Model, docs []conll.Document) (*conll.Score, error) {
	ex, err := extractor.New(extractor.WithModel(m))
	if err != nil {
		return nil, err
	}
	score := conll.NewScore()
	for _, d := range docs {
		text, offs := d.Text()
		gold := d.Entities()
		res, err := ex.Extract(ctx, text)
		if err != nil {
			return nil, err
		}
		var pred []conll.Span
		for _, e := range res.Entities {
			typ, ok := typeNames[e.Type]
			if !ok {
				continue
			}
			for _, mn := range e.Mentions {
				pred = append(pred, toSpan(offs, mn.Span.Start, mn.Span.End, typ))
			}
		}
		score.Add(gold, pred)
	}
	return score, nil
}

// EvaluateTagger scores ner.Tag alone on each document's raw text, with all
// four types.
func EvaluateTagger(ctx context.Context, m *ner.Model, docs []conll.Document) (*conll.Score, error) {
	score := conll.NewScore()
	for _, d := range docs {
		text, offs := d.Text()
		toks := tokenize.Tokenize(text)
		sents := segment.Sentences(text, toks)
		ms, err := m.Tag(ctx, text, toks, sents)
		if err != nil {
			return nil, err
		}
		var pred []conll.Span
		for _, mn := range ms {
			pred = append(pred, toSpan(offs, toks[mn.First].Start, toks[mn.Last-1].End, mn.Label.String()))
		}
		score.Add(d.Entities(), pred)
	}
	return score, nil
}

// toSpan maps the bytes start..end of a document's text to CoNLL tokens. A
// mention that does not start and end on CoNLL token boundaries gets an
// impossible span, so it counts as a false positive.
func toSpan(offs []conll.Offset, start, end int, typ string) conll.Span {
	first, last := -1, -1
	for i, o := range offs {
		if o.Start == start {
			first = i
		}
		if o.End == end {
			last = i + 1
			break
		}
	}
	if first < 0 || last <= first {
		return conll.Span{First: -1 - start, Last: -1 - end, Type: typ}
	}
	return conll.Span{First: first, Last: last, Type: typ}
}
