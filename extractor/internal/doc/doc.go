// Package doc is the document the rule stages share: built once per call
// from the tokens and sentences, it holds what every stage would otherwise
// rebuild: each token's lower-case form, sentence and paragraph, whether it
// sits inside quotation marks, and the kinds of mention.
//
// Basic usage:
//
//	d := doc.New(text, toks, sents)
//	for i := range d.Toks {
//		if d.Lower[i] == "he" && !d.InQuote[i] { ... }
//	}
package doc

import (
	"strings"

	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Kind is what kind of words a mention is.
type Kind uint8

// The kinds of mention.
const (
	Proper  Kind = iota // a name: "Vladimir Putin", "Putin"
	Nominal             // a description: "the president", "the company"
	Pronoun             // a pronoun: "he", "its"
)

func (k Kind) String() string {
	switch k {
	case Nominal:
		return "nominal"
	case Pronoun:
		return "pronoun"
	}
	return "proper"
}

// Document is one text with its tokens and sentences and the indexes built
// on them. It is read-only once built.
type Document struct {
	Text    string
	Toks    []tokenize.Token
	Sents   []segment.Sentence
	Lower   []string // lower-case form of each token
	TokSent []int    // sentence of each token, -1 outside every sentence
	TokPara []int    // paragraph of each token
	InQuote []bool   // the token is inside a pair of quotation marks of its paragraph
}

// New builds the document for text, its tokens and its sentences.
func New(text string, toks []tokenize.Token, sents []segment.Sentence) *Document {
	n := len(toks)
	d := &Document{Text: text, Toks: toks, Sents: sents,
		Lower: make([]string, n), TokSent: make([]int, n), TokPara: make([]int, n), InQuote: make([]bool, n)}
	d.lowerTokens()
	for i := range toks {
		d.TokSent[i] = -1
	}
	para := 0
	for si, s := range sents {
		para = s.Paragraph
		for i := max(s.First, 0); i < s.Last && i < n; i++ {
			d.TokSent[i] = si
			d.TokPara[i] = para
		}
	}
	for i := range d.TokPara {
		if d.TokSent[i] < 0 && i > 0 {
			d.TokPara[i] = d.TokPara[i-1]
		}
	}
	d.markQuotes()
	return d
}

// lowerTokens sets d.Lower. A token already in lower case is its own
// lower-case form; the ASCII ones that are not are lowered into one string
// made for them all, and the others one by one.
func (d *Document) lowerTokens() {
	var buf []byte
	for i, t := range d.Toks {
		w := t.Text
		ascii, upper := asciiCase(w)
		switch {
		case !ascii:
			d.Lower[i] = strings.ToLower(w)
		case upper:
			for j := 0; j < len(w); j++ {
				c := w[j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			// d.Lower[i] stays "" until buf is a string (a token is never
			// empty).
		default:
			d.Lower[i] = w
		}
	}
	lowered := string(buf)
	for i, t := range d.Toks {
		if d.Lower[i] == "" {
			d.Lower[i], lowered = lowered[:len(t.Text)], lowered[len(t.Text):]
		}
	}
}

// asciiCase reports whether s is all ASCII and, if so, whether it has a
// capital letter.
func asciiCase(s string) (ascii, upper bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80:
			return false, false
		case 'A' <= c && c <= 'Z':
			upper = true
		}
	}
	return true, upper
}

// markQuotes marks the tokens between an opening and a closing quotation
// mark of the same paragraph. Straight quotes alternate; curly ones and
// guillemets open and close by their shape. A single quote counts only as a
// token of its own that opens before a word or closes after one (not an
// apostrophe: "players' union"). A mark left open at the end of its
// paragraph marks nothing.
func (d *Document) markQuotes() {
	open := [2]int{-1, -1} // double, single
	for i, t := range d.Toks {
		for q := range open {
			if open[q] >= 0 && d.TokPara[i] != d.TokPara[open[q]] {
				open[q] = -1
			}
		}
		switch t.Text {
		case "“", "«", "„":
			open[0] = i
		case "”", "»":
			d.close(&open[0], i)
		case "\"", "``", "''":
			if open[0] >= 0 {
				d.close(&open[0], i)
			} else {
				open[0] = i
			}
		case "‘":
			open[1] = i
		case "’", "'":
			switch {
			case open[1] >= 0 && d.glued(i-1, i):
				d.close(&open[1], i)
			case t.Text == "'" && open[1] < 0 && d.glued(i, i+1) && !d.glued(i-1, i):
				open[1] = i
			}
		}
	}
}

// glued reports whether tokens a and b touch, with no space between them.
func (d *Document) glued(a, b int) bool {
	return a >= 0 && b < len(d.Toks) && d.Toks[a].End == d.Toks[b].Start
}

func (d *Document) close(open *int, i int) {
	if *open >= 0 {
		d.mark(*open, i)
	}
	*open = -1
}

func (d *Document) mark(open, close int) {
	for k := open + 1; k < close; k++ {
		d.InQuote[k] = true
	}
}

// SentenceOf returns the index of the sentence that holds token i, or -1.
func (d *Document) SentenceOf(i int) int {
	if i < 0 || i >= len(d.TokSent) {
		return -1
	}
	return d.TokSent[i]
}
