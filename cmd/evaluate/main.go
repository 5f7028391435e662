// Command evaluate scores the extractor's people, places and organizations
// through the same path that serves requests, on three kinds of file:
//
//   - CoNLL files (FILE.txt, FILE.conll): each document becomes raw text (the
//     tokens of a sentence joined by single spaces, sentences joined by
//     newlines), and the returned mentions are mapped back to the CoNLL
//     tokens by their byte offsets;
//   - raw documents with gold spans (FILE.docs.jsonl beside FILE.gold.jsonl,
//     as in ../shared/data/gum/): exact code-point span and type, with a
//     per-genre table for GUM documents;
//   - Universal NER files (FILE.iob2): each document's text is built from its
//     "# text =" lines as ../shared/tools/uner2jsonl.py does, then scored as
//     raw documents.
//
// It prints conlleval-style precision, recall and F1 per type and
// micro-averaged over PER/LOC/ORG: the same figures as ../shared/tools/score.py.
//
// Usage:
//
//	go run ./cmd/evaluate [-model FILE] [-case lower|upper|title] [-tagger] FILE
//
// -case scores the text with every letter lower- or upper-cased, or every
// word capitalized, and the gold spans unchanged. With -tagger it also
// scores the NER tagger alone (ner.Tag on the extractor's tokens; on CoNLL
// files all four types including MISC).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
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
	diff := flag.Bool("diff", false, "list the mentions that Extract and the tagger score differently")
	reliability := flag.Bool("reliability", false, "print the tagger's precision by confidence band")
	flag.BoolVar(&showErrors, "errors", false, "on a raw-document file: classify Extract's errors (type swaps, boundaries, misses, false positives) per genre and list them")
	flag.BoolVar(&bySentence, "sentences", false, "on a raw-document file: send each sentence to the extractor alone (as short requests are), and score the mentions against the documents' gold spans")
	flag.StringVar(&caseMode, "case", "", "change the text's case before scoring: lower, upper or title (every word capitalized)")
	flag.StringVar(&cvModels, "cv-models", "", "cross-validation on a raw-document file: comma-separated model files, one per fold; document i is scored with model i mod N (train model K with cmd/train -holdout NAME:K/N)")
	flag.Parse()
	if caseMode != "" && caseMode != "lower" && caseMode != "upper" && caseMode != "title" {
		fmt.Fprintf(os.Stderr, "evaluate: unknown -case %q: want lower, upper or title\n", caseMode)
		os.Exit(2)
	}
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: evaluate [-model FILE] [-case lower|upper|title] [-tagger] FILE.conll|FILE.docs.jsonl|FILE.iob2")
		os.Exit(2)
	}
	if *diff {
		*tagger = true
	}
	showDiff = *diff
	showReliability = *reliability
	if *reliability {
		*tagger = true
	}
	if err := run(context.Background(), flag.Arg(0), *model, *tagger, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "evaluate:", err)
		os.Exit(1)
	}
}

// caseMode is the -case flag: "", "lower", "upper" or "title".
var caseMode string

// cvModels is the -cv-models flag: model files, one per fold.
var cvModels string

func run(ctx context.Context, path, modelPath string, tagger bool, w io.Writer) error {
	var m *ner.Model
	var err error
	if modelPath != "" {
		m, err = ner.LoadFile(modelPath)
	} else {
		m, err = ner.Default()
	}
	if err != nil {
		return err
	}
	if strings.HasSuffix(path, ".jsonl") || strings.HasSuffix(path, ".iob2") {
		return runSpans(ctx, path, m, tagger, w)
	}
	if bySentence {
		return fmt.Errorf("%s: -sentences wants a raw-document file (FILE.docs.jsonl or FILE.iob2)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	docs, err := conll.Read(f)
	f.Close()
	if err != nil {
		return err
	}
	for _, d := range docs {
		for _, s := range d.Sentences {
			for i, t := range s.Tokens {
				s.Tokens[i] = changeCase(t, caseMode)
			}
		}
	}
	start := time.Now()
	score, cal, err := evaluateExtract(ctx, m, docs)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Extract (raw text, %d documents, %s):\n", len(docs), time.Since(start).Round(time.Millisecond))
	score.WriteTo(w)
	cal.write(w)
	if tagger {
		ts, bands, err := evaluateTagger(ctx, m, docs)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, "\nTagger alone (ner.Tag on the same raw text):")
		ts.WriteTo(w)
		if showReliability {
			fmt.Fprintln(w, "\nTagger confidence bands (all four types):")
			fmt.Fprintln(w, "| confidence | mentions | precision |")
			fmt.Fprintln(w, "| --- | ---: | ---: |")
			for i, b := range bands {
				if b.n > 0 {
					fmt.Fprintf(w, "| %.2f–%.2f | %d | %.1f%% |\n", bandEdges[i], bandEdges[i+1], b.n, 100*float64(b.correct)/float64(b.n))
				}
			}
		}
		if showDiff {
			return writeDiff(ctx, w, m, docs)
		}
	}
	return nil
}

// runSpans scores a raw-document file (docs.jsonl with its gold.jsonl, or
// a Universal NER .iob2 file).
func runSpans(ctx context.Context, path string, m *ner.Model, tagger bool, w io.Writer) error {
	var docs []spanDoc
	var err error
	if strings.HasSuffix(path, ".iob2") {
		docs, err = readIOB2(path)
	} else {
		gold := strings.TrimSuffix(path, "docs.jsonl") + "gold.jsonl"
		if gold == path {
			return fmt.Errorf("%s: want a FILE.docs.jsonl with its FILE.gold.jsonl beside it", path)
		}
		docs, err = readSpanDocs(path, gold)
	}
	if err != nil {
		return err
	}
	if cvModels != "" {
		return crossValidate(ctx, docs, strings.Split(cvModels, ","), w)
	}
	ex, err := extractor.New(extractor.WithModel(m))
	if err != nil {
		return err
	}
	start := time.Now()
	sc, err := evaluateSpans(ctx, ex, nil, docs, caseMode, errorModel(m))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Extract (raw text, %d documents%s, %s):\n", len(docs), sentenceNote(), time.Since(start).Round(time.Millisecond))
	sc.all.WriteTo(w)
	sc.cal.write(w)
	writeGenres(w, sc.byGenre)
	if tagger {
		ts, err := evaluateSpans(ctx, ex, m, docs, caseMode, nil)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, "\nTagger alone (ner.Tag on the same raw text, PER/LOC/ORG):")
		ts.all.WriteTo(w)
	}
	if sc.errs != nil {
		sc.errs.write(w)
	}
	return nil
}

// crossValidate scores document i of docs with model i mod len(paths) and
// prints the pooled score.
func crossValidate(ctx context.Context, docs []spanDoc, paths []string, w io.Writer) error {
	if len(paths) < 2 {
		return fmt.Errorf("-cv-models wants a model per fold, at least two")
	}
	pooled := newSpanScore()
	for k, path := range paths {
		m, err := ner.LoadFile(path)
		if err != nil {
			return err
		}
		ex, err := extractor.New(extractor.WithModel(m))
		if err != nil {
			return err
		}
		var fold []spanDoc
		for i, d := range docs {
			if i%len(paths) == k {
				fold = append(fold, d)
			}
		}
		sc, err := evaluateSpans(ctx, ex, nil, fold, caseMode, errorModel(m))
		if err != nil {
			return err
		}
		pooled.add(sc)
	}
	fmt.Fprintf(w, "Extract, %d-fold cross-validation (raw text, %d documents%s):\n", len(paths), len(docs), sentenceNote())
	pooled.all.WriteTo(w)
	pooled.cal.write(w)
	writeGenres(w, pooled.byGenre)
	if pooled.errs != nil {
		pooled.errs.write(w)
	}
	return nil
}

// sentenceNote says in a score's heading that each sentence was sent
// alone.
func sentenceNote() string {
	if bySentence {
		return ", each sentence alone"
	}
	return ""
}

// errorModel is m when -errors is on, else nil.
func errorModel(m *ner.Model) *ner.Model {
	if showErrors {
		return m
	}
	return nil
}

// showDiff makes run list the mentions that only one of Extract and the
// tagger got right.
var showDiff bool

// showReliability makes run print the tagger's precision per confidence band.
var showReliability bool

// typeNames maps the extractor's entity types to CoNLL types.
var typeNames = map[extractor.EntityType]string{
	extractor.Person: "PER", extractor.Place: "LOC", extractor.Organization: "ORG",
}

// eachName calls fn for every name mention (not a pronoun or a
// description, which the gold sets do not annotate) of the people, places
// and organizations of res, with its CoNLL type.
func eachName(res *extractor.Result, fn func(mn extractor.Mention, typ string)) {
	for _, e := range res.Entities {
		typ, ok := typeNames[e.Type]
		if !ok {
			continue
		}
		for _, mn := range e.Mentions {
			if mn.Kind == extractor.Proper {
				fn(mn, typ)
			}
		}
	}
}

// Evaluate runs Extract on each document's raw text and scores the entity
// mentions it returns against the gold entities.
func Evaluate(ctx context.Context, m *ner.Model, docs []conll.Document) (*conll.Score, error) {
	s, _, err := evaluateExtract(ctx, m, docs)
	return s, err
}

// evaluateExtract is Evaluate that also tallies the precision of the
// mentions by confidence.
func evaluateExtract(ctx context.Context, m *ner.Model, docs []conll.Document) (*conll.Score, *calibration, error) {
	ex, err := extractor.New(extractor.WithModel(m))
	if err != nil {
		return nil, nil, err
	}
	score, cal := conll.NewScore(), &calibration{}
	for _, d := range docs {
		text, offs := d.Text()
		gold := d.Entities()
		res, err := ex.Extract(ctx, text)
		if err != nil {
			return nil, nil, err
		}
		var pred []conll.Span
		var conf []float64
		eachName(res, func(mn extractor.Mention, typ string) {
			pred = append(pred, toSpan(offs, mn.Span.Start, mn.Span.End, typ))
			conf = append(conf, mn.Confidence)
		})
		score.Add(gold, pred)
		cal.add(gold, pred, conf)
	}
	return score, cal, nil
}

// bandEdges are the confidence bands of the reliability table.
var bandEdges = []float64{0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0000001}

type band struct{ n, correct int }

// EvaluateTagger scores ner.Tag alone on each document's raw text, with all
// four types.
func EvaluateTagger(ctx context.Context, m *ner.Model, docs []conll.Document) (*conll.Score, error) {
	s, _, err := evaluateTagger(ctx, m, docs)
	return s, err
}

// evaluateTagger is EvaluateTagger that also counts the mentions and the
// correct ones per confidence band.
func evaluateTagger(ctx context.Context, m *ner.Model, docs []conll.Document) (*conll.Score, []band, error) {
	score := conll.NewScore()
	bands := make([]band, len(bandEdges)-1)
	for _, d := range docs {
		text, offs := d.Text()
		toks := tokenize.Tokenize(text)
		sents := segment.Sentences(text, toks)
		ms, err := m.Tag(ctx, text, toks, sents)
		if err != nil {
			return nil, nil, err
		}
		gold := d.Entities()
		isGold := map[conll.Span]bool{}
		for _, g := range gold {
			isGold[g] = true
		}
		var pred []conll.Span
		for _, mn := range ms {
			sp := toSpan(offs, toks[mn.First].Start, toks[mn.Last-1].End, mn.Label.String())
			pred = append(pred, sp)
			for i := range bands {
				if mn.Confidence >= bandEdges[i] && mn.Confidence < bandEdges[i+1] {
					bands[i].n++
					if isGold[sp] {
						bands[i].correct++
					}
				}
			}
		}
		score.Add(gold, pred)
	}
	return score, bands, nil
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

// writeDiff lists, per document, the predicted mentions that only Extract or
// only the tagger made, marking each correct (+) or wrong (-).
func writeDiff(ctx context.Context, w io.Writer, m *ner.Model, docs []conll.Document) error {
	ex, err := extractor.New(extractor.WithModel(m))
	if err != nil {
		return err
	}
	for di, d := range docs {
		text, offs := d.Text()
		gold := map[conll.Span]bool{}
		for _, g := range d.Entities() {
			gold[g] = true
		}
		res, err := ex.Extract(ctx, text)
		if err != nil {
			return err
		}
		fromExtract := map[conll.Span]bool{}
		eachName(res, func(mn extractor.Mention, typ string) {
			fromExtract[toSpan(offs, mn.Span.Start, mn.Span.End, typ)] = true
		})
		toks := tokenize.Tokenize(text)
		ms, err := m.Tag(ctx, text, toks, segment.Sentences(text, toks))
		if err != nil {
			return err
		}
		fromTagger := map[conll.Span]bool{}
		for _, mn := range ms {
			if mn.Label != ner.MISC {
				fromTagger[toSpan(offs, toks[mn.First].Start, toks[mn.Last-1].End, mn.Label.String())] = true
			}
		}
		show := func(who string, s conll.Span) {
			mark := "-"
			if gold[s] {
				mark = "+"
			}
			words := "?"
			if s.First >= 0 {
				words = text[offs[s.First].Start:offs[s.Last-1].End]
			}
			fmt.Fprintf(w, "doc %d %s only %s %s %q\n", di, who, mark, s.Type, words)
		}
		for s := range fromExtract {
			if !fromTagger[s] {
				show("extract", s)
			}
		}
		for s := range fromTagger {
			if !fromExtract[s] {
				show("tagger", s)
			}
		}
	}
	return nil
}
