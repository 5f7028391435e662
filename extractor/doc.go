// Package extractor finds people, places, organizations, money amounts and
// quotations in English text.
//
// Basic usage:
//
//	ex, err := extractor.New()
//	if err != nil { ... }
//	res, err := ex.Extract(ctx, text)
//	for _, ent := range res.Entities {
//		fmt.Println(ent.Type, ent.Name, len(ent.Mentions))
//	}
//
// Extract runs these stages in order:
//
//  1. tokenize: words and punctuation with byte offsets;
//  2. segment: sentences and paragraphs;
//  3. dictionary: the phrases and patterns of the user's dictionaries, if
//     any (see [WithDictionary] and package dictionary), are found; they win
//     over the tagger where they overlap;
//  4. ner: a statistical tagger marks people, places and organizations;
//  5. mention: mentions of one thing are grouped into an entity with a
//     canonical name, and entities are linked to the dictionary entries that
//     matched them (their external ID and metadata); custom-type matches
//     become entities of their own;
//  6. quote: quotations are found and attributed to their speakers;
//  7. mention: entities are ranked by salience;
//  8. money: money amounts are found and normalized.
//
// Every position in a [Result] is a [Span] of byte offsets into the original
// text, half-open: text[Start:End] is the text of the span.
package extractor
