package quote

import (
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// entitySpec names an entity of a test document: its canonical name, label
// and the other forms the text uses for it.
type entitySpec struct {
	Name    string   `json:"name"`
	Label   string   `json:"label"` // PER, ORG, LOC or MISC
	Aliases []string `json:"aliases,omitempty"`
}

var labels = map[string]ner.Label{"PER": ner.PER, "ORG": ner.ORG, "LOC": ner.LOC, "MISC": ner.MISC}

// buildEntities plays the part of the tagger and the grouping stage: every
// whole-token occurrence of an entity's name or alias (and, for a person
// named with two or more words, the last word alone) becomes a mention.
// Longer forms win where forms overlap.
func buildEntities(tb testing.TB, text string, toks []tokenize.Token, specs []entitySpec) []mention.Entity {
	tb.Helper()
	type form struct {
		words []string
		ent   int
	}
	var forms []form
	for ei, s := range specs {
		if _, ok := labels[s.Label]; !ok {
			tb.Fatalf("entity %q: unknown label %q", s.Name, s.Label)
		}
		all := append([]string{s.Name}, s.Aliases...)
		if f := strings.Fields(s.Name); s.Label == "PER" && len(f) > 1 {
			all = append(all, f[len(f)-1])
		}
		for _, n := range all {
			ws := tokenize.Tokenize(n)
			w := make([]string, len(ws))
			for i, t := range ws {
				w[i] = t.Text
			}
			forms = append(forms, form{w, ei})
		}
	}
	ents := make([]mention.Entity, len(specs))
	for ei, s := range specs {
		ents[ei] = mention.Entity{Label: labels[s.Label], Name: s.Name, Confidence: 1}
	}
	for i := 0; i < len(toks); {
		best, bestLen := -1, 0
		for _, f := range forms {
			if len(f.words) <= bestLen || i+len(f.words) > len(toks) {
				continue
			}
			ok := true
			for k, w := range f.words {
				if toks[i+k].Text != w {
					ok = false
					break
				}
			}
			if ok {
				best, bestLen = f.ent, len(f.words)
			}
		}
		if best < 0 {
			i++
			continue
		}
		ents[best].Mentions = append(ents[best].Mentions, mention.Ref{First: i, Last: i + bestLen,
			Start: toks[i].Start, End: toks[i+bestLen-1].End, Confidence: 1})
		i += bestLen
	}
	return ents
}

// analyze tokenizes and segments text and finds its quotations.
func analyze(tb testing.TB, text string, specs []entitySpec) ([]Quote, []mention.Entity) {
	tb.Helper()
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	ents := buildEntities(tb, text, toks, specs)
	return Find(text, toks, sents, ents), ents
}
