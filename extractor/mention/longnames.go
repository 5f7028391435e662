package mention

import (
	"slices"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
)

// institutionHeads head an institution's name before "of" ("University of
// Texas") and a unit's after an ordinal ("101st Airborne Division").
var institutionHeads = lexicon.Set("institution-heads")

// maxHeadModifiers is how many capitalized words before an institution head
// belong to its name: "Federal Reserve Bank of New York".
const maxHeadModifiers = 3

// longNameTags returns tags with the names of institutions that the tagger
// cut at a lower-case connector or a number made whole, as organizations':
//   - a tag just after "of" or "of the" that follows a capitalized
//     institution head takes in the connector, the head and up to three
//     capitalized words before it ("[Army] of the [Rhine]", "National Library
//     of the [Netherlands]", "London School of [Economics]");
//   - a tag that ends in an institution head takes in an ordinal just before
//     it ("101st [Airborne Division]");
//   - any other name with a capitalized institution head before "of" in it
//     is an organization's, whatever type the tagger gave it ("National
//     Library of the Netherlands" as MISC, "Housing Authority of New
//     Orleans" as a place).
//
// A tag inside the longer name gives way to it; where a tag crosses its
// edges, nothing changes.
func (g *grouper) longNameTags(tags []ner.Mention) []ner.Mention {
	var spans [][2]int
	for _, m := range tags {
		if g.ck.Tick() != nil {
			return tags
		}
		if m.First < 0 || m.Last > len(g.toks) || m.First >= m.Last {
			continue
		}
		first := g.headedFrom(m.First)
		if first < 0 {
			first = g.ordinalBefore(m)
		}
		if first < 0 && m.Label != ner.ORG && g.headedInside(m) {
			first = m.First
		}
		if first >= 0 {
			spans = append(spans, [2]int{first, m.Last})
		}
	}
	if len(spans) == 0 {
		return tags
	}
	tags = slices.Clone(tags)
	for _, sp := range spans {
		tags = setLabel(tags, sp[0], sp[1], ner.ORG)
	}
	return tags
}

// headedFrom returns where an institution's name starts when the name at
// token i follows "<Head> of" or "<Head> of the" (see longNameTags), or -1.
func (g *grouper) headedFrom(i int) int {
	of := i - 1
	if of >= 0 && g.toks[of].Text == "the" {
		of--
	}
	h := of - 1
	if h < 0 || g.toks[of].Text != "of" || !isCapitalized(g.toks[h].Text) || !institutionHeads[g.norm(h)] || !g.sameSentence(h, i) {
		return -1
	}
	first := h
	for first > 0 && h-first < maxHeadModifiers && g.sameSentence(first-1, h) {
		t := g.toks[first-1].Text
		if !isCapitalized(t) || !hasWordRune(t) || t == "The" {
			break
		}
		first--
	}
	return first
}

// headedInside reports whether tag m has a capitalized institution head
// followed by "of" inside it.
func (g *grouper) headedInside(m ner.Mention) bool {
	for h := m.First; h+2 < m.Last; h++ {
		if g.toks[h+1].Text == "of" && isCapitalized(g.toks[h].Text) && institutionHeads[g.norm(h)] {
			return true
		}
	}
	return false
}

// ordinalBefore returns the index of an ordinal number ("101st", "3rd")
// just before tag m when m ends in an institution head, or -1.
func (g *grouper) ordinalBefore(m ner.Mention) int {
	o := m.First - 1
	if o < 0 || !institutionHeads[g.norm(m.Last-1)] || !isCapitalized(g.toks[m.Last-1].Text) || !isOrdinal(g.toks[o].Text) {
		return -1
	}
	return o
}

// isOrdinal reports whether w is a number written as an ordinal: "1st",
// "22nd", "101st", "4th".
func isOrdinal(w string) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	digits := w[:n-2]
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	switch w[n-2:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}
