package main

import (
	"cmp"
	"slices"

	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Special words. They take part in the bigram counts as contexts but are never
// clustered or written out.
const (
	boundaryWord = "</s>"  // sentence boundary
	unknownWord  = "<unk>" // every word below the minimum count
	boundaryID   = 0
	unknownID    = 1
	numSpecial   = 2
)

// counter turns raw text into a stream of word ids with a boundary between
// sentences.
type counter struct {
	ids    map[string]int32
	words  []string
	counts []int64
	stream []int32
}

func newCounter() *counter {
	c := &counter{ids: make(map[string]int32)}
	c.id(boundaryWord)
	c.id(unknownWord)
	c.stream = append(c.stream, boundaryID)
	return c
}

func (c *counter) id(w string) int32 {
	if id, ok := c.ids[w]; ok {
		return id
	}
	id := int32(len(c.words))
	c.ids[w] = id
	c.words = append(c.words, w)
	c.counts = append(c.counts, 0)
	return id
}

// add tokenizes text with the project's tokenizer, splits it into sentences
// and appends each sentence followed by a boundary to the stream.
func (c *counter) add(text string) {
	toks := tokenize.Tokenize(text)
	if len(toks) == 0 {
		return
	}
	for _, s := range segment.Sentences(text, toks) {
		for _, t := range toks[s.First:s.Last] {
			id := c.id(t.Text)
			c.counts[id]++
			c.stream = append(c.stream, id)
		}
		c.stream = append(c.stream, boundaryID)
		c.counts[boundaryID]++
	}
}

// addWords appends one sentence given as words (already tokens).
func (c *counter) addWords(words []string) {
	for _, w := range words {
		id := c.id(w)
		c.counts[id]++
		c.stream = append(c.stream, id)
	}
	c.stream = append(c.stream, boundaryID)
	c.counts[boundaryID]++
}

// tokens returns the number of word tokens seen (boundaries excluded).
func (c *counter) tokens() int64 {
	var n int64
	for id, k := range c.counts {
		if id >= numSpecial {
			n += k
		}
	}
	return n
}

// bigram is the count of word a followed by word b.
type bigram struct {
	a, b int32
	n    int64
}

// corpus is the data the clustering works on: a vocabulary whose ids 0 and 1
// are the boundary and unknown words and whose other ids are in order of
// decreasing count, and the bigram counts over those ids.
type corpus struct {
	words   []string
	counts  []int64
	bigrams []bigram // sorted by (a, b)
}

// finish keeps the words seen at least minCount times, maps the rest to the
// unknown word and counts bigrams. If more than maxVocab words qualify, the
// minimum count is raised until at most maxVocab do, so that the vocabulary is
// always every word above some count and never depends on how ties sort.
func (c *counter) finish(minCount int64, maxVocab int) *corpus {
	order := make([]int32, 0, len(c.words))
	for id := numSpecial; id < len(c.words); id++ {
		if c.counts[id] >= minCount {
			order = append(order, int32(id))
		}
	}
	slices.SortFunc(order, func(x, y int32) int {
		if d := cmp.Compare(c.counts[y], c.counts[x]); d != 0 {
			return d
		}
		return cmp.Compare(c.words[x], c.words[y])
	})
	if maxVocab > 0 && len(order) > maxVocab {
		cut := maxVocab
		for cut > 0 && c.counts[order[cut-1]] == c.counts[order[maxVocab]] {
			cut--
		}
		order = order[:cut]
	}
	remap := make([]int32, len(c.words))
	for i := range remap {
		remap[i] = unknownID
	}
	remap[boundaryID] = boundaryID
	out := &corpus{
		words:  []string{boundaryWord, unknownWord},
		counts: []int64{c.counts[boundaryID], 0},
	}
	for _, id := range order {
		remap[id] = int32(len(out.words))
		out.words = append(out.words, c.words[id])
		out.counts = append(out.counts, c.counts[id])
	}
	for id := numSpecial; id < len(c.words); id++ {
		if remap[id] == unknownID {
			out.counts[unknownID] += c.counts[id]
		}
	}
	keys := make([]uint64, 0, len(c.stream))
	for i := 1; i < len(c.stream); i++ {
		a, b := remap[c.stream[i-1]], remap[c.stream[i]]
		keys = append(keys, uint64(a)<<32|uint64(b))
	}
	slices.Sort(keys)
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		out.bigrams = append(out.bigrams, bigram{int32(keys[i] >> 32), int32(uint32(keys[i])), int64(j - i)})
		i = j
	}
	return out
}
