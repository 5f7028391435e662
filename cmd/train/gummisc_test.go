package main

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner/conll"
)

func TestAddGUMMisc(t *testing.T) {
	t.Parallel()
	doc := conll.Document{Sentences: []conll.Sentence{
		{Tokens: []string{"Cyclone", "Phailin", "hit", "Odisha", "on", "Monday", "."}, Tags: []string{"O", "O", "O", "B-LOC", "O", "O", "O"}},
		{Tokens: []string{"It", "'s", "the", "IMD", "."}, Tags: []string{"O", "O", "O", "O", "O"}},
	}}
	n, err := addGUMMisc([]conll.Document{doc}, []string{"GUM_news_tiny"}, filepath.Join("testdata", "gum"))
	if err != nil {
		t.Fatal(err)
	}
	// The event's name is MISC; the place keeps its tag; a time ("Monday")
	// is no name; the innermost mention decides ("IMD" is an object here).
	want := [][]string{{"B-MISC", "I-MISC", "O", "B-LOC", "O", "O", "O"}, {"O", "O", "O", "B-MISC", "O"}}
	for i, s := range doc.Sentences {
		if !slices.Equal(s.Tags, want[i]) {
			t.Errorf("sentence %d tags %v; want %v", i, s.Tags, want[i])
		}
	}
	if n != 2 {
		t.Errorf("labelled %d names; want 2", n)
	}
}

// On the shared GUM training data every document lines up with its CoNLL-U
// file and the other names found are many.
func TestAddGUMMiscShared(t *testing.T) {
	t.Parallel()
	data := filepath.Join("..", "..", "..", "shared", "data", "gum")
	docs, err := readDocs(filepath.Join(data, "train.conll"))
	if err != nil {
		t.Skipf("GUM data not found (%v): skipping", err)
	}
	ids, err := docIDs(filepath.Join(data, "train.docs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		words, err := readGUMWords(filepath.Join(data, "conllu", ids[i]+".conllu"))
		if err != nil {
			t.Fatal(err)
		}
		if len(words) != d.NumTokens() {
			t.Errorf("%s: %d CoNLL-U words, %d NER tokens", ids[i], len(words), d.NumTokens())
		}
	}
	n, err := addGUMMisc(docs, ids, filepath.Join(data, "conllu"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d names labelled MISC", n)
	if n < 500 {
		t.Errorf("only %d names labelled MISC", n)
	}
}
