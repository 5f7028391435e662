package mention

import (
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Entity is a group of mentions of one real-world thing.
type Entity struct {
	Label      ner.Label
	Name       string // canonical name
	Mentions   []Ref  // in text order
	Roles      []string
	Salience   float64
	Confidence float64
}

// Ref is one mention of an entity.
type Ref struct {
	First, Last int // token indices, half-open
	Start, End  int // byte offsets
	Confidence  float64
}

// Group turns tagged mentions into entities.
func Group(text string, toks []tokenize.Token, sents []segment.Sentence, tags []ner.Mention) []Entity {
	// Placeholder until grouping lands (issue 6): one entity per mention.
	var ents []Entity
	for _, m := range tags {
		start, end := toks[m.First].Start, toks[m.Last-1].End
		ents = append(ents, Entity{Label: m.Label, Name: text[start:end], Confidence: m.Confidence,
			Mentions: []Ref{{First: m.First, Last: m.Last, Start: start, End: end, Confidence: m.Confidence}}})
	}
	return ents
}

// Rank sets the salience of each entity. speakers holds the index in ents of
// the speaker of each attributed quote.
func Rank(ents []Entity, sents []segment.Sentence, speakers []int) {
	total := 0
	for _, e := range ents {
		total += len(e.Mentions)
	}
	for i := range ents {
		ents[i].Salience = float64(len(ents[i].Mentions)) / float64(total)
	}
}
