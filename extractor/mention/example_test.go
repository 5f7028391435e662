package mention_test

import (
	"fmt"

	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

func Example() {
	text := "Russian President Vladimir Putin met the EU's envoy. The European Union said Putin’s offer was noted."
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	// The tags a tagger would return, by token index.
	tags := []ner.Mention{
		{First: 0, Last: 1, Label: ner.MISC, Confidence: 0.95},  // Russian
		{First: 2, Last: 4, Label: ner.PER, Confidence: 0.99},   // Vladimir Putin
		{First: 6, Last: 7, Label: ner.ORG, Confidence: 0.90},   // EU
		{First: 11, Last: 13, Label: ner.ORG, Confidence: 0.97}, // European Union
		{First: 14, Last: 15, Label: ner.PER, Confidence: 0.98}, // Putin
	}
	ents := mention.Group(text, toks, sents, tags)
	mention.Rank(text, ents, sents, nil)
	for _, e := range ents {
		fmt.Printf("%s %v:", e.Name, e.Roles)
		for _, m := range e.Mentions {
			fmt.Printf(" %q", text[m.Start:m.End])
		}
		fmt.Printf(" salience %.2f\n", e.Salience)
	}
	// Output:
	// Vladimir Putin [President]: "Vladimir Putin" "Putin" salience 0.59
	// European Union []: "EU" "European Union" salience 0.41
}
