package conll

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Counts are the matches of one entity type.
type Counts struct {
	Correct, Predicted, Gold int
}

// Precision is Correct/Predicted, or 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.Correct, c.Predicted) }

// Recall is Correct/Gold, or 0 when there is no gold entity.
func (c Counts) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Score accumulates conlleval counts per entity type.
type Score struct {
	ByType map[string]*Counts
}

// NewScore returns an empty Score.
func NewScore() *Score { return &Score{ByType: map[string]*Counts{}} }

func (s *Score) counts(typ string) *Counts {
	c := s.ByType[typ]
	if c == nil {
		c = &Counts{}
		s.ByType[typ] = c
	}
	return c
}

// Add counts one document's gold and predicted entities. A prediction is
// correct when a gold entity has the same span and type.
func (s *Score) Add(gold, predicted []Span) {
	set := make(map[Span]bool, len(gold))
	for _, g := range gold {
		set[g] = true
		s.counts(g.Type).Gold++
	}
	for _, p := range predicted {
		c := s.counts(p.Type)
		c.Predicted++
		if set[p] {
			c.Correct++
			delete(set, p)
		}
	}
}

// Merge adds the counts of o to s.
func (s *Score) Merge(o *Score) {
	for t, c := range o.ByType {
		m := s.counts(t)
		m.Correct += c.Correct
		m.Predicted += c.Predicted
		m.Gold += c.Gold
	}
}

// Micro sums the counts of the given types (all types when none is given).
func (s *Score) Micro(types ...string) Counts {
	if len(types) == 0 {
		types = s.Types()
	}
	var t Counts
	for _, typ := range types {
		if c := s.ByType[typ]; c != nil {
			t.Correct += c.Correct
			t.Predicted += c.Predicted
			t.Gold += c.Gold
		}
	}
	return t
}

// Types lists the types seen, sorted.
func (s *Score) Types() []string {
	var ts []string
	for t := range s.ByType {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// WriteTo prints a conlleval-style table: precision, recall and F1 per type,
// then micro-averages over PER/LOC/ORG and, when MISC was predicted, over all
// four types.
func (s *Score) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	row := func(name string, c Counts) {
		fmt.Fprintf(&b, "%-16s precision %6.2f%%  recall %6.2f%%  F1 %6.2f  (%d correct, %d predicted, %d gold)\n",
			name, 100*c.Precision(), 100*c.Recall(), 100*c.F1(), c.Correct, c.Predicted, c.Gold)
	}
	for _, t := range s.Types() {
		row(t, *s.ByType[t])
	}
	row("PER/LOC/ORG", s.Micro("PER", "LOC", "ORG"))
	if c := s.ByType["MISC"]; c != nil && c.Predicted > 0 {
		row("all four", s.Micro("PER", "LOC", "ORG", "MISC"))
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}
