package mention

import (
	"fmt"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// synthetic builds a news-like document of about size bytes with its tags:
// people named in full and then by surname (some surnames shared), places,
// organizations and their acronyms, nationality adjectives, and untagged
// repeats for recovery to find.
func synthetic(tb testing.TB, size int) (string, []tokenize.Token, []segment.Sentence, []ner.Mention) {
	tb.Helper()
	syl := []string{"ka", "lo", "mir", "ven", "tas", "ro", "bel", "shen", "di", "nov", "pa", "rek", "su", "min", "go", "ly"}
	word := func(n int) string {
		var b strings.Builder
		for i := 0; i < 3; i++ {
			b.WriteString(syl[n%len(syl)])
			n /= len(syl)
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	type span struct {
		start, end int
		label      ner.Label
	}
	var b strings.Builder
	var spans []span
	tag := func(s string, l ner.Label) {
		start := b.Len()
		b.WriteString(s)
		spans = append(spans, span{start, b.Len(), l})
	}
	for i := 0; b.Len() < size; i++ {
		first, last := word(i*7+1), word(i*13+5)
		if i%10 == 3 {
			last = word((i-1)*13 + 5) // a surname two people share
		}
		b.WriteString("Opposition leader ")
		tag(first+" "+last, ner.PER)
		b.WriteString(" met ")
		tag(word(i*3+2)+" Union", ner.ORG)
		b.WriteString(" officials in ")
		tag(word(i%500+9), ner.LOC)
		b.WriteString(" on Monday, and ")
		tag(word(i%40+11), ner.MISC)
		b.WriteString(" media said ")
		tag(last, ner.PER)
		b.WriteString("’s visit to the ")
		tag(strings.ToUpper(word(i*3 + 2)[:1])+"U", ner.ORG)
		b.WriteString(" went well. Prices of grain and fuel rose again this week, traders in the port said. ")
		b.WriteString(last) // untagged repeat
		b.WriteString(" left.")
		if i%4 == 3 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	text := b.String()
	toks := tokenize.Tokenize(text)
	at := make(map[int]int, len(toks))
	for i, t := range toks {
		at[t.Start] = i
	}
	tags := make([]ner.Mention, 0, len(spans))
	for _, s := range spans {
		first, ok := at[s.start]
		if !ok {
			tb.Fatalf("tag %q does not start a token", text[s.start:s.end])
		}
		last := first
		for last < len(toks) && toks[last].End <= s.end {
			last++
		}
		tags = append(tags, ner.Mention{First: first, Last: last, Label: s.label, Confidence: 0.9})
	}
	return text, toks, segment.Sentences(text, toks), tags
}

// BenchmarkGroupSynthetic measures Group and Rank on synthetic documents of
// growing size: the time per mention must stay flat (no quadratic work).
func BenchmarkGroupSynthetic(b *testing.B) {
	for _, size := range []int{64 << 10, 256 << 10, 1 << 20} {
		text, toks, sents, tags := synthetic(b, size)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			var n int
			for b.Loop() {
				ents := Group(text, toks, sents, tags)
				Rank(text, ents, sents, nil)
				n = len(ents)
			}
			b.ReportMetric(float64(len(tags)), "mentions/op")
			b.ReportMetric(float64(n), "entities/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(tags)), "ns/mention")
		})
	}
}

func TestGroupSynthetic(t *testing.T) {
	t.Parallel()
	text, toks, sents, tags := synthetic(t, 256<<10)
	ents := Group(text, toks, sents, tags)
	Rank(text, ents, sents, []int{0, 1, 2})
	sum := 0.0
	for _, e := range ents {
		sum += e.Salience
	}
	if sum > 1 {
		t.Errorf("saliences of %d entities sum to %v; want at most 1", len(ents), sum)
	}
	recovered, mentions := 0, 0
	for _, e := range ents {
		checkEntity(t, text, e)
		mentions += len(e.Mentions)
		for _, m := range e.Mentions {
			if m.Recovered {
				recovered++
			}
		}
		if e.Label == ner.MISC {
			t.Errorf("MISC entity %q returned", e.Name)
		}
	}
	if recovered == 0 {
		t.Errorf("Group on the synthetic document recovered no mentions; want the untagged surnames")
	}
	t.Logf("%d bytes, %d tags, %d entities, %d mentions (%d recovered)", len(text), len(tags), len(ents), mentions, recovered)
}

// TestGroupScalesLinearly guards against work that grows faster than the
// number of mentions: four times the text must cost less than five times the
// allocations.
func TestGroupScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 320 KB of synthetic text")
	}
	allocs := func(size int) (float64, int) {
		text, toks, sents, tags := synthetic(t, size)
		n := testing.AllocsPerRun(2, func() {
			Rank(text, Group(text, toks, sents, tags), sents, nil)
		})
		return n, len(tags)
	}
	small, smallTags := allocs(64 << 10)
	large, largeTags := allocs(256 << 10)
	if ratio, tagRatio := large/small, float64(largeTags)/float64(smallTags); ratio > 1.25*tagRatio {
		t.Errorf("Group allocations: %.0f for %d mentions, %.0f for %d (×%.2f for ×%.2f mentions); want linear",
			small, smallTags, large, largeTags, ratio, tagRatio)
	}
}
