package extractor

import (
	"context"

	"github.com/entityextraction/extractd/extractor/coref"
	docmodel "github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/quote"
)

// resolve runs the coreference stage on ents and keeps links[i] the link of
// ents[i] when it joins entities (links may be nil).
func resolve(ctx context.Context, d *docmodel.Document, ents []mention.Entity, links []link) ([]mention.Entity, []link, error) {
	ents, from, err := coref.ResolveContext(ctx, d, ents)
	if err != nil {
		return nil, nil, err
	}
	if links == nil {
		return ents, nil, nil
	}
	kept := make([]link, len(ents))
	for i, j := range from {
		kept[i] = links[j]
	}
	return ents, kept, nil
}

// said gives the quotations to the coreference stage.
func said(quotes []quote.Quote) []coref.Said {
	out := make([]coref.Said, len(quotes))
	for i, q := range quotes {
		out[i] = coref.Said{Start: q.Start, End: q.End, SpeakerStart: q.SpeakerStart, SpeakerEnd: q.SpeakerEnd, Entity: q.Entity}
	}
	return out
}

// corefAndQuotes runs the coreference stage on ents and, when withQuotes,
// the quotation stage through it; then the pronouns of the quotations
// follow their speakers (see [coref.Quoted]).
func corefAndQuotes(ctx context.Context, laps *laps, d *docmodel.Document, ents []mention.Entity, links []link, withQuotes bool) ([]mention.Entity, []link, []quote.Quote, error) {
	ents, links, err := resolve(ctx, d, ents, links)
	if err != nil {
		return nil, nil, nil, err
	}
	laps.lap("coref")
	if !withQuotes {
		return ents, links, nil, nil
	}
	quotes, err := quote.FindContext(ctx, d.Text, d.Toks, d.Sents, ents)
	if err != nil {
		return nil, nil, nil, err
	}
	coref.Quoted(d, ents, said(quotes))
	laps.lap("quote")
	return ents, links, quotes, nil
}
