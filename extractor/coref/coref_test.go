package coref

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// testCase is one case of testdata/cases.json: a text and what some of its
// words must (or must not) refer to.
type testCase struct {
	Name     string `json:"name"`
	Text     string `json:"text"`
	Mentions []struct {
		Words  string `json:"words"`  // the words, matched as whole words
		Nth    int    `json:"nth"`    // which occurrence of them, from 1 (0 means 1)
		Entity string `json:"entity"` // the canonical name of the entity they refer to, "" for none
		Sieve  string `json:"sieve"`  // the sieve that must decide
	} `json:"mentions"`
	Joined [][2]string `json:"joined"` // names that must be mentions of one entity
}

func loadCases(tb testing.TB, path string) []testCase {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var cases []testCase
	if err := json.Unmarshal(b, &cases); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return cases
}

// run takes text through the stages before coreference, then Trace.
func run(tb testing.TB, text string) (*doc.Document, []mention.Entity, []Decision) {
	tb.Helper()
	m, err := ner.Default()
	if err != nil {
		tb.Fatal(err)
	}
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	tags, err := m.Tag(context.Background(), text, toks, sents)
	if err != nil {
		tb.Fatal(err)
	}
	d := doc.New(text, toks, sents)
	ents, decided := Trace(d, mention.Group(text, toks, sents, tags))
	return d, ents, decided
}

// byteSpan returns the byte span of the nth whole-word occurrence of words.
func byteSpan(text, words string, nth int) (int, int, bool) {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(words) + `\b`)
	locs := re.FindAllStringIndex(text, -1)
	if nth < 1 {
		nth = 1
	}
	if len(locs) < nth {
		return 0, 0, false
	}
	return locs[nth-1][0], locs[nth-1][1], true
}

func TestCases(t *testing.T) {
	for _, tc := range loadCases(t, "testdata/cases.json") {
		t.Run(tc.Name, func(t *testing.T) {
			d, ents, decided := run(t, tc.Text)
			for _, want := range tc.Mentions {
				start, end, ok := byteSpan(tc.Text, want.Words, want.Nth)
				if !ok {
					t.Fatalf("%q does not occur %d times in the text", want.Words, max(want.Nth, 1))
				}
				var got *Decision
				for i, dc := range decided {
					if d.Toks[dc.First].Start == start {
						got = &decided[i]
					}
				}
				switch {
				case want.Entity == "" && got != nil:
					t.Errorf("%q refers to %q (sieve %s); want no entity", want.Words, ents[got.Entity].Name, got.Sieve)
				case want.Entity == "":
				case got == nil:
					t.Errorf("%q refers to nothing; want %q (sieve %s)", want.Words, want.Entity, want.Sieve)
				case ents[got.Entity].Name != want.Entity || got.Sieve != want.Sieve || d.Toks[got.Last-1].End != end:
					t.Errorf("%q = %q (%q, sieve %s); want %q (sieve %s)", want.Words, tc.Text[d.Toks[got.First].Start:d.Toks[got.Last-1].End],
						ents[got.Entity].Name, got.Sieve, want.Entity, want.Sieve)
				}
			}
			for _, pair := range tc.Joined {
				if a, b := entityWith(tc.Text, ents, pair[0]), entityWith(tc.Text, ents, pair[1]); a < 0 || a != b {
					t.Errorf("%q and %q are mentions of entities %d and %d; want one", pair[0], pair[1], a, b)
				}
			}
		})
	}
}

// entityWith returns the entity with a name mention whose text is words, or -1.
func entityWith(text string, ents []mention.Entity, words string) int {
	for i, e := range ents {
		for _, m := range e.Mentions {
			if m.Kind == doc.Proper && strings.EqualFold(text[m.Start:m.End], words) {
				return i
			}
		}
	}
	return -1
}

func TestVariants(t *testing.T) {
	for _, tc := range loadCases(t, "testdata/variants.json") {
		t.Run(tc.Name, func(t *testing.T) {
			_, ents, _ := run(t, tc.Text)
			for _, pair := range tc.Joined {
				if a, b := entityWith(tc.Text, ents, pair[0]), entityWith(tc.Text, ents, pair[1]); a < 0 || a != b {
					t.Errorf("%q and %q are mentions of entities %d and %d; want one", pair[0], pair[1], a, b)
				}
			}
		})
	}
}

func TestVariantNames(t *testing.T) {
	tests := []struct {
		a, b   string
		people bool
		want   bool
	}{
		{"Lukashenka", "Lukashenko", true, true},
		{"Muhammad Ali Pate", "Mohammed Ali Pate", true, true},
		{"Mark Kelly", "Mary Kelly", true, false}, // too short to be a variant
		{"Daniel Smith", "Danielle Smith", true, false},
		{"Jackson", "Johnson", true, false},
		{"John Smith", "John Smith", true, false}, // the same name is the grouping stage's
		{"Silva", "Marina Silva", true, false},
		{"Lukashenka", "Alexander Lukashenko", true, true},
		{"Librarians", "Digital Humanities and Libraries", false, false}, // no surname
		{"Gazprom", "Gazprum", false, true},
	}
	for _, tt := range tests {
		if got := variantNames(tt.a, tt.b, tt.people); got != tt.want {
			t.Errorf("variantNames(%q, %q, %v) = %v; want %v", tt.a, tt.b, tt.people, got, tt.want)
		}
	}
}

// The mention of "I've", a token the tokenizer keeps whole, spans the "I"
// alone, as the pronoun it is.
func TestContractedPronounSpan(t *testing.T) {
	text := "Dear Margaret:\n\nWe are home from Lisbon. I've finished five chapters of my novel.\n\nYours,\n\nBill Smith"
	_, ents, _ := run(t, text)
	found := false
	for _, e := range ents {
		for _, m := range e.Mentions {
			if m.Kind == doc.Pronoun && strings.HasPrefix(text[m.Start:], "I've") {
				found = true
				if got := text[m.Start:m.End]; got != "I" {
					t.Errorf("the mention of I've spans %q; want %q", got, "I")
				}
			}
		}
	}
	if !found {
		t.Errorf("no mention of I've in %v", ents)
	}
}

// TestSievesDocumented checks that docs/ENTITIES.md describes every sieve,
// in the order they are tried.
func TestSievesDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/ENTITIES.md")
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\|").FindAllStringSubmatch(string(b), -1) {
		documented = append(documented, m[1])
	}
	var names []string
	for _, s := range sieves {
		names = append(names, s.name)
	}
	if strings.Join(documented, " ") != strings.Join(names, " ") {
		t.Errorf("docs/ENTITIES.md lists the sieves\n%v\nwant, in the order they are tried,\n%v", documented, names)
	}
}
