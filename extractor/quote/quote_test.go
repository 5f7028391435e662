package quote

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// quotedTexts returns the quoted words of each quotation.
func quotedTexts(text string, qs []Quote) []string {
	var out []string
	for _, q := range qs {
		out = append(out, text[q.Start:q.End])
	}
	return out
}

func TestFindDetection(t *testing.T) {
	t.Parallel()
	var tests []struct {
		Name string   `json:"name"`
		Text string   `json:"text"`
		Want []string `json:"want"` // the quoted words of each quotation
	}
	readJSON(t, "testdata/detection.json", &tests)
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			t.Parallel()
			qs, _ := analyze(t, tt.Text, nil)
			if got := quotedTexts(tt.Text, qs); !slices.Equal(got, tt.Want) {
				t.Errorf("Find(%q) quoted %q; want %q", tt.Text, got, tt.Want)
			}
			checkQuotes(t, tt.Text, qs, 0)
		})
	}
}

func TestFindMultiParagraph(t *testing.T) {
	t.Parallel()
	text := "“Our banking system remains sound,” Yellen said. “We have acted.\n“We will act again.\n“And we are watching.”\nShe left."
	qs, _ := analyze(t, text, []entitySpec{{Name: "Janet Yellen", Label: "PER"}})
	wantCont := []bool{false, true, true, false}
	if len(qs) != len(wantCont) {
		t.Fatalf("Find returned %d quotations %q; want %d", len(qs), quotedTexts(text, qs), len(wantCont))
	}
	for i, q := range qs {
		if q.Continued != wantCont[i] {
			t.Errorf("quotation %d %q: Continued = %v; want %v", i, text[q.Start:q.End], q.Continued, wantCont[i])
		}
		if q.Entity != 0 {
			t.Errorf("quotation %d %q: Entity = %d; want 0 (Janet Yellen)", i, text[q.Start:q.End], q.Entity)
		}
	}
}

func TestFindAttribution(t *testing.T) {
	t.Parallel()
	var file struct {
		EntitySets map[string][]entitySpec `json:"entitySets"`
		Cases      []struct {
			Name     string       `json:"name"`
			Text     string       `json:"text"`
			Set      string       `json:"entitySet"` // a set of entitySets
			Entities []entitySpec `json:"entities"`  // or entities of the case's own
			Want     []string     `json:"want"`      // per quotation: the speaker entity's name, or "span:" and the speaker words, or ""
		} `json:"cases"`
	}
	readJSON(t, "testdata/attribution.json", &file)
	type testCase struct {
		name string
		text string
		ents []entitySpec
		want []string
	}
	var tests []testCase
	for _, c := range file.Cases {
		ents := c.Entities
		if c.Set != "" {
			if ents = file.EntitySets[c.Set]; ents == nil {
				t.Fatalf("case %q: no entity set %q", c.Name, c.Set)
			}
		}
		tests = append(tests, testCase{c.Name, c.Text, ents, c.Want})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			qs, ents := analyze(t, tt.text, tt.ents)
			var got []string
			for _, q := range qs {
				switch {
				case q.Entity >= 0:
					got = append(got, ents[q.Entity].Name)
				case q.SpeakerEnd > q.SpeakerStart:
					got = append(got, "span:"+tt.text[q.SpeakerStart:q.SpeakerEnd])
				default:
					got = append(got, "")
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q) speakers %q; want %q (quotations %q)", tt.text, got, tt.want, quotedTexts(tt.text, qs))
			}
			checkQuotes(t, tt.text, qs, len(ents))
		})
	}
}

// TestFindRole checks that a definite description goes to the person seen
// with that role rather than to the last person named.
func TestFindRole(t *testing.T) {
	t.Parallel()
	text := "Prime Minister Jane Smith met Tom Becker on Monday.\nBecker left early.\n“We had a very good meeting today,” the prime minister said."
	toks := tokenize.Tokenize(text)
	ref := func(first, last int) mention.Ref {
		return mention.Ref{First: first, Last: last, Start: toks[first].Start, End: toks[last-1].End}
	}
	ents := []mention.Entity{
		{Label: ner.PER, Name: "Jane Smith", Roles: []string{"Prime Minister"}, Mentions: []mention.Ref{ref(2, 4)}},
		{Label: ner.PER, Name: "Tom Becker", Mentions: []mention.Ref{ref(5, 7), ref(10, 11)}},
	}
	qs := Find(text, toks, segment.Sentences(text, toks), ents)
	if len(qs) != 1 || qs[0].Entity != 0 {
		t.Fatalf("Find(%q) = %+v; want one quotation by entity 0 (Jane Smith)", text, qs)
	}
}

// TestFindSurname checks that a surname with no mention of its own is linked
// to the person whose name ends in it.
func TestFindSurname(t *testing.T) {
	t.Parallel()
	text := "Political analyst Artyom Shraibman wrote an analysis.\n“Minsk understands perfectly what is at stake,” Shraibman said."
	toks := tokenize.Tokenize(text)
	ents := []mention.Entity{{Label: ner.PER, Name: "Artyom Shraibman", Mentions: []mention.Ref{{First: 2, Last: 4, Start: toks[2].Start, End: toks[3].End}}}}
	qs := Find(text, toks, segment.Sentences(text, toks), ents)
	if len(qs) != 1 || qs[0].Entity != 0 || text[qs[0].SpeakerStart:qs[0].SpeakerEnd] != "Shraibman" {
		t.Fatalf("Find(%q) = %+v; want one quotation by entity 0 through the words \"Shraibman\"", text, qs)
	}
}

// TestSampleArticle checks the two quotations of the sample article, with
// the people and organizations in it as entities.
func TestSampleArticle(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../testdata/putin-lukashenka-sochi.txt")
	if err != nil {
		t.Skipf("sample article not found: %v", err)
	}
	text := string(b)
	qs, ents := analyze(t, text, []entitySpec{
		{Name: "Vladimir Putin", Label: "PER"}, {Name: "Alyaksandr Lukashenka", Label: "PER"},
		{Name: "Artyom Shraibman", Label: "PER"}, {Name: "Svyatlana Tsikhanouskaya", Label: "PER"},
		{Name: "Kremlin", Label: "ORG"}, {Name: "Carnegie Moscow Center", Label: "ORG"}, {Name: "European Union", Label: "ORG", Aliases: []string{"EU"}},
	})
	if len(qs) != 2 {
		t.Fatalf("Find found %d quotations %q; want 2", len(qs), quotedTexts(text, qs))
	}
	for _, q := range qs {
		if q.Entity < 0 || ents[q.Entity].Name != "Artyom Shraibman" {
			t.Errorf("quotation %q: speaker entity %d; want Artyom Shraibman", text[q.Start:q.End], q.Entity)
		}
	}
	if !strings.HasPrefix(text[qs[1].Start:qs[1].End], "Lukashenka has tried") {
		t.Errorf("second quotation = %q", text[qs[1].Start:qs[1].End])
	}
}

// checkQuotes checks the properties every result of Find has: quotations in
// order, not empty, not overlapping, inside the text and on rune boundaries;
// speaker words inside the text and outside every quotation; entity indices
// in range.
func checkQuotes(tb testing.TB, text string, qs []Quote, nents int) {
	tb.Helper()
	end := 0
	for i, q := range qs {
		if q.Start < end || q.Start >= q.End || q.End > len(text) {
			tb.Fatalf("quotation %d spans [%d,%d) after %d in a text of %d bytes", i, q.Start, q.End, end, len(text))
		}
		end = q.End
		if utf8.ValidString(text) && (!utf8.RuneStart(text[q.Start]) || q.End < len(text) && !utf8.RuneStart(text[q.End])) {
			tb.Fatalf("quotation %d [%d,%d) splits a rune", i, q.Start, q.End)
		}
		if q.Entity < -1 || q.Entity >= nents {
			tb.Fatalf("quotation %d: entity %d of %d", i, q.Entity, nents)
		}
		if q.SpeakerStart == 0 && q.SpeakerEnd == 0 {
			continue
		}
		if q.SpeakerStart < 0 || q.SpeakerStart >= q.SpeakerEnd || q.SpeakerEnd > len(text) {
			tb.Fatalf("quotation %d: speaker span [%d,%d)", i, q.SpeakerStart, q.SpeakerEnd)
		}
		for _, o := range qs {
			if q.SpeakerStart < o.End && o.Start < q.SpeakerEnd {
				tb.Fatalf("quotation %d: speaker span [%d,%d) overlaps quotation [%d,%d)", i, q.SpeakerStart, q.SpeakerEnd, o.Start, o.End)
			}
		}
	}
}

// fuzzEntities makes a person of every capitalized token, so that fuzzing
// reaches the code that links speakers.
func fuzzEntities(toks []tokenize.Token) []mention.Entity {
	var ents []mention.Entity
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if r >= 'A' && r <= 'Z' {
			label := ner.PER
			if i%3 == 0 {
				label = ner.ORG
			}
			ents = append(ents, mention.Entity{Label: label, Name: t.Text, Mentions: []mention.Ref{{First: i, Last: i + 1, Start: t.Start, End: t.End}}})
		}
	}
	return ents
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		`“We will win,” Smith said. “Never.”`,
		"‘Lukashenka’s ’90s rock ’n’ roll,’ she said.\n«Да» „nein“ ''yes'' ``no''",
		"\"\"\"\"''''``‘’“”«»„‚\n\"a\nb\"",
		"“A,” he said, “B.\n“C.\n“D.” It said: \"E\" according to Acme, 'F' said Jones",
		"Jones, who, said, \"x\" , said \"y\" said , \"z\"",
		"\xff“\xfe”\xe2\x80",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := tokenize.Tokenize(text)
		ents := fuzzEntities(toks)
		qs := Find(text, toks, segment.Sentences(text, toks), ents)
		checkQuotes(t, text, qs, len(ents))
	})
}

// adversarial returns texts of about n bytes that are full of quotation
// marks that do not pair up.
func adversarial(n int) map[string]string {
	rep := func(s string) string { return strings.Repeat(s, n/len(s)+1)[:n-n%len(s)] }
	return map[string]string{
		"openers":           rep("“a "),
		"closers":           rep("a” "),
		"mixed unmatched":   rep("“ ‘ « „ `` "),
		"straight":          rep(`" '`),
		"nested openers":    rep("“‘«„") + rep("”"),
		"singles and words": rep("'a b' c' "),
		"pronouns":          rep(`"a b c d e," he said. `),
		"one long sentence": rep("Smith said “a b c d e” and he said “f g h i j” and "),
	}
}

// lineSentences makes one sentence of each line. The adversarial tests use
// it instead of segment.Sentences so that they time Find alone.
func lineSentences(text string, toks []tokenize.Token) []segment.Sentence {
	var sents []segment.Sentence
	first := 0
	for i := 1; i <= len(toks); i++ {
		if i == len(toks) || strings.ContainsRune(text[toks[i-1].End:toks[i].Start], '\n') {
			sents = append(sents, segment.Sentence{First: first, Last: i, Start: toks[first].Start, End: toks[i-1].End, Paragraph: len(sents)})
			first = i
		}
	}
	return sents
}

// TestFindLinear runs Find on 1 MB texts full of unmatched quotation marks
// and fails if any takes more than a generous deadline; the exact timing is
// in BenchmarkFindAdversarial.
func TestFindLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("1 MB inputs")
	}
	texts := adversarial(1 << 20)
	for _, name := range []string{"mixed unmatched", "straight", "singles and words", "pronouns"} {
		text := texts[name]
		toks := tokenize.Tokenize(text)
		sents := lineSentences(text, toks)
		ents := fuzzEntities(toks)
		done := make(chan []Quote, 1)
		go func() { done <- Find(text, toks, sents, ents) }()
		select {
		case qs := <-done:
			checkQuotes(t, text, qs, len(ents))
		case <-time.After(20 * time.Second):
			t.Fatalf("Find on 1 MB of %s did not finish in 20 s", name)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/putin-lukashenka-sochi.txt")
	if err != nil {
		b.Skipf("sample article not found: %v", err)
	}
	text := string(raw)
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	ents := buildEntities(b, text, toks, []entitySpec{{Name: "Artyom Shraibman", Label: "PER"}, {Name: "Vladimir Putin", Label: "PER"},
		{Name: "Alyaksandr Lukashenka", Label: "PER"}, {Name: "Kremlin", Label: "ORG"}})
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	n := 0
	for b.Loop() {
		n += len(Find(text, toks, sents, ents))
	}
	b.ReportMetric(float64(n)/float64(b.N), "quotes/op")
}

func BenchmarkFindAdversarial(b *testing.B) {
	for name, text := range adversarial(1 << 20) {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			toks := tokenize.Tokenize(text)
			sents := lineSentences(text, toks)
			ents := fuzzEntities(toks)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Find(text, toks, sents, ents)
			}
		})
	}
}

// readJSON decodes the test cases in the file at path into v.
func readJSON(tb testing.TB, path string, v any) {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
}
