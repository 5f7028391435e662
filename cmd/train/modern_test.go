package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner/conll"
)

func TestReadModern(t *testing.T) {
	t.Parallel()
	docs, skipped, err := readModern(filepath.Join("..", "..", "extractor", "testdata", "modern"), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || skipped != 0 {
		t.Fatalf("%d documents, %d mentions skipped; want 1 and 0", len(docs), skipped)
	}
	var names []string
	for _, s := range docs[0].Sentences {
		for _, sp := range spansOf(s.Tokens, s.Tags) {
			names = append(names, sp)
		}
	}
	got := strings.Join(names, "|")
	for _, want := range []string{"LOC WASHINGTON", "ORG Reuters", "ORG Federal Reserve", "PER Jerome Powell", "ORG Goldman Sachs"} {
		if !strings.Contains(got, want) {
			t.Errorf("names %q lack %q", got, want)
		}
	}
}

// The held-out batch of modern stories must never become training text.
func TestModernTrainingStopsBeforeHeldOutBatch(t *testing.T) {
	t.Parallel()
	if modernTrainLast > 48 {
		t.Errorf("modernTrainLast = %d; stories 49-72 are the held-out batch", modernTrainLast)
	}
}

func spansOf(tokens, tags []string) []string {
	var out []string
	for i := 0; i < len(tags); i++ {
		if tags[i] == "O" {
			continue
		}
		typ := tags[i][2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ {
			j++
		}
		out = append(out, typ+" "+strings.Join(tokens[i:j], " "))
		i = j - 1
	}
	return out
}

func TestResegment(t *testing.T) {
	t.Parallel()
	d := conll.Document{Sentences: []conll.Sentence{
		{Tokens: []string{"Thanks", ",", "Phillip"}, Tags: []string{"O", "O", "B-PER"}},
		{Tokens: []string{"Jim", ",", "take", "a", "look", "."}, Tags: []string{"B-PER", "O", "O", "O", "O", "O"}},
		{Tokens: []string{"It", "is", "in", "New", "York", ".", "See", "you", "."}, Tags: []string{"O", "O", "O", "B-LOC", "I-LOC", "O", "O", "O", "O"}},
	}}
	got := resegment(d)
	var sents []string
	for _, s := range got.Sentences {
		sents = append(sents, strings.Join(s.Tokens, " "))
	}
	want := []string{"Thanks , Phillip Jim , take a look .", "It is in New York .", "See you ."}
	if strings.Join(sents, "|") != strings.Join(want, "|") {
		t.Errorf("sentences %q; want %q", sents, want)
	}
	if names := strings.Join(spansOf(got.Sentences[0].Tokens, got.Sentences[0].Tags), "|"); names != "PER Phillip|PER Jim" {
		t.Errorf("names %q; want Phillip and Jim apart", names)
	}
}
