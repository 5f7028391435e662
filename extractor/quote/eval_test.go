package quote

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestSet is the annotated test set in testdata/quotes.json.
type TestSet struct {
	Documents []TestDocument `json:"documents"`
}

// TestDocument is one annotated document.
type TestDocument struct {
	ID       string       `json:"id"`
	Text     string       `json:"text"`
	Entities []entitySpec `json:"entities"`
	Quotes   []GoldQuote  `json:"quotes"`
}

// GoldQuote is one annotated quotation.
type GoldQuote struct {
	Text    string  `json:"text"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Speaker *string `json:"speaker"`
}

// LoadTestSet reads testdata/quotes.json and checks its offsets.
func LoadTestSet(tb testing.TB) TestSet {
	tb.Helper()
	b, err := os.ReadFile("testdata/quotes.json")
	if err != nil {
		tb.Fatal(err)
	}
	var ts TestSet
	if err := json.Unmarshal(b, &ts); err != nil {
		tb.Fatalf("testdata/quotes.json: %v", err)
	}
	for _, d := range ts.Documents {
		for _, q := range d.Quotes {
			if q.Start < 0 || q.End > len(d.Text) || q.Start > q.End || d.Text[q.Start:q.End] != q.Text {
				tb.Fatalf("%s: quote %q does not match its offsets", d.ID, q.Text)
			}
		}
	}
	return ts
}

// SameSpeaker reports whether a predicted speaker name names the annotated
// speaker: the names are equal once case, punctuation and articles are
// ignored, or one is a run of words of the other that holds the head of the
// annotated name and is not a pronoun ("Shraibman" for "Artyom Shraibman",
// "the official" for "a U.S. official", but not "Daniel Amstutz" for "an
// aide to undersecretary Daniel Amstutz").
func SameSpeaker(got, want string) bool {
	g, w := nameWords(got), nameWords(want)
	if len(g) == 0 || len(w) == 0 {
		return false
	}
	head := w[len(w)-1]
	for i, x := range w {
		if i > 0 && map[string]bool{"of": true, "for": true, "at": true, "to": true, "in": true, "with": true, "from": true}[x] {
			head = w[i-1]
			break
		}
	}
	if !slices.Contains(g, head) {
		return false
	}
	short, long := g, w
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) == 1 && map[string]bool{"he": true, "she": true, "it": true, "they": true, "i": true, "we": true}[short[0]] {
		return len(long) == 1 && long[0] == short[0]
	}
	for i := 0; i+len(short) <= len(long); i++ {
		if slices.Equal(long[i:i+len(short)], short) {
			return true
		}
	}
	return false
}

func nameWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}) {
		if w != "a" && w != "an" && w != "the" && w != "'s" {
			out = append(out, w)
		}
	}
	return out
}

// Score holds detection and attribution counts.
type Score struct {
	TP, FP, FN        int // quotations, exact span
	WithSpeaker       int // detected quotations with an annotated speaker
	Right             int // how many of those got the right speaker
	AllWithSpeaker    int // annotated quotations with a speaker
	UnattributedWrong int // quotations annotated without a speaker that got one
	Failures          []string
	BySieve           map[string]*[2]int // detected quotations with a speaker, by deciding sieve: right, all
}

// SieveReport lists, in sieve order, how many detected quotations with an
// annotated speaker each sieve decided and how many of those it got right.
func (s Score) SieveReport() string {
	var parts []string
	for _, sv := range append(Sieves(), "") {
		if c := s.BySieve[sv]; c != nil {
			name := sv
			if name == "" {
				name = "(none)"
			}
			parts = append(parts, fmt.Sprintf("%s %d/%d", name, c[0], c[1]))
		}
	}
	return strings.Join(parts, ", ")
}

// F1 is the detection F1 on exact spans.
func (s Score) F1() float64 {
	if s.TP == 0 {
		return 0
	}
	p := float64(s.TP) / float64(s.TP+s.FP)
	r := float64(s.TP) / float64(s.TP+s.FN)
	return 2 * p * r / (p + r)
}

// Accuracy is the share of detected quotations with an annotated speaker
// that got the right one.
func (s Score) Accuracy() float64 {
	if s.WithSpeaker == 0 {
		return 0
	}
	return float64(s.Right) / float64(s.WithSpeaker)
}

// Predicted is one quotation found by the system under test.
type Predicted struct {
	Start, End int
	Speaker    string // canonical name, or the attributing words, or ""
	Sieve      string // the sieve that decided the speaker
}

// Add compares the quotations found in d with the annotated ones.
func (s *Score) Add(d TestDocument, got []Predicted) {
	byStart := map[[2]int]Predicted{}
	for _, p := range got {
		byStart[[2]int{p.Start, p.End}] = p
	}
	gold := map[[2]int]bool{}
	for _, q := range d.Quotes {
		key := [2]int{q.Start, q.End}
		gold[key] = true
		if q.Speaker != nil {
			s.AllWithSpeaker++
		}
		p, ok := byStart[key]
		if !ok {
			s.FN++
			s.Failures = append(s.Failures, d.ID+": missed "+trunc(q.Text))
			continue
		}
		s.TP++
		if q.Speaker == nil {
			if p.Speaker != "" {
				s.UnattributedWrong++
			}
			continue
		}
		s.WithSpeaker++
		if s.BySieve == nil {
			s.BySieve = map[string]*[2]int{}
		}
		c := s.BySieve[p.Sieve]
		if c == nil {
			c = &[2]int{}
			s.BySieve[p.Sieve] = c
		}
		c[1]++
		if SameSpeaker(p.Speaker, *q.Speaker) {
			s.Right++
			c[0]++
		} else {
			s.Failures = append(s.Failures, d.ID+": "+trunc(q.Text)+" speaker "+strconvQuote(p.Speaker)+", want "+strconvQuote(*q.Speaker))
		}
	}
	for _, p := range got {
		if !gold[[2]int{p.Start, p.End}] {
			s.FP++
			s.Failures = append(s.Failures, d.ID+": spurious "+trunc(d.Text[p.Start:p.End]))
		}
	}
}

func trunc(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strconvQuote(s)
}

func strconvQuote(s string) string { return `"` + s + `"` }

// TestTestSet scores Find on the annotated test set with mentions built from
// the annotated entities, so that it measures quotation detection and
// attribution without the tagger.
func TestTestSet(t *testing.T) {
	ts := LoadTestSet(t)
	var s Score
	for _, d := range ts.Documents {
		qs, ents := analyze(t, d.Text, d.Entities)
		var got []Predicted
		for _, q := range qs {
			p := Predicted{Start: q.Start, End: q.End}
			switch {
			case q.Entity >= 0:
				p.Speaker = ents[q.Entity].Name
			case q.SpeakerEnd > q.SpeakerStart:
				p.Speaker = d.Text[q.SpeakerStart:q.SpeakerEnd]
			}
			got = append(got, p)
		}
		s.Add(d, got)
	}
	for _, f := range s.Failures {
		t.Log(f)
	}
	t.Logf("detection: tp=%d fp=%d fn=%d F1=%.3f; attribution: %d/%d = %.3f (of %d annotated with a speaker)",
		s.TP, s.FP, s.FN, s.F1(), s.Right, s.WithSpeaker, s.Accuracy(), s.AllWithSpeaker)
	// Floors: the measured figures (F1 1.000, accuracy 0.986 on 287
	// quotations) less a margin, above the targets of 0.95 and 0.85.
	const minF1, minAccuracy = 0.97, 0.94
	if s.F1() < minF1 {
		t.Errorf("detection F1 = %.3f; want >= %.2f", s.F1(), minF1)
	}
	if s.Accuracy() < minAccuracy {
		t.Errorf("attribution accuracy = %.3f; want >= %.2f", s.Accuracy(), minAccuracy)
	}
}
