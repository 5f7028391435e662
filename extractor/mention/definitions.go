package mention

import (
	"strings"

	"github.com/entityextraction/extractd/extractor/definition"
	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
)

// maxBracketTokens is how far a bracket after a defined name may run:
// "Aristotle (384–322 BC) was".
const maxBracketTokens = 30

// definedAs returns the type the sentence that toks[first:last] opens gives
// it by defining it: "Davis is a city in Yolo County" (LOC), "Bauhaus were
// an English rock band" (ORG), "Wessex, a kingdom of the Anglo-Saxons,"
// (LOC), "Shepherd Moons is a 1991 album" (MISC, none of the three); see
// package definition for the phrases and their head nouns
// (definition.PredicateNear: "The Institute is the official representative"
// defines nothing). A bracket may stand between the name and the copula
// ("Aristotle (384–322 BC) was a philosopher"); one with a year or "born" in
// it makes the name a person's, so a phrase of another type says nothing
// ("Dave Winer (born 1955) is an American software developer").
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
	word := g.lowerAt
	if g.caseless() {
		word = g.word // "Aries Is One Of The Constellations"
	}
	var words []string
	switch {
	case k < end && definition.Copula(word(k)):
		words = g.phrase(k+1, end)
	case k == last && g.text1(k) == "," && (word(k+1) == "a" || word(k+1) == "an"):
		words = g.phrase(k+1, end)
	default:
		return 0, false
	}
	t, _, ok := definition.PredicateNear(words)
	if !ok {
		return 0, false
	}
	if lifespan && t != definition.PER {
		return 0, false // "Dave Winer (born 1955) is an American game developer"
	}
	return definitionLabels[t], true
}

// phrase returns the words of toks[from:end], at most a dozen: enough for
// a defining phrase. Where capitals say nothing (see caseless) they are in
// lower case: "Aries Is One Of The Constellations" defines as well.
func (g *grouper) phrase(from, end int) []string {
	words := make([]string, 0, min(max(end-from, 0), 12))
	lower := g.caseless()
	for i := from; i < end && len(words) < 12; i++ {
		if lower {
			words = append(words, g.norm(i))
		} else {
			words = append(words, g.toks[i].Text)
		}
	}
	return words
}

// maxDefinedWords is the longest run of capitalized words definedTag
// takes for a name.
const maxDefinedWords = 4

// notDefined are capitalized words that open a defining sentence without
// naming anything: "It is a city of …", "This is a company that …".
var notDefined = lexicon.Union("pronouns-subject", "pronouns-demonstrative", "pronouns-plural", "pronouns-first-plural", "sentence-openers")

// definedTag returns tags with a tag added for the run of capitalized words
// at token i that opens its sentence, that no tag covers, and that the
// sentence defines as a person, a place or an organization (see definedAs:
// "Radiohead are an English rock band"), in a text whose capitals say
// something. No word of the run may be a pronoun, a determiner or one the
// dictionary knows in lower case only ("Ours is a small company").
func (g *grouper) definedTag(tags []ner.Mention, i int, isCovered func(int) bool) []ner.Mention {
	if isCovered(i) || !g.opensSentence(i) || g.caseless() {
		return tags
	}
	end := i
	for end < len(g.toks) && end-i < maxDefinedWords && !isCovered(end) && isCapitalized(g.toks[end].Text) && hasWordRune(g.toks[end].Text) {
		end++
	}
	if end == i || !definition.Copula(g.lowerAt(end)) && g.text1(end) != "," && g.text1(end) != "(" {
		return tags // no definition follows: the cheap test first
	}
	for k := i; k < end; k++ {
		if w := g.norm(k); lexicon.LowerOnly(w) || notDefined[w] || determiners[w] {
			return tags
		}
	}
	if l, ok := g.definedAs(i, end); ok && l != ner.MISC {
		tags = append(tags, ner.Mention{First: i, Last: end, Label: l, Confidence: cueConfidence})
	}
	return tags
}

// definitionHeads are the head nouns of package definition and the types
// of names they define.
var definitionHeads = definition.Heads()

// definitionLabels are the tagger's labels of the types of package
// definition.
var definitionLabels = [definition.NumTypes]ner.Label{ner.PER, ner.LOC, ner.ORG, ner.MISC}

// classifiedAs returns the type a head noun of a person or an organization
// gives the name toks[first:last] right after it ("the teacher Adz.", "my
// mechanic Tuz has", "the band Clannad,", "the label Flip."), and whether
// there is one: the noun in lower case after a determiner or a possessive,
// the name ending its noun phrase (see endsPhrase), where the text's
// capitals say something. Without a determiner the noun may modify
// another ("Speaker of parliament Habib Boulares"), and before a noun the
// name may modify one ("an official IETF document", "a veteran
// Eco-Challenge participant"). Heads of places are not read so: places and
// craters are named after people ("the crater Alhazen"), and a head may
// stand before a relative clause ("the area Undergraduate Student
// Government is most passionate about"); nor heads of works, events and
// products ("the play Australia").
func (g *grouper) classifiedAs(first, last int) (ner.Label, bool) {
	t, ok := definitionHeads[g.lowerAt(first-1)]
	if !ok || t != definition.PER && t != definition.ORG || g.caseless() ||
		!determiners[g.word(first-2)] && !possessives[g.word(first-2)] || !g.endsPhrase(last) {
		return 0, false
	}
	return definitionLabels[t], true
}

// clauseWords may follow a name that ends its noun phrase: "the teacher Adz
// has", "the teacher Adz and", "the teacher Adz could", "the teacher Adz in".
var clauseWords = lexicon.Union("auxiliaries", "modals", "coordinators", "prepositions")

// endsPhrase reports whether token k, right after a name, ends the noun
// phrase the name is in: no word, a capitalized one, a possessive, a word
// of clauseWords or a speech verb; not a lower-case word the name may
// modify ("an official IETF document").
func (g *grouper) endsPhrase(k int) bool {
	t := g.text1(k)
	if t == "" || !hasWordRune(t) || isCapitalized(t) || isPossessive(t) {
		return true
	}
	w := g.norm(k)
	return clauseWords[w] || speechVerbs[w]
}

// personHead reports whether token i is a head noun that defines a person
// ("Duke", "Earl", "Son"), which the lists of given names may hold too.
func (g *grouper) personHead(i int) bool {
	t, ok := definitionHeads[g.norm(i)]
	return ok && t == definition.PER
}

// maxExamples is how many names of a list of examples after a plural noun
// take its type: "companies like Scharffen Berger, TCHO, and Valrhona".
const maxExamples = 8

// exampleType returns the type the plural head noun of a person, a place
// or an organization before "like", "such as" or "including" gives the
// examples after it, toks[first:last] or the list it ends ("companies like
// Scharffen Berger", "countries such as Algeria", "people like Yaqubi"),
// and whether there is one, where the name ends its noun phrase (see
// endsPhrase: "organisations such as Burns clubs"; nor before a possessive,
// "veterans including Bremen's Jens Todt", or "-based", "companies like
// Sitka-based Allen Marine"). No acronym is a person
// ("control characters such as ESC or SI").
func (g *grouper) exampleType(first, last int) (ner.Label, bool) {
	if !g.endsPhrase(last) || isPossessive(g.text1(last)) || g.basedAt(last) {
		return 0, false
	}
	l, ok := g.exampleList(first)
	return l, ok && !(l == ner.PER && isAllCaps(g.toks[first].Text))
}

// exampleRetypes reports whether a list's noun (see exampleType) retypes a
// name the tagger took for one of type label, unsure, as one of type l:
// a person's or a place's name may be an organization's ("companies like
// Telecom Italia", "companies like Nissan"), but places and organizations
// are also called by nouns for people ("neighbors like Korea", "artists
// like Public Enemy") and businesses by nouns for places ("stores such as
// Borders").
func exampleRetypes(label, l ner.Label) bool {
	return l == ner.ORG || l == ner.LOC && label == ner.PER
}

// exampleList is exampleType for the name at token first, before the
// checks of the name itself.
func (g *grouper) exampleList(first int) (ner.Label, bool) {
	n := len(g.items)
	for range maxExamples {
		if l, ok := g.exampleOf(first); ok {
			return l, true
		}
		k := first - 1
		if w := g.word(k); w == "and" || w == "or" {
			if g.text1(k-1) == "," {
				k--
			}
		} else if g.text1(k) != "," {
			return 0, false
		}
		if n == 0 || g.items[n-1].last != k {
			return 0, false
		}
		n--
		first = g.items[n].first
	}
	return 0, false
}

// exampleOf returns the type the plural head noun before "like", "such
// as" or "including" right before token first gives the name there.
func (g *grouper) exampleOf(first int) (ner.Label, bool) {
	k := first - 1
	switch {
	case g.lowerAt(k) == "like" || g.lowerAt(k) == "including":
		k--
	case g.lowerAt(k) == "as" && g.lowerAt(k-1) == "such":
		k -= 2
	default:
		return 0, false
	}
	w := g.lowerAt(k)
	t, ok := definition.HeadType(w)
	if !ok || t >= definition.MISC || !strings.HasSuffix(w, "s") {
		return 0, false // "a city like Paris" may compare
	}
	return definitionLabels[t], true
}
