package coref

import (
	"slices"

	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
)

// Said is a quotation, text[Start:End], and the index of its speaker's
// entity (-1 for none).
type Said struct {
	Start, End int
	Entity     int
}

// Quoted makes "I", "me", "my", "myself" and "mine" inside each quotation a
// mention of its speaker, when the speaker is a person. It runs after the
// quotation stage, which has resolved the speakers through [Resolve]'s
// mentions.
func Quoted(d *doc.Document, ents []mention.Entity, quotes []Said) {
	added := make([]bool, len(ents))
	k := 0
	for _, q := range quotes {
		if q.Entity < 0 || q.Entity >= len(ents) || ents[q.Entity].Label != ner.PER {
			continue
		}
		for k < len(d.Toks) && d.Toks[k].Start < q.Start {
			k++
		}
		for ; k < len(d.Toks) && d.Toks[k].End <= q.End; k++ {
			if firstSingular[d.Lower[k]] {
				t := d.Toks[k]
				ents[q.Entity].Mentions = append(ents[q.Entity].Mentions,
					mention.Ref{First: k, Last: k + 1, Start: t.Start, End: t.End, Kind: doc.Pronoun})
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
