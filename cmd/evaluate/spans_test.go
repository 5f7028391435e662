package main

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/ner"
)

// readIOB2 must build the same texts and gold spans as
// ../shared/tools/uner2jsonl.py, whose output for testdata/tiny.iob2 is
// testdata/tiny-iob2.{docs,gold}.jsonl.
func TestReadIOB2MatchesUner2jsonl(t *testing.T) {
	t.Parallel()
	got, err := readIOB2(filepath.Join("testdata", "tiny.iob2"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := readSpanDocs(filepath.Join("testdata", "tiny-iob2.docs.jsonl"), filepath.Join("testdata", "tiny-iob2.gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readIOB2 =\n%+v\nwant (uner2jsonl.py)\n%+v", got, want)
	}
}

func TestCodePoints(t *testing.T) {
	t.Parallel()
	s := "aé😀b"
	want := []int{0, 1, 1, 2, 2, 2, 2, 3, 4}
	if got := codePoints(s); !reflect.DeepEqual(got, want) {
		t.Errorf("codePoints(%q) = %v; want %v", s, got, want)
	}
}

func TestChangeCaseKeepsCodePoints(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"lower", "upper", "title"} {
		s := "Zoë met İstanbul's ΣΟΦΙΑ"
		got := changeCase(s, mode)
		if len([]rune(got)) != len([]rune(s)) {
			t.Errorf("changeCase(%q, %s) = %q: %d code points, want %d", s, mode, got, len([]rune(got)), len([]rune(s)))
		}
	}
	if got := changeCase("Paris", "lower"); got != "paris" {
		t.Errorf("changeCase lower = %q", got)
	}
}

func TestEvaluateSpansAndGenres(t *testing.T) {
	t.Parallel()
	m, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	ex, err := extractor.New(extractor.WithModel(m))
	if err != nil {
		t.Fatal(err)
	}
	docs := []spanDoc{{id: "GUM_news_test", text: "Angela Merkel visited Paris on Monday."}}
	docs[0].gold = nil
	sc, err := evaluateSpans(context.Background(), ex, nil, docs, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	c := sc.all.Micro("PER", "LOC", "ORG")
	if c.Predicted < 2 || c.Gold != 0 {
		t.Errorf("counts %+v; want at least Angela Merkel and Paris predicted, no gold", c)
	}
	if sc.byGenre["news"] == nil {
		t.Errorf("no score for genre news: %v", sc.byGenre)
	}
	var b strings.Builder
	writeGenres(&b, sc.byGenre)
	if !strings.Contains(b.String(), "| news |") {
		t.Errorf("genre table lacks news:\n%s", b.String())
	}
}

func TestGenreOfID(t *testing.T) {
	for id, want := range map[string]string{
		"GUM_news_iodine":                  "news",
		"reviews-123456-0001":              "reviews",
		"syllabus_1":                       "syllabus",
		"syllabus_x":                       "",
		"email-enronsent29_01":             "email",
		"dev-3":                            "",
		"_1":                               "",
		"GUM_academic_exposure_extra_part": "academic",
	} {
		if got := (spanDoc{id: id}).genre(); got != want {
			t.Errorf("genre of %q = %q, want %q", id, got, want)
		}
	}
}

func TestPiecesBySentence(t *testing.T) {
	text := "Anna Lee met Bob.\nHe left for Oslo. Then it rained."
	if got := pieces(text); len(got) != 1 || got[0] != [2]int{0, len(text)} {
		t.Errorf("pieces without -sentences = %v; want the whole text", got)
	}
	bySentence = true
	defer func() { bySentence = false }()
	var got []string
	for _, p := range pieces(text) {
		got = append(got, text[p[0]:p[1]])
	}
	if want := []string{"Anna Lee met Bob.", "He left for Oslo.", "Then it rained."}; !slices.Equal(got, want) {
		t.Errorf("pieces with -sentences = %q; want %q", got, want)
	}
}
