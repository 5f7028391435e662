package quote

import (
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Quote is a direct quotation: the quoted words text[Start:End], without the
// quotation marks, and who said them.
type Quote struct {
	Start, End               int
	SpeakerStart, SpeakerEnd int // the attributing words, or 0, 0
	Entity                   int // index of the speaker in the entities, or -1
}

// Find returns the quotations in text, in text order.
func Find(text string, toks []tokenize.Token, sents []segment.Sentence, ents []mention.Entity) []Quote {
	return nil // Placeholder until the quote stage lands (issue 5).
}
