package coref

import (
	"slices"

	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
)

// Said is a quotation, text[Start:End], the words that attribute it,
// text[SpeakerStart:SpeakerEnd] (or 0, 0), and the index of its speaker's
// entity (-1 for none).
type Said struct {
	Start, End               int
	SpeakerStart, SpeakerEnd int
	Entity                   int
}

// Quoted makes "I", "me", "my", "myself" and "mine" (and the "I" of "I've")
// inside each quotation a mention of its speaker, when the speaker is a person, and a pronoun that
// attributes a quotation ("…," he said) a mention of the speaker the
// quotation stage chose (of none, if it chose none). It runs after the
// quotation stage, which resolves speakers through [Resolve]'s mentions.
func Quoted(d *doc.Document, ents []mention.Entity, quotes []Said) {
	added := make([]bool, len(ents))
	for _, q := range quotes {
		if q.SpeakerEnd > q.SpeakerStart && reassign(ents, q) {
			added[q.Entity] = true
		}
	}
	k := 0
	for _, q := range quotes {
		if q.Entity < 0 || q.Entity >= len(ents) || ents[q.Entity].Label != ner.PER {
			continue
		}
		for k < len(d.Toks) && d.Toks[k].Start < q.Start {
			k++
		}
		for ; k < len(d.Toks) && d.Toks[k].End <= q.End; k++ {
			if firstSingular[d.Lower[k]] || firstContracted[d.Lower[k]] {
				ents[q.Entity].Mentions = append(ents[q.Entity].Mentions,
					mention.Ref{First: k, Last: k + 1, Start: d.Toks[k].Start, End: pronounEnd(d, k), Kind: doc.Pronoun})
				added[q.Entity] = true
			}
		}
	}
	for i, ok := range added {
		if ok {
			slices.SortStableFunc(ents[i].Mentions, func(a, b mention.Ref) int { return a.First - b.First })
		}
	}
}

// reassign moves the pronoun mention at q's attributing words to q's
// speaker, and reports whether it added it to q.Entity.
func reassign(ents []mention.Entity, q Said) bool {
	for i := range ents {
		ms := ents[i].Mentions
		for j := 0; j < len(ms); j++ {
			if ms[j].Kind == doc.Pronoun && ms[j].Start == q.SpeakerStart && ms[j].End == q.SpeakerEnd {
				if i == q.Entity {
					return false
				}
				m := ms[j]
				ents[i].Mentions = append(ms[:j:j], ms[j+1:]...)
				if q.Entity >= 0 && q.Entity < len(ents) && ents[q.Entity].Label != ner.LOC {
					ents[q.Entity].Mentions = append(ents[q.Entity].Mentions, m)
					return true
				}
				return false
			}
		}
	}
	return false
}
