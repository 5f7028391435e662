// Package segment splits tokenized text into sentences and paragraphs.
//
// Basic usage:
//
//	toks := tokenize.Tokenize(text)
//	for _, s := range segment.Sentences(text, toks) {
//		fmt.Println(text[s.Start:s.End])
//	}
package segment
