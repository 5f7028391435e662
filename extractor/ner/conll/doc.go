// Package conll reads CoNLL-2003 named-entity files and scores tagged spans
// against them with the semantics of the conlleval script: a predicted entity
// counts only if its span and its type both match a gold entity exactly.
//
// Basic usage:
//
//	docs, err := conll.Read(f)
//	for _, d := range docs {
//		text, toks := d.Text()        // raw text: tokens joined by spaces, sentences by newlines
//		gold := d.Entities()          // gold spans, in token indices of the document
//		...
//		score.Add(gold, predicted)
//	}
//	score.WriteTo(os.Stdout)
package conll
