package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/entityextraction/extractd/extractor/ner/conll"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// modernTrainLast is the number of the last modern story that may be
// trained on: batches 1 and 2 (01-48) are development data; batch 3
// (49-72) is the held-out set and is never read here
// (extractor/testdata/modern/GUIDELINES.md).
const modernTrainLast = 48

// readModern reads the hand-annotated modern stories 01 to last of dir
// (NN.json: raw text and its PER/LOC/ORG mentions, each the occurrence-th
// non-overlapping occurrence of its text) as documents: the text is
// tokenized and split into sentences as the extractor does, and the tokens
// of each mention are tagged. A mention whose ends fall inside a token is
// left out (its tokens stay O, which a partial corpus does not teach).
func readModern(dir string, last int) (docs []conll.Document, skipped int, err error) {
	for n := 1; n <= last; n++ {
		path := filepath.Join(dir, fmt.Sprintf("%02d.json", n))
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, 0, err
		}
		var story struct {
			Text     string
			Mentions []struct {
				Text, Type string
				Occurrence int
			}
		}
		if err := json.Unmarshal(b, &story); err != nil {
			return nil, 0, fmt.Errorf("%s: %w", path, err)
		}
		toks := tokenize.Tokenize(story.Text)
		tags := make([]string, len(toks))
		for i := range tags {
			tags[i] = "O"
		}
		for _, m := range story.Mentions {
			start := nthIndex(story.Text, m.Text, m.Occurrence)
			if start < 0 {
				return nil, 0, fmt.Errorf("%s: mention %q occurrence %d not in the text", path, m.Text, m.Occurrence)
			}
			end := start + len(m.Text)
			first, lastTok := -1, -1
			for i, t := range toks {
				if t.Start == start {
					first = i
				}
				if t.End == end {
					lastTok = i
					break
				}
			}
			if first < 0 || lastTok < first {
				skipped++
				continue
			}
			tags[first] = "B-" + m.Type
			for i := first + 1; i <= lastTok; i++ {
				tags[i] = "I-" + m.Type
			}
		}
		docs = append(docs, splitSentences(story.Text, toks, tags))
	}
	return docs, skipped, nil
}

// nthIndex returns the byte offset of the n-th (1-based) non-overlapping
// occurrence of sub in s, or -1.
func nthIndex(s, sub string, n int) int {
	off := 0
	for i := 1; ; i++ {
		j := strings.Index(s[off:], sub)
		if j < 0 {
			return -1
		}
		if i == n {
			return off + j
		}
		off += j + len(sub)
	}
}

// resegment splits a document's sentences again the way the extractor
// splits raw text: its tokens joined by single spaces, then cut by
// segment.Sentences. Universal NER's documents are scored on that text (the
// sentences joined by one space, as ../shared/tools/uner2jsonl.py builds
// it), where a signature and the next message's greeting ("Thanks, Phillip
// Jim, take a look") fall in one sentence; training on the same cut teaches
// that two names may meet there. A name cut by a new boundary continues as a
// new name.
func resegment(d conll.Document) conll.Document {
	var b strings.Builder
	var toks []tokenize.Token
	var tags []string
	for _, s := range d.Sentences {
		for i, w := range s.Tokens {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			toks = append(toks, tokenize.Token{Start: b.Len(), End: b.Len() + len(w), Text: w})
			b.WriteString(w)
			tags = append(tags, s.Tags[i])
		}
	}
	return splitSentences(b.String(), toks, tags)
}

// splitSentences cuts tagged tokens of text into sentences as the extractor
// does (segment.Sentences); a name cut by a boundary continues as a new name.
func splitSentences(text string, toks []tokenize.Token, tags []string) conll.Document {
	var out conll.Document
	for _, s := range segment.Sentences(text, toks) {
		sent := conll.Sentence{Tags: append([]string(nil), tags[s.First:s.Last]...)}
		for _, t := range toks[s.First:s.Last] {
			sent.Tokens = append(sent.Tokens, t.Text)
		}
		if sent.Tags[0] != "O" {
			sent.Tags[0] = "B-" + sent.Tags[0][2:]
		}
		out.Sentences = append(out.Sentences, sent)
	}
	return out
}
