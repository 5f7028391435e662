package quote

import (
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
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"straight", `"We will win this war," he said.`, []string{"We will win this war,"}},
		{"curly", `“We will win this war,” he said.`, []string{"We will win this war,"}},
		{"curly single with apostrophes", `‘Lukashenka’s people won’t forget the ’90s,’ she said.`,
			[]string{"Lukashenka’s people won’t forget the ’90s,"}},
		{"plural possessive inside single quotes", `‘The workers’ union is strong today,’ he said.`,
			[]string{"The workers’ union is strong today,"}},
		{"rock n roll", `He loved rock ’n’ roll. ‘It was the sound of our youth,’ he said.`,
			[]string{"It was the sound of our youth,"}},
		{"straight single", `'We have no plan B at all,' the minister said.`, []string{"We have no plan B at all,"}},
		{"guillemets", `«There are no prerequisites for talks,» Peskov said.`, []string{"There are no prerequisites for talks,"}},
		{"reversed guillemets", `»Wir schaffen das nicht allein«, sagte sie.`, []string{"Wir schaffen das nicht allein"}},
		{"low-high German", `„Wir haben eine Lösung gefunden“, sagte Scholz.`, []string{"Wir haben eine Lösung gefunden"}},
		{"low-high Polish", `„Nie damy się zastraszyć”, powiedział.`, []string{"Nie damy się zastraszyć"}},
		{"double apostrophe", `''This is a historic day for us,'' Newsom said.`, []string{"This is a historic day for us,"}},
		{"PTB ticks", "`` We have a treaty and we respect it , '' Delors said .", []string{"We have a treaty and we respect it ,"}},
		{"CoNLL straight spaced", `" We have a treaty and we respect it , " Delors said .`, []string{"We have a treaty and we respect it ,"}},
		{"nested", `“He told me ‘go home now, son’ and then he left,” she said.`,
			[]string{"He told me ‘go home now, son’ and then he left,"}},
		{"nested guillemets", `«Он сказал „нет“ и ушёл из зала», — сказал Песков.`, []string{"Он сказал „нет“ и ушёл из зала"}},
		{"scare quotes not reported", `Trump called the case a “witch hunt” on Monday.`, nil},
		{"short quote attributed", `“No,” she said.`, []string{"No,"}},
		{"short quote attributed before", `He replied: “Absolutely not.”`, []string{"Absolutely not."}},
		{"contraction words counted once", `Rogers said the mill "won't be enough" this year.`, nil},
		{"long unattributed quote", `The sign read “no parking at any time today”.`, []string{"no parking at any time today"}},
		{"inch marks", `The 12" pipe and the 3" valve cost "a lot of money for us," he said.`, []string{"a lot of money for us,"}},
		{"two quotes one sentence", `"We are ready," she said, "and we will win."`, []string{"We are ready,", "and we will win."}},
		{"empty quote", `He said "" and left the room without a word.`, nil},
		{"unclosed recovers at paragraph end", "Shares plunged after a \"surprise cut in guidance for the year\nThe company said \"we expect a recovery next year,\" he said.",
			[]string{"surprise cut in guidance for the year", "we expect a recovery next year,"}},
		{"unbalanced does not swallow", "He said \"we will\nwin. Nobody \"knows the answer to this question today,\" she said.",
			[]string{"knows the answer to this question today,"}},
		{"multi-paragraph", "“We will use the tools we have,” Yellen said. “And we will act.\n“Depositors are safe.\n“We are watching closely.”",
			[]string{"We will use the tools we have,", "And we will act.", "Depositors are safe.", "We are watching closely."}},
		{"blank-line paragraphs", "“First part of the quote goes here.\n\n“Second part of the quote goes here.”\n\nShe left.",
			[]string{"First part of the quote goes here.", "Second part of the quote goes here."}},
		{"CoNLL sentence lines", "Woods shot a 66 on Friday .\n\" Yesterday was the toughest day I 've had , \" Woods said . \"\nToday , I got to play golf . \"\nBritain 's Faldo said : \" It was a perfect start .\n\" I feel good . \"",
			[]string{"Yesterday was the toughest day I 've had ,", "Today , I got to play golf .", "It was a perfect start .", "I feel good ."}},
		{"quote with ellipsis", `“We waited… and waited for hours,” he said.`, []string{"We waited… and waited for hours,"}},
		{"emoji inside", `“We won 🎉 the final tonight!” she tweeted.`, []string{"We won 🎉 the final tonight!"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			qs, _ := analyze(t, tt.text, nil)
			if got := quotedTexts(tt.text, qs); !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q) quoted %q; want %q", tt.text, got, tt.want)
			}
			checkQuotes(t, tt.text, qs, 0)
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
	people := []entitySpec{
		{Name: "Jane Smith", Label: "PER"}, {Name: "Tom Becker", Label: "PER"},
		{Name: "Artyom Shraibman", Label: "PER"}, {Name: "Acme Corp", Label: "ORG", Aliases: []string{"Acme"}},
		{Name: "Kremlin", Label: "ORG"},
	}
	tests := []struct {
		name string
		text string
		ents []entitySpec
		want []string // per quotation: the speaker entity's name, or "span:" and the speaker words, or ""
	}{
		{"after, said X", `“We will not give up the fight,” said Jane Smith, an analyst.`, people, []string{"Jane Smith"}},
		{"after, X said", `“We will not give up the fight,” Smith said on Tuesday.`, people, []string{"Jane Smith"}},
		{"after, told Reuters", `“We will not give up the fight” Smith told Reuters.`, people, []string{"Jane Smith"}},
		{"after, appositive", `“We will not give up the fight,” Smith, who heads the unit, said.`, people, []string{"Jane Smith"}},
		{"before, colon", `Jane Smith said: “We will not give up the fight.”`, people, []string{"Jane Smith"}},
		{"before, that", `Jane Smith said that “we will not give up the fight.”`, people, []string{"Jane Smith"}},
		{"according to before", `According to Smith, “we will not give up the fight.”`, people, []string{"Jane Smith"}},
		{"according to after", `“We will not give up the fight,” according to Jane Smith.`, people, []string{"Jane Smith"}},
		{"tweeted", `Smith tweeted: “We will not give up the fight!”`, people, []string{"Jane Smith"}},
		{"descriptive subject without entities", `“Minsk understands how important it is,” political analyst Artyom Shraibman wrote.`, nil,
			[]string{"span:Artyom Shraibman"}},
		{"title stripped", `“Minsk understands how important it is,” Treasury Secretary Artyom Shraibman said.`, nil,
			[]string{"span:Artyom Shraibman"}},
		{"organization", `“There are no grounds for talks at all,” the Kremlin said.`, people, []string{"Kremlin"}},
		{"organization without entities", `“There are no grounds for talks at all,” the Kremlin said.`, nil, []string{"span:Kremlin"}},
		{"the company", "Acme Corp cut its forecast on Monday.\n“Demand has weakened in every region,” the company said.", people, []string{"Acme Corp"}},
		{"it said", "Acme Corp cut its forecast.\n“Demand has weakened in every region,” it said.", people, []string{"Acme Corp"}},
		{"spokesman for, subject first", "Acme Corp cut its forecast.\n“Demand has weakened in every region,” a spokesman for Acme said.", people,
			[]string{"Acme Corp"}},
		{"description with a post-modifier", "“It will be difficult to meet in July,” an aide to Senator Tom Becker said.\n“We are trying hard,” he said.", people,
			[]string{"span:an aide to Senator Tom Becker", "span:an aide to Senator Tom Becker"}},
		{"spokesman for", `“Demand has weakened in every region,” said a spokesman for Acme.`, people, []string{"Acme Corp"}},
		{"pronoun", "Jane Smith met Tom Becker on Monday.\n“We will not give up the fight,” she said.", people, []string{"Jane Smith"}},
		{"pronoun prefers the speaker", "Becker, who chairs the committee, was unconvinced. “Nobody told us how we will pay,” he said.",
			people, []string{"Tom Becker"}},
		{"pronoun skips pronoun-led sentence", "“We will win this fight,” Becker said. He met Jane Smith later.\n“We are ready for anything,” he said.",
			people, []string{"Tom Becker", "Tom Becker"}},
		{"pronoun to a description", "A port official told Reuters the strike was over.\n“The strike has caused no serious dislocation,” he said.", people,
			[]string{"span:A port official"}},
		{"continuation same paragraph", "“We will not give up the fight,” Smith said. “Never, not ever, not once.”", people,
			[]string{"Jane Smith", "Jane Smith"}},
		{"continuation next paragraph", "“We will not give up the fight,” Smith said.\n“Never, not ever, not once.”", people,
			[]string{"Jane Smith", "Jane Smith"}},
		{"short whole sentence continues", "“We will not give up the fight,” Smith said. “Nobody believes that.”", people,
			[]string{"Jane Smith", "Jane Smith"}},
		{"short phrase after a quotation is no continuation", "“We will not give up the fight,” Smith said.\nThe “special operation” goes on.", people,
			[]string{"Jane Smith"}},
		{"split quotation", "“We will not give up,” Smith said, “not ever, not once.”", people, []string{"Jane Smith", "Jane Smith"}},
		{"lead-in sentence", "Becker said the plan was too expensive. “Nobody has told us how we are going to pay,” he added.",
			people, []string{"Tom Becker"}},
		{"paraphrase then quote", "Becker said the plan was too expensive. “Nobody has told us how we are going to pay for it.”",
			people, []string{"Tom Becker"}},
		{"surname without a mention", `“We will not give up the fight,” Shraibman said.`, nil, []string{"span:Shraibman"}},
		{"no cue, no speaker", "The council met on Tuesday.\n“We will not give up the fight for this city.”", people, []string{""}},
		{"no cue after another speaker's narrative", "“We will win,” Smith said.\nBecker arrived late and left early.\n“Nobody has told us how to pay for all of it.”",
			people, []string{"Jane Smith", ""}},
		{"partial quotation", `Smith said the plan was “a disaster for the whole city.”`, people, []string{"Jane Smith"}},
		{"definite description", "Jane Smith won the primary on Tuesday.\n“We ran a campaign for everyone,” the 45-year-old said.", people,
			[]string{"Jane Smith"}},
		{"nationality as a description", "Tom Becker was less pleased.\n“It's two points dropped,” the Dutchman said.", people,
			[]string{"Tom Becker"}},
		{"nationality as a description, subject first", "Jane Smith won in Paris.\nThe Briton said: “It was the best week of my life.”", people,
			[]string{"Jane Smith"}},
		{"a shared surname goes to the nearest full name", "Chairman Mukesh Ambani spoke first.\n“We intend to lead, not follow,” Ambani said.\nHis son Akash Ambani runs the unit.",
			[]entitySpec{{Name: "Ambani", Label: "PER"}, {Name: "Mukesh Ambani", Label: "PER"}, {Name: "Akash Ambani", Label: "PER"}}, []string{"Mukesh Ambani"}},
		{"partial quotation after a second clause", "Environmental groups were cautious. Greenpeace said clearing had risen, and Marcio Astrini of the Climate Observatory warned that the gains “can be reversed in a single bad year.”",
			[]entitySpec{{Name: "Greenpeace", Label: "ORG"}, {Name: "Marcio Astrini", Label: "PER"}, {Name: "Climate Observatory", Label: "ORG"}}, []string{"Marcio Astrini"}},
		{"nationality with modifiers", "Tom Becker won in Mexico City.\n“It was a hard race,” the 27-year-old Dutchman said.", people,
			[]string{"Tom Becker"}},
		{"hailed as", "The court ruled for Jane Smith on Friday. Smith hailed the decision as a “big win for our constitution and democracy.”", people,
			[]string{"Jane Smith"}},
		{"question", `“Why would we ever do that to our own people?” Becker asked.`, people, []string{"Tom Becker"}},
		{"quoted as saying", `Interfax quoted Smith as saying “the talks went very well indeed.”`, people, []string{"Jane Smith"}},
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
