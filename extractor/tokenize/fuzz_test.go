package tokenize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"", " ", "Lukashenka’s visit to Sochi (Reuters) - U.S. Gov. Smith paid $1.5 million.",
		"Write to jane.doe@example.com or see https://example.com/a?b=c.",
		"“Don’t,” he said. 'I can't.' 26-year-old +44 .596 1. Mark",
		"東京で会議 — Привет, мир! 👩🏽‍💻 e\u0301",
		"\xff\xfe broken \xc3 utf8", "1-6 6- 4 multi- ethnic ... -- ``quoted''",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		var rebuilt, want strings.Builder
		prev := 0
		for i, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
				t.Fatalf("token %d %+v out of order or outside the text (len %d, previous end %d)", i, tk, len(text), prev)
			}
			if text[tk.Start:tk.End] != tk.Text {
				t.Fatalf("token %d text %q; text[%d:%d] = %q", i, tk.Text, tk.Start, tk.End, text[tk.Start:tk.End])
			}
			gap := text[prev:tk.Start]
			if strings.TrimFunc(gap, func(r rune) bool { return isSpace(r, utf8.RuneLen(r)) && r != utf8.RuneError }) != "" {
				t.Fatalf("non-space bytes %q skipped before token %d", gap, i)
			}
			rebuilt.WriteString(tk.Text)
			prev = tk.End
		}
		if rest := text[prev:]; strings.TrimFunc(rest, func(r rune) bool { return isSpace(r, utf8.RuneLen(r)) && r != utf8.RuneError }) != "" {
			t.Fatalf("non-space bytes %q after the last token", rest)
		}
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isSpace(r, size) {
				want.WriteString(text[i : i+size])
			}
			i += size
		}
		if rebuilt.String() != want.String() {
			t.Fatalf("tokens rebuild %q; want the non-space bytes %q", rebuilt.String(), want.String())
		}
	})
}
