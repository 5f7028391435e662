package mention

import (
	"slices"
	"strings"

	"github.com/entityextraction/extractd/extractor/definition"
	"github.com/entityextraction/extractd/extractor/ner"
)

// maxBracketTokens is how far a bracket after a defined name may run:
// "Aristotle (384–322 BC) was".
const maxBracketTokens = 30

// copulas link a name to the phrase that defines it.
var copulas = set(`is was are were`)

// definiteSkips may stand between a copula and its phrase: "is also a".
var definiteSkips = set(`also now originally`)

// definedAs returns the type the sentence that toks[first:last] opens gives
// it by defining it: "Davis is a city in Yolo County" (LOC), "Bauhaus were
// an English rock band" (ORG), "Wessex, a kingdom of the Anglo-Saxons,"
// (LOC), "Shepherd Moons is a 1991 album" (MISC, none of the three); see
// package definition for the phrases and their head nouns. The phrase must
// be indefinite ("a", "an", "one of"): "the official representative" names a
// role, not a kind of thing. A bracket may stand between the name and the
// copula ("Aristotle (384–322 BC) was a philosopher"); one with a year or
// "born" in it makes the name a person's, so a phrase of another type says
// nothing ("Dave Winer (born 1955) is an American software developer"). A
// phrase with a possessive before its head says nothing ("Apple is the
// world's largest company").
func (g *grouper) definedAs(first, last int) (ner.Label, bool) {
	if !g.opensSentence(first) && !(first > 0 && g.word(first-1) == "the" && g.opensSentence(first-1)) {
		return 0, false
	}
	end := g.sentenceLast(g.sentenceOf(first))
	k, lifespan := last, false
	if g.text1(k) == "(" {
		for k < end && k-last < maxBracketTokens && g.toks[k].Text != ")" {
			lifespan = lifespan || g.lowerAt(k) == "born" || isYear(g.toks[k].Text)
			k++
		}
		k++
	}
	var words []string
	switch {
	case k < end && copulas[g.lowerAt(k)]:
		words = g.phrase(k+1, end)
	case k == last && g.text1(k) == "," && (g.lowerAt(k+1) == "a" || g.lowerAt(k+1) == "an"):
		words = g.phrase(k+1, end)
	default:
		return 0, false
	}
	if indefinite := slices.IndexFunc(words, func(w string) bool { return !definiteSkips[w] }); indefinite >= 0 && strings.EqualFold(words[indefinite], "the") {
		return 0, false // "The Institute is the official U.S. representative"
	}
	t, head, ok := definition.PredicateNear(words)
	if !ok {
		return 0, false
	}
	for j, w := range words[:len(words)-1] {
		if w == head && isPossessive(words[j+1]) {
			return 0, false // "the world's largest company"
		}
	}
	if lifespan && t != definition.PER {
		return 0, false // "Dave Winer (born 1955) is an American software developer"
	}
	return [definition.NumTypes]ner.Label{ner.PER, ner.LOC, ner.ORG, ner.MISC}[t], true
}

// phrase returns the words of toks[from:end], at most a dozen: enough for
// a defining phrase.
func (g *grouper) phrase(from, end int) []string {
	words := make([]string, 0, min(max(end-from, 0), 12))
	for i := from; i < end && len(words) < 12; i++ {
		words = append(words, g.toks[i].Text)
	}
	return words
}
