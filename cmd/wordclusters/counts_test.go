package main

import (
	"slices"
	"testing"
)

func TestCounterUsesProjectTokenizer(t *testing.T) {
	t.Parallel()
	c := newCounter()
	c.add("Lukashenka’s aides met in Minsk. They left (quickly).")
	var got []string
	for _, id := range c.stream {
		got = append(got, c.words[id])
	}
	want := []string{"</s>", "Lukashenka", "’s", "aides", "met", "in", "Minsk", ".", "</s>",
		"They", "left", "(", "quickly", ")", ".", "</s>"}
	if !slices.Equal(got, want) {
		t.Errorf("stream = %q;\nwant %q", got, want)
	}
}

func TestFinishVocabularyAndBigrams(t *testing.T) {
	t.Parallel()
	c := newCounter()
	c.addWords([]string{"a", "b", "a", "rare"})
	c.addWords([]string{"b", "a"})
	cp := c.finish(2, 0)
	wantWords := []string{boundaryWord, unknownWord, "a", "b"}
	if !slices.Equal(cp.words, wantWords) {
		t.Fatalf("words = %q; want %q", cp.words, wantWords)
	}
	wantCounts := []int64{2, 1, 3, 2}
	if !slices.Equal(cp.counts, wantCounts) {
		t.Errorf("counts = %v; want %v", cp.counts, wantCounts)
	}
	// stream: </s> a b a <unk> </s> b a </s>
	want := []bigram{
		{boundaryID, 2, 1}, {boundaryID, 3, 1},
		{unknownID, boundaryID, 1},
		{2, boundaryID, 1}, {2, unknownID, 1}, {2, 3, 1},
		{3, 2, 2},
	}
	if !slices.Equal(cp.bigrams, want) {
		t.Errorf("bigrams = %v; want %v", cp.bigrams, want)
	}
	tests := []struct {
		minCount int64
		maxVocab int
		want     []string
	}{
		{1, 0, []string{"a", "b", "rare"}},
		{1, 3, []string{"a", "b", "rare"}},
		{1, 2, []string{"a", "b"}},
		{1, 1, []string{"a"}},
		{3, 0, []string{"a"}},
		{4, 0, nil},
	}
	for _, tt := range tests {
		cp := c.finish(tt.minCount, tt.maxVocab)
		if got := cp.words[numSpecial:]; !slices.Equal(got, tt.want) {
			t.Errorf("finish(%d, %d) kept %q; want %q", tt.minCount, tt.maxVocab, got, tt.want)
		}
	}
	// A cut inside a run of equal counts drops the whole run.
	c2 := newCounter()
	c2.addWords([]string{"x", "x", "y", "z"})
	if got := c2.finish(1, 2).words[numSpecial:]; !slices.Equal(got, []string{"x"}) {
		t.Errorf("finish(1, 2) with y and z tied kept %q; want [x]", got)
	}
}
