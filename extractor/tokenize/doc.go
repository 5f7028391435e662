// Package tokenize splits raw text into word and punctuation tokens with byte
// offsets into the original text.
//
// Basic usage:
//
//	for _, tok := range tokenize.Tokenize(text) {
//		fmt.Println(tok.Start, tok.End, tok.Text)
//	}
//
// The tokens follow the Penn Treebank conventions used by the CoNLL-2003 data,
// so that a model trained on that data sees the same kind of tokens on raw text.
package tokenize
