package extractor_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

var update = flag.Bool("update", false, "update golden files")

var (
	defaultOnce sync.Once
	defaultEx   *extractor.Extractor
	defaultErr  error
)

// newExtractor returns an extractor with the embedded model, built once.
func newExtractor(tb testing.TB) *extractor.Extractor {
	tb.Helper()
	defaultOnce.Do(func() { defaultEx, defaultErr = extractor.New() })
	if defaultErr != nil {
		tb.Fatalf("extractor.New() error: %v", defaultErr)
	}
	return defaultEx
}

// extractText runs the extractor on text, skipping the test while the NER
// model is a placeholder that finds nothing.
func extractText(tb testing.TB, text string) *extractor.Result {
	tb.Helper()
	res, err := newExtractor(tb).Extract(context.Background(), text)
	if err != nil {
		tb.Fatalf("Extract error: %v", err)
	}
	if len(res.Entities) == 0 {
		tb.Skip("the embedded NER model finds no entities (placeholder model?): golden output needs the trained model")
	}
	return res
}

// The golden form of a Result: spans, texts and rounded saliences, so that
// the files read well in a diff. Confidences are left out: they move with
// every retraining of the model while the entities stay the same;
// TestSampleEntities checks their range.
type goldenResult struct {
	Entities []goldenEntity `json:"entities"`
	Money    []goldenMoney  `json:"money"`
	Quotes   []goldenQuote  `json:"quotes"`
}

type goldenEntity struct {
	ID       string          `json:"id"`
	Type     string          `json:"type"`
	Name     string          `json:"name"`
	Roles    []string        `json:"roles,omitempty"`
	Salience float64         `json:"salience"`
	Mentions []goldenMention `json:"mentions"`
}

type goldenMention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Kind  string `json:"kind,omitempty"` // "nominal" or "pronoun"; empty for a name
}

type goldenMoney struct {
	goldenMention
	Currency    string `json:"currency"`
	Value       string `json:"value"`
	Upper       string `json:"upper,omitempty"`
	Approximate bool   `json:"approximate,omitempty"`
}

type goldenQuote struct {
	goldenMention
	Speaker         string         `json:"speaker,omitempty"`
	SpeakerMention  *goldenMention `json:"speakerMention,omitempty"`
	SpeakerEntityID string         `json:"speakerEntityId,omitempty"`
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func toGolden(res *extractor.Result) goldenResult {
	g := goldenResult{Entities: []goldenEntity{}, Money: []goldenMoney{}, Quotes: []goldenQuote{}}
	for _, e := range res.Entities {
		ge := goldenEntity{ID: e.ID, Type: e.Type.String(), Name: e.Name, Roles: e.Roles, Salience: round2(e.Salience)}
		for _, m := range e.Mentions {
			ge.Mentions = append(ge.Mentions, goldenMention{m.Start, m.End, m.Text, kindName(m.Kind)})
		}
		g.Entities = append(g.Entities, ge)
	}
	for _, m := range res.Money {
		gm := goldenMoney{goldenMention: goldenMention{Start: m.Start, End: m.End, Text: m.Text}, Currency: m.Currency,
			Value: m.Value.String(), Approximate: m.Approximate}
		if m.Upper != nil {
			gm.Upper = m.Upper.String()
		}
		g.Money = append(g.Money, gm)
	}
	for _, q := range res.Quotes {
		gq := goldenQuote{goldenMention: goldenMention{Start: q.Start, End: q.End, Text: q.Text}, Speaker: q.Speaker, SpeakerEntityID: q.SpeakerEntityID}
		if q.SpeakerMention != nil {
			gq.SpeakerMention = &goldenMention{Start: q.SpeakerMention.Start, End: q.SpeakerMention.End, Text: q.SpeakerMention.Text}
		}
		g.Quotes = append(g.Quotes, gq)
	}
	return g
}

// TestGolden runs the whole extractor on each testdata/*.txt and compares the
// result with testdata/*.golden.json. Run with -update to rewrite the golden
// files, then review the diff as you would code.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.txt inputs")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			res := extractText(t, string(text))
			got, err := json.MarshalIndent(toGolden(res), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(in, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Extract(%s) differs from %s (go test -run TestGolden -update rewrites it):\n%s", in, golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff describes the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			var b strings.Builder
			for j := max(0, i-3); j < min(i+4, max(len(w), len(g))); j++ {
				if j < len(w) && j < len(g) && w[j] == g[j] {
					fmt.Fprintf(&b, "  %4d %s\n", j+1, w[j])
					continue
				}
				if j < len(w) {
					fmt.Fprintf(&b, "- %4d %s\n", j+1, w[j])
				}
				if j < len(g) {
					fmt.Fprintf(&b, "+ %4d %s\n", j+1, g[j])
				}
			}
			return b.String()
		}
	}
	return "(no line differs)"
}

// TestSampleEntities checks what the sample article must give whatever the
// golden file says: one entity each for the four main names, holding every
// mention of them, and none for the nationality adjectives.
func TestSampleEntities(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("testdata", "putin-lukashenka-sochi.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res := extractText(t, string(text))
	for _, want := range []struct {
		typ   extractor.EntityType
		name  string
		forms []string // every whole-word occurrence of these is a mention of the entity
	}{
		{extractor.Person, "Vladimir Putin", []string{"Vladimir Putin", "Putin"}},
		{extractor.Person, "Alyaksandr Lukashenka", []string{"Alyaksandr Lukashenka", "Lukashenka"}},
		{extractor.Person, "Aleksei Navalny", []string{"Aleksei Navalny", "Navalny"}},
		{extractor.Organization, "European Union", []string{"European Union", "EU"}},
	} {
		var found []extractor.Entity
		for _, e := range res.Entities {
			for _, m := range e.Mentions {
				if containsString(want.forms, m.Text) {
					found = append(found, e)
					break
				}
			}
		}
		if len(found) != 1 {
			t.Errorf("%d entities mention %q; want 1: %+v", len(found), want.forms, found)
			continue
		}
		e := found[0]
		if e.Name != want.name || e.Type != want.typ {
			t.Errorf("entity of %q = %v %q; want %v %q", want.forms, e.Type, e.Name, want.typ, want.name)
		}
		wantSpans := wordSpans(string(text), want.forms)
		var got []extractor.Span
		for _, m := range e.Mentions {
			if m.Kind == extractor.Proper {
				got = append(got, m.Span)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(wantSpans) {
			t.Errorf("mentions of %q = %v; want %v", want.name, got, wantSpans)
		}
	}
	sum := 0.0
	for _, e := range res.Entities {
		sum += e.Salience
		if !(e.Confidence > 0 && e.Confidence <= 1) || !(e.Salience >= 0 && e.Salience <= 1) {
			t.Errorf("entity %q: Confidence = %v, Salience = %v; want both in [0,1] (confidence above 0)", e.Name, e.Confidence, e.Salience)
		}
		for _, m := range e.Mentions {
			if m.Text == "Russian" || m.Text == "Belarusian" {
				t.Errorf("entity %v %q has the mention %q; nationality adjectives are not entities", e.Type, e.Name, m.Text)
			}
		}
	}
	if sum > 1 {
		t.Errorf("saliences sum to %v; want at most 1", sum)
	}
}

// wordSpans returns the spans of the whole-word occurrences of forms in text,
// longest form first where they overlap, in text order.
func wordSpans(text string, forms []string) []extractor.Span {
	alts := make([]string, len(forms))
	for i, f := range forms {
		alts[i] = regexp.QuoteMeta(f)
	}
	re := regexp.MustCompile(`\b(?:` + strings.Join(alts, "|") + `)\b`)
	var out []extractor.Span
	for _, loc := range re.FindAllStringIndex(text, -1) {
		out = append(out, extractor.Span{Start: loc[0], End: loc[1]})
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// BenchmarkExtractSample times the whole extractor on the sample article;
// compare with BenchmarkGroupSample for the share of mention grouping.
func BenchmarkExtractSample(b *testing.B) {
	text := readSample(b)
	ex := newExtractor(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	var n int
	for b.Loop() {
		res, err := ex.Extract(ctx, text)
		if err != nil {
			b.Fatal(err)
		}
		n = len(res.Entities)
	}
	b.ReportMetric(float64(n), "entities/op")
}

// BenchmarkGroupSample times mention.Group and mention.Rank alone on the
// sample article's tags.
func BenchmarkGroupSample(b *testing.B) {
	text := readSample(b)
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
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	var n int
	for b.Loop() {
		ents := mention.Group(text, toks, sents, tags)
		mention.Rank(text, ents, sents, nil)
		n = len(ents)
	}
	b.ReportMetric(float64(len(tags)), "mentions/op")
	b.ReportMetric(float64(n), "entities/op")
}

func readSample(tb testing.TB) string {
	tb.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", "putin-lukashenka-sochi.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(text)
}

// kindName names a description or pronoun mention's kind, and is empty for a
// name.
func kindName(k extractor.MentionKind) string {
	if k == extractor.Proper {
		return ""
	}
	return k.String()
}

// TestListedOrganizationCue checks that the extractor gives mention grouping
// the model's lists of organizations: "Apple", a common word the tagger
// leaves untagged at the start of a sentence, is an organization before
// "said".
func TestListedOrganizationCue(t *testing.T) {
	res := extractText(t, "Apple said sales rose.")
	if len(res.Entities) != 1 || res.Entities[0].Name != "Apple" || res.Entities[0].Type != extractor.Organization {
		t.Errorf("entities of %q = %+v; want the organization Apple", "Apple said sales rose.", res.Entities)
	}
}
