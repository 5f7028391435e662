package dictionary

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/tokenize"
)

// FuzzParse feeds arbitrary files to the parser in every format and builds
// a dictionary of what it accepts: no panic, every error names a line of
// the file, and every match lies on token boundaries.
func FuzzParse(f *testing.F) {
	f.Add("phrase\ttype\tid\nApple Inc.\tORGANIZATION\tAAPL\n", "x.tsv", "Apple Inc. rose.")
	f.Add("phrase,type,aliases\n\"A, B\",X,C|D\n", "x.csv", "A, B and C met D")
	f.Add(`{"phrase": "Coca-Cola", "type": "ORG", "metadata": {"a": 1}}`+"\n"+`{"pattern": "/[A-Z]+-\\d+/ <cap>? x{1,3}", "type": "T"}`, "x.jsonl", "AB-12 Big x x")
	f.Add(`{"phrases": ["’s", "-"], "type": "P", "case_sensitive": true}`, "x.jsonl", "it’s - ok")
	f.Fuzz(func(t *testing.T, file, name, text string) {
		for _, format := range []Format{JSONL, TSV, CSV} {
			entries, bad := Parse(strings.NewReader(file), name, format)
			lines := strings.Count(file, "\n") + 1
			for _, e := range bad {
				if e.Pos.Line < 1 || e.Pos.Line > lines+1 {
					t.Fatalf("Parse(%s) error at line %d of a %d-line file: %v", format, e.Pos.Line, lines, e)
				}
			}
			d, err := New(entries, Options{SkipBad: true})
			if err != nil {
				t.Fatalf("New with SkipBad: %v", err)
			}
			toks := tokenize.Tokenize(text)
			last := 0
			for _, m := range Find(text, toks, d) {
				if m.First < last || m.First >= m.Last || m.Last > len(toks) ||
					m.Start != toks[m.First].Start || m.End != toks[m.Last-1].End {
					t.Fatalf("Find(%q) = bad match %+v", text, m)
				}
				last = m.Last
				e := d.Entry(m.Entry)
				if !utf8.ValidString(e.Name) || !utf8.ValidString(e.ID) {
					t.Fatalf("entry %+v has invalid UTF-8", e)
				}
			}
		}
	})
}

// FuzzPattern compiles arbitrary patterns and runs them: no panic, and a
// match is at least one token and at most MaxPatternSlots.
func FuzzPattern(f *testing.F) {
	for _, p := range []string{`/[A-Z]{2,5}-\d{3,6}/`, `iPhone <digits> Pro? Max?`, `"Dr. No" <cap>+`,
		`<shape:XXdd> <any>* x{2,} y{0,3}`, `a? b* c+`, `/a\/b/ "q\"uote"`, `<any>+ <any>+ <any>+ <any>+`} {
		f.Add(p, "ABC-1234 iPhone 15 Pro Dr. No Big AB12 x x a/b")
	}
	f.Fuzz(func(t *testing.T, src, text string) {
		p, err := compilePattern(src, false)
		if err != nil {
			return
		}
		if len(p.slotElem) > MaxPatternSlots || p.closure(1)&p.accept != 0 {
			t.Fatalf("compilePattern(%q): %d slots, empty match %v", src, len(p.slotElem), p.closure(1)&p.accept != 0)
		}
		ts := &tokens{toks: tokenize.Tokenize(text)}
		for i := range ts.toks {
			if end := p.longest(ts, i); end != -1 && (end <= i || end-i > MaxPatternSlots || end > len(ts.toks)) {
				t.Fatalf("pattern %q at token %d of %q: end %d", src, i, text, end)
			}
		}
	})
}
