package segment

import (
	"fmt"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/tokenize"
)

func TestSentences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"period", "He met Mr. Smith. Then he left.", []string{"He met Mr. Smith.", "Then he left."}},
		{"closing quote stays", "Then “it is over.” She left.", []string{"Then “it is over.”", "She left."}},
		{"company suffix ends", "She left Acme Corp. Next day he came.", []string{"She left Acme Corp.", "Next day he came."}},
		{"a bracket after a company suffix", `It sued Acme, Inc. ("Acme") on Monday.`, []string{`It sued Acme, Inc. ("Acme") on Monday.`}},
		{"initial does not end", "J. Smith met U.S. officials.", []string{"J. Smith met U.S. officials."}},
		{"line break ends", "BRUSSELS 1996-08-22\nThe EU said", []string{"BRUSSELS 1996-08-22", "The EU said"}},
		{"lower case goes on", "It rose 5 p.m. on Friday. and fell", []string{"It rose 5 p.m. on Friday. and fell"}},
		{"question", "Why? Because.", []string{"Why?", "Because."}},
		{"straight closing quote stays", `"I played well . " He left .`, []string{`"I played well . "`, "He left ."}},
		{"straight opening quote starts", `He left . "We won , " he said .`, []string{"He left .", `"We won , " he said .`}},
		{"headline abbreviation", "BASEBALL - ST. LOUIS WIN . GOV. QUITS", []string{"BASEBALL - ST. LOUIS WIN .", "GOV. QUITS"}},
		{"wrapped line goes on", "Adia said it\nagreed to sell shares.\nThe sale", []string{"Adia said it\nagreed to sell shares.", "The sale"}},
		{"blank line ends", "Adia said it\n\nagreed", []string{"Adia said it", "agreed"}},
		{"quote ending a line closes", "I lost . \"\nHe left .", []string{"I lost . \"", "He left ."}},
		{"quote after a period closes", `He said "I won." Then he left.`, []string{`He said "I won."`, "Then he left."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			toks := tokenize.Tokenize(tt.text)
			var got []string
			for _, s := range Sentences(tt.text, toks) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Sentences(%q) = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	t.Parallel()
	text := "One. Two.\nThree.\n\nFour."
	var got []int
	for _, s := range Sentences(text, tokenize.Tokenize(text)) {
		got = append(got, s.Paragraph)
	}
	if want := []int{0, 0, 1, 2}; !equal(got, want) {
		t.Errorf("paragraphs of %q = %v; want %v", text, got, want)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BenchmarkSentencesMarks runs on text made only of closing marks, which once
// took quadratic time: the ns/op of the two sizes should differ about 4×.
func BenchmarkSentencesMarks(b *testing.B) {
	for _, size := range []int{64 << 10, 256 << 10} {
		text := strings.Repeat("\" ' ", size/4)
		toks := tokenize.Tokenize(text)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Sentences(text, toks)
			}
		})
	}
}

func TestMaxTokens(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("word ", 2*MaxTokens+10)
	toks := tokenize.Tokenize(text)
	sents := Sentences(text, toks)
	if len(sents) != 3 {
		t.Fatalf("Sentences of %d unpunctuated words gave %d sentences; want 3", len(toks), len(sents))
	}
	for _, s := range sents {
		if n := s.Last - s.First; n > MaxTokens {
			t.Errorf("sentence of %d tokens; want at most %d", n, MaxTokens)
		}
	}
}
