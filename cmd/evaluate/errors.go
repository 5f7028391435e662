package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/ner/conll"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// The categories of the error analysis (-errors).
const (
	errSwap         = "swap"          // the gold span, another type
	errBoundary     = "boundary"      // an overlapping span of the gold type
	errBoundarySwap = "boundary+swap" // an overlapping span of another type
	errMiss         = "miss"          // no prediction overlaps the gold name
	errFalse        = "false"         // the prediction overlaps no gold name
)

// errKinds is the order of the categories in the summary.
var errKinds = []string{errSwap, errBoundary, errBoundarySwap, errMiss, errFalse}

// A nameError is one gold name not found exactly, or one prediction that
// overlaps no gold name. Gold or Pred is nil when there is none.
type nameError struct {
	Kind       string
	Gold, Pred *conll.Span
}

// classifyErrors pairs the gold names and predictions that are not exact
// matches: a gold name with the same span predicted under another type is a
// swap; with an overlapping prediction, a boundary error (of the same type
// or not); with none, a miss. A prediction that overlaps no gold name is a
// false positive. Further predictions overlapping an already paired gold
// name (a name split in two) count as boundary errors of their own.
func classifyErrors(gold, pred []conll.Span) []nameError {
	exact := map[conll.Span]bool{}
	for _, g := range gold {
		exact[g] = true
	}
	var g2, p2 []conll.Span
	isPred := map[conll.Span]bool{}
	for _, p := range pred {
		isPred[p] = true
		if !exact[p] {
			p2 = append(p2, p)
		}
	}
	for _, g := range gold {
		if !isPred[g] {
			g2 = append(g2, g)
		}
	}
	overlap := func(a, b conll.Span) bool { return a.First < b.Last && b.First < a.Last }
	used := make([]bool, len(p2))
	var errs []nameError
	for i := range g2 {
		g := &g2[i]
		best := -1
		for j, p := range p2 {
			if used[j] || !overlap(*g, p) {
				continue
			}
			if best < 0 || p.First == g.First && p.Last == g.Last {
				best = j
			}
		}
		if best < 0 {
			errs = append(errs, nameError{Kind: errMiss, Gold: g})
			continue
		}
		used[best] = true
		p := &p2[best]
		kind := errBoundarySwap
		switch {
		case p.First == g.First && p.Last == g.Last:
			kind = errSwap
		case p.Type == g.Type:
			kind = errBoundary
		}
		errs = append(errs, nameError{Kind: kind, Gold: g, Pred: p})
	}
	for j := range p2 {
		if used[j] {
			continue
		}
		p := &p2[j]
		kind := errFalse
		for i := range gold {
			if overlap(gold[i], *p) {
				kind = errBoundary
				if gold[i].Type != p.Type {
					kind = errBoundarySwap
				}
				break
			}
		}
		errs = append(errs, nameError{Kind: kind, Pred: p})
	}
	return errs
}

// showErrors makes a raw-document run list every error with its category
// and print the counts per category and genre.
var showErrors bool

// errorLog collects the errors of scored documents.
type errorLog struct {
	lines  []string
	counts map[string]map[string]int // genre → category → count
	notes  map[string]int            // category/note → count
}

func newErrorLog() *errorLog {
	return &errorLog{counts: map[string]map[string]int{}, notes: map[string]int{}}
}

func (l *errorLog) merge(o *errorLog) {
	if o == nil {
		return
	}
	l.lines = append(l.lines, o.lines...)
	for g, m := range o.counts {
		if l.counts[g] == nil {
			l.counts[g] = map[string]int{}
		}
		for k, n := range m {
			l.counts[g][k] += n
		}
	}
	for k, n := range o.notes {
		l.notes[k] += n
	}
}

// addDoc classifies one document's errors. tagged are the tagger's own
// mentions of all four types (as code-point spans), to tell errors the
// tagger made from those of the later stages, and names the tagger called
// MISC (which Extract drops).
func (l *errorLog) addDoc(d spanDoc, text string, pred, tagged []conll.Span) {
	genre := d.genre()
	if genre == "" {
		genre = "-"
	}
	if l.counts[genre] == nil {
		l.counts[genre] = map[string]int{}
	}
	runes := []rune(text)
	show := func(s *conll.Span) string {
		if s == nil {
			return "-"
		}
		return fmt.Sprintf("%s %q", s.Type, string(runes[s.First:s.Last]))
	}
	inTagger := map[conll.Span]bool{}
	for _, t := range tagged {
		inTagger[t] = true
	}
	for _, e := range classifyErrors(d.gold, pred) {
		l.counts[genre][e.Kind]++
		var note []string
		if e.Gold != nil {
			if inTagger[*e.Gold] {
				note = append(note, "tagger-right")
			}
			for _, t := range tagged {
				if t.Type == "MISC" && t.First < e.Gold.Last && e.Gold.First < t.Last {
					note = append(note, "tagger-MISC")
					break
				}
			}
		}
		for _, n := range note {
			l.notes[e.Kind+"/"+n]++
		}
		ref := e.Gold
		if ref == nil {
			ref = e.Pred
		}
		lo, hi := max(0, ref.First-40), min(len(runes), ref.Last+40)
		ctx := strings.Join(strings.Fields(string(runes[lo:hi])), " ")
		l.lines = append(l.lines, fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s\t%s", genre, d.id, e.Kind, show(e.Gold), show(e.Pred), strings.Join(note, ","), ctx))
	}
}

// write prints the counts per genre and category, then every error as a
// tab-separated line: genre, document, category, gold, prediction, notes,
// context.
func (l *errorLog) write(w io.Writer) {
	genres := make([]string, 0, len(l.counts))
	for g := range l.counts {
		genres = append(genres, g)
	}
	sort.Strings(genres)
	fmt.Fprintf(w, "\nErrors per genre:\n| genre | %s | total |\n| --- |%s ---: |\n", strings.Join(errKinds, " | "), strings.Repeat(" ---: |", len(errKinds)))
	total := map[string]int{}
	for _, g := range genres {
		fmt.Fprintf(w, "| %s |", g)
		n := 0
		for _, k := range errKinds {
			fmt.Fprintf(w, " %d |", l.counts[g][k])
			total[k] += l.counts[g][k]
			n += l.counts[g][k]
		}
		fmt.Fprintf(w, " %d |\n", n)
	}
	fmt.Fprint(w, "| all |")
	n := 0
	for _, k := range errKinds {
		fmt.Fprintf(w, " %d |", total[k])
		n += total[k]
	}
	fmt.Fprintf(w, " %d |\n", n)
	notes := make([]string, 0, len(l.notes))
	for k := range l.notes {
		notes = append(notes, k)
	}
	sort.Strings(notes)
	for _, k := range notes {
		fmt.Fprintf(w, "%s: %d\n", k, l.notes[k])
	}
	fmt.Fprintln(w, "\ngenre\tdocument\tcategory\tgold\tpredicted\tnotes\tcontext")
	for _, line := range l.lines {
		fmt.Fprintln(w, line)
	}
}

// taggerSpans runs the tagger alone on text and returns its mentions of all
// four types as code-point spans.
func taggerSpans(ctx context.Context, m *ner.Model, text string) ([]conll.Span, error) {
	cp := codePoints(text)
	toks := tokenize.Tokenize(text)
	ms, err := m.Tag(ctx, text, toks, segment.Sentences(text, toks))
	if err != nil {
		return nil, err
	}
	out := make([]conll.Span, 0, len(ms))
	for _, mn := range ms {
		out = append(out, conll.Span{First: cp[toks[mn.First].Start], Last: cp[toks[mn.Last-1].End], Type: mn.Label.String()})
	}
	return out, nil
}
