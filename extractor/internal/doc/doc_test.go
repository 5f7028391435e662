package doc

import (
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

func TestNew(t *testing.T) {
	text := "Putin spoke. “We will win,” he said. 'Yes,' the players' union said.\n\nThe \"end\" came."
	toks := tokenize.Tokenize(text)
	d := New(text, toks, segment.Sentences(text, toks))
	var quoted []string
	for i, tok := range d.Toks {
		if d.InQuote[i] {
			quoted = append(quoted, tok.Text)
		}
		if d.Lower[i] != strings.ToLower(tok.Text) {
			t.Errorf("Lower[%d] = %q; want %q", i, d.Lower[i], strings.ToLower(tok.Text))
		}
	}
	if got, want := strings.Join(quoted, " "), "We will win , Yes , end"; got != want {
		t.Errorf("quoted tokens = %q; want %q", got, want)
	}
	last := len(d.Toks) - 1
	if d.TokPara[0] != 0 || d.TokPara[last] != 1 {
		t.Errorf("TokPara[0], TokPara[last] = %d, %d; want 0, 1", d.TokPara[0], d.TokPara[last])
	}
	if d.SentenceOf(0) != 0 || d.SentenceOf(last) != len(d.Sents)-1 || d.SentenceOf(-1) != -1 {
		t.Errorf("SentenceOf gives %d, %d, %d", d.SentenceOf(0), d.SentenceOf(last), d.SentenceOf(-1))
	}
}

func TestLowerForms(t *testing.T) {
	text := "The CEO of Ünter GmbH met ÉCOLE straße heads, McDonald's and iPhone fans in NEW YORK."
	toks := tokenize.Tokenize(text)
	d := New(text, toks, segment.Sentences(text, toks))
	for i, tok := range toks {
		if want := strings.ToLower(tok.Text); d.Lower[i] != want {
			t.Errorf("Lower[%d] = %q; want %q", i, d.Lower[i], want)
		}
	}
}
