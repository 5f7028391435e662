package mention

import "github.com/entityextraction/extractd/extractor/ner"

// orgBefore are nouns that, between a modifier and a name, say the name is
// an organization's: "research firm Teikoku Databank", "iPhone maker Apple",
// "Japanese carmaker Toyota". After a bare determiner they need not ("the
// company Smith founded").
var orgBefore = set(`firm company carmaker automaker retailer insurer lender brokerage airline
	conglomerate startup start-up chipmaker broadcaster maker developer publisher`)

// determiners before an orgBefore noun leave the name's type to the tagger.
var determiners = set(`a an the this that these those its their his her our`)

// orgFounded are nouns that, just after a name, say it names an
// organization, whatever the tagger thought: "Amazon founder Jeff Bezos".
var orgFounded = set(`founder co-founder cofounder`)

// orgStaff are nouns that, just after a name the tagger took for a person, or
// before "at" and the name, say it names an employer: "a Jefferies analyst",
// "analysts at Raymond James". After a place they usually say where ("a
// Chicago economist"), so a place keeps its label.
var orgStaff = set(`analyst analysts economist economists strategist strategists employee employees
	researcher researchers`)

// contextLabel returns ORG when the words around toks[first:last], tagged
// label, say it is an organization, and label otherwise.
func (g *grouper) contextLabel(first, last int, label ner.Label) ner.Label {
	if label != ner.PER && label != ner.LOC {
		return label
	}
	word := func(i int) string { // lower-cased, "" outside the text
		if i < 0 || i >= len(g.toks) {
			return ""
		}
		return g.norm(i)
	}
	lowerAt := func(i int) string { // "" if capitalized: part of another name
		if i < 0 || i >= len(g.toks) || isCapitalized(g.toks[i].Text) {
			return ""
		}
		return g.norm(i)
	}
	before, after := lowerAt(first-1), lowerAt(last)
	switch {
	case orgBefore[before] && !determiners[word(first-2)], orgFounded[after]:
		return ner.ORG
	case label == ner.PER && (orgStaff[after] || before == "at" && orgStaff[word(first-2)]):
		return ner.ORG
	}
	return label
}
