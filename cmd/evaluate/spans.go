package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/ner/conll"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// A spanDoc is a document of raw text with gold entities as half-open
// code-point spans: the format of ../shared/data/gum/*.docs.jsonl and
// *.gold.jsonl, and of what ../shared/tools/uner2jsonl.py builds.
type spanDoc struct {
	id   string
	text string
	gold []conll.Span // First/Last are code-point offsets into text
}

// genre is the part of a document id that names its genre: GUM's
// ("GUM_news_iodine" → "news"), the English Web Treebank's
// ("reviews-123456-0001" → "reviews") or the repository's genre set's
// ("syllabus_1" → "syllabus"), or "" for other ids.
func (d spanDoc) genre() string {
	f := strings.Split(d.id, "_")
	if len(f) >= 3 && f[0] == "GUM" {
		return f[1]
	}
	if g, _, ok := strings.Cut(d.id, "-"); ok && ewtGenres[g] {
		return g
	}
	if len(f) == 2 && f[0] != "" && f[1] != "" && strings.Trim(f[1], "0123456789") == "" {
		return f[0]
	}
	return ""
}

// ewtGenres are the genres of the English Web Treebank's document ids.
var ewtGenres = map[string]bool{"answers": true, "email": true, "newsgroup": true, "reviews": true, "weblog": true}

// readSpanDocs reads a docs file ({"id","text"} per line) and its gold file
// ({"id","entities":[{"start","end","type"}]} per line), matched by id.
func readSpanDocs(docsPath, goldPath string) ([]spanDoc, error) {
	type entity struct {
		Start, End int
		Type       string
	}
	var docs []spanDoc
	err := readJSONL(docsPath, func(line []byte) error {
		var d struct{ ID, Text string }
		if err := json.Unmarshal(line, &d); err != nil {
			return err
		}
		docs = append(docs, spanDoc{id: d.ID, text: d.Text})
		return nil
	})
	if err != nil {
		return nil, err
	}
	gold := map[string][]conll.Span{}
	err = readJSONL(goldPath, func(line []byte) error {
		var g struct {
			ID       string
			Entities []entity
		}
		if err := json.Unmarshal(line, &g); err != nil {
			return err
		}
		for _, e := range g.Entities {
			gold[g.ID] = append(gold[g.ID], conll.Span{First: e.Start, Last: e.End, Type: e.Type})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range docs {
		docs[i].gold = gold[docs[i].id]
	}
	return docs, nil
}

func readJSONL(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

// readIOB2 reads a Universal NER file and builds each document's text the
// way ../shared/tools/uner2jsonl.py does: the sentences' "# text =" lines
// joined by one space, tokens aligned to the text left to right, entity
// offsets in code points.
func readIOB2(path string) ([]spanDoc, error) {
	type tok struct{ form, tag string }
	type sent struct {
		text string
		toks []tok
	}
	type rawDoc struct {
		id    string
		sents []*sent
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var raw []*rawDoc
	var cur *rawDoc
	var s *sent
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# newdoc id"):
			_, id, _ := strings.Cut(line, "=")
			cur = &rawDoc{id: strings.TrimSpace(id)}
			raw = append(raw, cur)
		case strings.HasPrefix(line, "# text ="):
			if cur == nil {
				cur = &rawDoc{id: fmt.Sprintf("doc-%d", len(raw)+1)}
				raw = append(raw, cur)
			}
			_, text, _ := strings.Cut(line, "=")
			s = &sent{text: strings.TrimPrefix(text, " ")}
			cur.sents = append(cur.sents, s)
		case strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
		default:
			cols := strings.Split(line, "\t")
			if len(cols) < 3 || strings.ContainsAny(cols[0], "-.") || s == nil {
				continue
			}
			s.toks = append(s.toks, tok{cols[1], cols[2]})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	docs := make([]spanDoc, 0, len(raw))
	for _, d := range raw {
		var text []rune
		var gold []conll.Span
		for _, s := range d.sents {
			if len(text) > 0 {
				text = append(text, ' ')
			}
			text = append(text, []rune(s.text)...)
			var cur *conll.Span
			flush := func() {
				if cur != nil {
					gold = append(gold, *cur)
					cur = nil
				}
			}
			pos := len(text) - utf8.RuneCountInString(s.text)
			for _, t := range s.toks {
				form := []rune(t.form)
				i := indexRunes(text, form, pos)
				if i < 0 || i-pos > 40 {
					flush()
					continue
				}
				pos = i + len(form)
				prefix, typ, _ := strings.Cut(t.tag, "-")
				if cur != nil && (prefix == "B" || prefix == "O" || typ != cur.Type) {
					flush()
				}
				if prefix == "B" || prefix == "I" {
					if cur == nil {
						cur = &conll.Span{First: i, Last: pos, Type: typ}
					} else {
						cur.Last = pos
					}
				}
			}
			flush()
		}
		docs = append(docs, spanDoc{id: d.id, text: string(text), gold: gold})
	}
	return docs, nil
}

// indexRunes is the index of the first occurrence of sub in s at or after
// from, or -1.
func indexRunes(s, sub []rune, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		match := true
		for j := range sub {
			if s[i+j] != sub[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// changeCase maps every letter of s to lower or upper case ("lower",
// "upper") or capitalizes every word ("title", as [ner.TitleCase]), rune by
// rune, so code-point offsets stay valid; "" leaves s as it is.
func changeCase(s, mode string) string {
	switch mode {
	case "title":
		return ner.TitleCase(s)
	case "lower":
		return strings.Map(unicode.ToLower, s)
	case "upper":
		return strings.Map(unicode.ToUpper, s)
	}
	return s
}

// spanScore is a score over all documents and per genre.
type spanScore struct {
	all     *conll.Score
	byGenre map[string]*conll.Score
	cal     *calibration
	errs    *errorLog // nil unless errors are collected
}

func newSpanScore() spanScore {
	return spanScore{all: conll.NewScore(), byGenre: map[string]*conll.Score{}, cal: &calibration{}}
}

// add adds the counts of o to s.
func (s *spanScore) add(o spanScore) {
	s.all.Merge(o.all)
	s.cal.merge(o.cal)
	if o.errs != nil {
		if s.errs == nil {
			s.errs = newErrorLog()
		}
		s.errs.merge(o.errs)
	}
	for g, gs := range o.byGenre {
		if s.byGenre[g] == nil {
			s.byGenre[g] = conll.NewScore()
		}
		s.byGenre[g].Merge(gs)
	}
}

// evaluateSpans runs Extract (or, with a tagger, the tagger alone) on each
// document and scores the name mentions it returns against the gold spans
// (exact code-point span and type). With errModel (the extractor's model)
// it also classifies the errors of Extract's mentions (see classifyErrors).
func evaluateSpans(ctx context.Context, ex *extractor.Extractor, tagger *ner.Model, docs []spanDoc, caseMode string, errModel *ner.Model) (spanScore, error) {
	sc := newSpanScore()
	if errModel != nil && tagger == nil {
		sc.errs = newErrorLog()
	}
	for _, d := range docs {
		text := changeCase(d.text, caseMode)
		cp := codePoints(text)
		var pred, tagged []conll.Span
		var conf []float64
		for _, piece := range pieces(text) {
			at, part := piece[0], text[piece[0]:piece[1]]
			if tagger != nil {
				toks := tokenize.Tokenize(part)
				ms, err := tagger.Tag(ctx, part, toks, segment.Sentences(part, toks))
				if err != nil {
					return sc, fmt.Errorf("%s: %w", d.id, err)
				}
				for _, mn := range ms {
					if mn.Label != ner.MISC {
						pred = append(pred, conll.Span{First: cp[at+toks[mn.First].Start], Last: cp[at+toks[mn.Last-1].End], Type: mn.Label.String()})
						conf = append(conf, mn.Confidence)
					}
				}
			} else {
				res, err := ex.Extract(ctx, part)
				if err != nil {
					return sc, fmt.Errorf("%s: %w", d.id, err)
				}
				eachName(res, func(mn extractor.Mention, typ string) {
					pred = append(pred, conll.Span{First: cp[at+mn.Span.Start], Last: cp[at+mn.Span.End], Type: typ})
					conf = append(conf, mn.Confidence)
				})
			}
			if sc.errs != nil {
				t, err := taggerSpans(ctx, errModel, part)
				if err != nil {
					return sc, fmt.Errorf("%s: %w", d.id, err)
				}
				for _, sp := range t {
					tagged = append(tagged, conll.Span{First: cp[at] + sp.First, Last: cp[at] + sp.Last, Type: sp.Type})
				}
			}
		}
		sc.all.Add(d.gold, pred)
		sc.cal.add(d.gold, pred, conf)
		if sc.errs != nil {
			sc.errs.addDoc(d, text, pred, tagged)
		}
		if g := d.genre(); g != "" {
			if sc.byGenre[g] == nil {
				sc.byGenre[g] = conll.NewScore()
			}
			sc.byGenre[g].Add(d.gold, pred)
		}
	}
	return sc, nil
}

// bySentence is the -sentences flag: each sentence of a document is sent
// to the extractor alone, as a request of one sentence would be.
var bySentence bool

// pieces returns the byte ranges of text that are analysed apart: the
// whole text, or with bySentence each of its sentences (see
// segment.Sentences). The gold spans stay the document's, so a name the
// sentences cut is a miss.
func pieces(text string) [][2]int {
	if !bySentence {
		return [][2]int{{0, len(text)}}
	}
	toks := tokenize.Tokenize(text)
	var out [][2]int
	for _, s := range segment.Sentences(text, toks) {
		out = append(out, [2]int{s.Start, s.End})
	}
	return out
}

// codePoints maps every byte offset of s (and len(s)) to its code-point
// offset; a byte inside a rune maps to the rune's offset.
func codePoints(s string) []int {
	cp := make([]int, len(s)+1)
	n := -1
	for i := 0; i < len(s); i++ {
		if utf8.RuneStart(s[i]) {
			n++
		}
		cp[i] = n
	}
	cp[len(s)] = n + 1
	return cp
}

// calibration counts predicted mentions and the correct ones at or above
// each of calThresholds.
type calibration struct {
	n, correct [len(calThresholds)]int
}

// calThresholds are the confidences calibration reports precision above.
var calThresholds = [...]float64{0, 0.5, 0.9, 0.99}

// add tallies one document's predictions (conf[i] is pred[i]'s confidence).
func (c *calibration) add(gold, pred []conll.Span, conf []float64) {
	isGold := make(map[conll.Span]bool, len(gold))
	for _, g := range gold {
		isGold[g] = true
	}
	for i, p := range pred {
		for j, t := range calThresholds {
			if conf[i] >= t {
				c.n[j]++
				if isGold[p] {
					c.correct[j]++
				}
			}
		}
	}
}

func (c *calibration) merge(o *calibration) {
	for j := range c.n {
		c.n[j] += o.n[j]
		c.correct[j] += o.correct[j]
	}
}

// write prints the precision of the mentions at or above each threshold.
func (c *calibration) write(w io.Writer) {
	fmt.Fprint(w, "precision by confidence:")
	for j, t := range calThresholds {
		p := 0.0
		if c.n[j] > 0 {
			p = 100 * float64(c.correct[j]) / float64(c.n[j])
		}
		fmt.Fprintf(w, "  ≥%.2f %.1f%% (%d)", t, p, c.n[j])
	}
	fmt.Fprintln(w)
}

// writeGenres prints PER/LOC/ORG micro-F1 per genre, with the gold count.
func writeGenres(w io.Writer, byGenre map[string]*conll.Score) {
	if len(byGenre) == 0 {
		return
	}
	genres := make([]string, 0, len(byGenre))
	for g := range byGenre {
		genres = append(genres, g)
	}
	sort.Strings(genres)
	fmt.Fprintln(w, "\n| genre | gold | P | R | F1 | PER F1 | LOC F1 | ORG F1 |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, g := range genres {
		s := byGenre[g]
		c := s.Micro("PER", "LOC", "ORG")
		typeF1 := func(t string) string {
			if c := s.ByType[t]; c != nil && c.Gold+c.Predicted > 0 {
				return fmt.Sprintf("%.1f", 100*c.F1())
			}
			return "–"
		}
		fmt.Fprintf(w, "| %s | %d | %.1f | %.1f | %.1f | %s | %s | %s |\n", g, c.Gold,
			100*c.Precision(), 100*c.Recall(), 100*c.F1(), typeF1("PER"), typeF1("LOC"), typeF1("ORG"))
	}
}
