// Package ner finds the names of people, places and organizations in
// tokenized text with a trained statistical tagger.
//
// The tagger is an averaged structured perceptron over BILOU labels for the
// CoNLL-2003 types PER, LOC, ORG and MISC, decoded with Viterbi under the
// BILOU transition constraints (Ratinov & Roth 2009). Its features are the
// word, its lower-cased form, shape, capitalization and affixes in a ±2
// window; matches in name lists (gazetteers) with their BILOU position;
// Brown word-cluster path prefixes; document casing cues; and, in a second
// stage, how the first stage labelled the same word elsewhere in the
// document. Feature names are hashed to 32-bit keys; weights are quantized to
// 16 bits. See docs/NER.md for the design and extractor/ner/MODEL.md for the
// data the embedded model was trained on.
//
// Basic usage:
//
//	m, err := ner.Default() // the model embedded in the binary, loaded once
//	if err != nil { ... }
//	toks := tokenize.Tokenize(text)
//	sents := segment.Sentences(text, toks)
//	mentions, err := m.Tag(ctx, text, toks, sents)
//
// A retrained model file, written by cmd/train, is read with [Load] or
// [LoadFile]. A [Model] is safe for concurrent use.
package ner
