package quote

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// testSet is the annotated test set in testdata/quotes.json.
type testSet struct {
	Documents []testDoc `json:"documents"`
}

type testDoc struct {
	ID       string       `json:"id"`
	Text     string       `json:"text"`
	Entities []entitySpec `json:"entities"`
	Quotes   []goldQuote  `json:"quotes"`
}

type goldQuote struct {
	Text    string  `json:"text"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Speaker *string `json:"speaker"`
}

func loadTestSet(tb testing.TB) testSet {
	tb.Helper()
	b, err := os.ReadFile("testdata/quotes.json")
	if err != nil {
		tb.Fatal(err)
	}
	var ts testSet
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
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	}) {
		if w != "a" && w != "an" && w != "the" && w != "'s" {
			out = append(out, w)
		}
	}
	return out
}

// score holds detection and attribution counts.
type score struct {
	tp, fp, fn         int // quotations, exact span
	withSpeaker, right int // detected quotations with an annotated speaker, and how many got the right one
	allWithSpeaker     int // annotated quotations with a speaker
	unattributedWrong  int // quotations annotated without a speaker that got one
	failures           []string
}

func (s score) f1() float64 {
	if s.tp == 0 {
		return 0
	}
	p := float64(s.tp) / float64(s.tp+s.fp)
	r := float64(s.tp) / float64(s.tp+s.fn)
	return 2 * p * r / (p + r)
}

func (s score) accuracy() float64 {
	if s.withSpeaker == 0 {
		return 0
	}
	return float64(s.right) / float64(s.withSpeaker)
}

// predicted is one quotation found by the system under test.
type predicted struct {
	start, end int
	speaker    string // canonical name, or the attributing words, or ""
}

// scoreDoc compares the quotations found in d with the annotated ones.
func scoreDoc(s *score, d testDoc, got []predicted) {
	byStart := map[[2]int]predicted{}
	for _, p := range got {
		byStart[[2]int{p.start, p.end}] = p
	}
	gold := map[[2]int]bool{}
	for _, q := range d.Quotes {
		key := [2]int{q.Start, q.End}
		gold[key] = true
		if q.Speaker != nil {
			s.allWithSpeaker++
		}
		p, ok := byStart[key]
		if !ok {
			s.fn++
			s.failures = append(s.failures, d.ID+": missed "+trunc(q.Text))
			continue
		}
		s.tp++
		if q.Speaker == nil {
			if p.speaker != "" {
				s.unattributedWrong++
			}
			continue
		}
		s.withSpeaker++
		if SameSpeaker(p.speaker, *q.Speaker) {
			s.right++
		} else {
			s.failures = append(s.failures, d.ID+": "+trunc(q.Text)+" speaker "+strconvQuote(p.speaker)+", want "+strconvQuote(*q.Speaker))
		}
	}
	for _, p := range got {
		if !gold[[2]int{p.start, p.end}] {
			s.fp++
			s.failures = append(s.failures, d.ID+": spurious "+trunc(d.Text[p.start:p.end]))
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
	ts := loadTestSet(t)
	var s score
	for _, d := range ts.Documents {
		qs, ents := analyze(t, d.Text, d.Entities)
		var got []predicted
		for _, q := range qs {
			p := predicted{start: q.Start, end: q.End}
			switch {
			case q.Entity >= 0:
				p.speaker = ents[q.Entity].Name
			case q.SpeakerEnd > q.SpeakerStart:
				p.speaker = d.Text[q.SpeakerStart:q.SpeakerEnd]
			}
			got = append(got, p)
		}
		scoreDoc(&s, d, got)
	}
	for _, f := range s.failures {
		t.Log(f)
	}
	t.Logf("detection: tp=%d fp=%d fn=%d F1=%.3f; attribution: %d/%d = %.3f (of %d annotated with a speaker)",
		s.tp, s.fp, s.fn, s.f1(), s.right, s.withSpeaker, s.accuracy(), s.allWithSpeaker)
	const minF1, minAccuracy = 0.95, 0.85
	if s.f1() < minF1 {
		t.Errorf("detection F1 = %.3f; want >= %.2f", s.f1(), minF1)
	}
	if s.accuracy() < minAccuracy {
		t.Errorf("attribution accuracy = %.3f; want >= %.2f", s.accuracy(), minAccuracy)
	}
}
