package coref

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
)

// A sieve decides whether the words at a token refer to an entity: it
// returns the entity, the token just past the words, and true.
type sieve struct {
	name string
	kind doc.Kind
	try  func(r *resolver, k int) (ent, last int, ok bool)
	// quiet sieves' mentions are no antecedents of later pronouns: "I"
	// and "you" do not make their person the one "he" refers to.
	quiet bool
	// definite sieves decide only at a definite article (see definite).
	definite bool
}

// sieves are tried in order at every token that is not part of a name; the
// first that decides wins. Descriptions the text itself defines come first,
// generic ones after, pronouns last.
var sieves = []sieve{
	{"appositive", doc.Nominal, (*resolver).appositive, false, false},
	{"predicate", doc.Nominal, (*resolver).predicate, false, false},
	{"relation", doc.Nominal, (*resolver).relation, false, false},
	{"role", doc.Nominal, (*resolver).role, false, true},
	{"organization-description", doc.Nominal, (*resolver).orgDescription, false, true},
	{"place-description", doc.Nominal, (*resolver).placeDescription, false, true},
	{"own-country", doc.Nominal, (*resolver).ownCountry, false, false},
	{"person-description", doc.Nominal, (*resolver).personDescription, false, true},
	{"demonstrative", doc.Pronoun, (*resolver).demonstrative, false, false},
	{"first-person", doc.Pronoun, (*resolver).firstPerson, true, false},
	{"second-person", doc.Pronoun, (*resolver).secondPerson, true, false},
	{"personal-pronoun", doc.Pronoun, (*resolver).personalPronoun, false, false},
	{"neuter-pronoun", doc.Pronoun, (*resolver).neuterPronoun, false, false},
	{"organization-plural", doc.Pronoun, (*resolver).organizationPlural, false, false},
}

// ungatedSieves are the sieves that may decide at a token that is neither
// a pronoun nor a definite article, in the same order.
var ungatedSieves = func() []sieve {
	var out []sieve
	for _, s := range sieves {
		if s.kind != doc.Pronoun && !s.definite {
			out = append(out, s)
		}
	}
	return out
}()

// definite reports whether token k opens a definite description: "the",
// or "this" (as in "this president").
func (r *resolver) definite(k int) bool {
	w := r.d.Lower[k]
	return (w == "the" || w == "this") && k+1 < len(r.d.Toks)
}

// endsPhrase reports whether token k (or the end of the text) can follow a
// noun phrase's head: punctuation, a possessive, a function word, a verb.
func (r *resolver) endsPhrase(k int) bool {
	if k >= len(r.d.Toks) {
		return true
	}
	w := r.d.Lower[k]
	c, _ := utf8.DecodeRuneInString(r.d.Toks[k].Text)
	switch {
	case !unicode.IsLetter(c):
		return true
	case w == "of":
		return false // a post-modifier: "the village of Clyst St. Mary"
	case c != unicode.ToLower(c):
		return false // a name goes on: "the Russian State Military Archive"
	case clitic(w) || phraseEnds.MayHave(w) && (stopWords[w] || speechVerbs[w] || auxiliaries[w]):
		return true
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		return true
	}
	return false
}

// phraseEnds turns away most other words before the lists of endsPhrase are
// looked up.
var phraseEnds = lexicon.LengthsOf(stopWords, speechVerbs, auxiliaries)

// demonstrative: "That" in "That's Rezwan.", "It" in "It's Marcia."
// opening a sentence (or after a clause opener: "And that's Pantha."), for
// the person named right after the verb.
func (r *resolver) demonstrative(k int) (int, int, bool) {
	w := r.d.Lower[k]
	if !demonstratives[w] && w != "it" || k+2 >= len(r.d.Toks) {
		return 0, 0, false
	}
	if !r.sentenceStart(k) && (k == 0 || !clauseOpeners[r.d.Lower[k-1]] || !r.sentenceStart(k-1)) {
		return 0, 0, false
	}
	if v := r.d.Lower[k+1]; !clitic(v) && v != "is" && v != "was" {
		return 0, 0, false
	}
	j := k + 2
	for j < len(r.d.Toks) && r.titleWord(j) {
		j++ // "This is Mrs. Pellegrino"
	}
	e := r.person(j)
	if e < 0 {
		return 0, 0, false
	}
	if end := r.nameEnd(j, e); end < len(r.d.Toks) && clitic(r.d.Lower[end]) {
		return 0, 0, false // "It was Incaviglia's sixth grand slam"
	}
	return e, k + 1, true
}

// relation: "wife" in "his wife Manju Sam", a noun of a relation between a
// possessive and a person's name, for that person.
func (r *resolver) relation(k int) (int, int, bool) {
	if k == 0 || !relationNouns[r.d.Lower[k]] || !possessives[r.d.Lower[k-1]] {
		return 0, 0, false
	}
	e := r.person(k + 1)
	return e, k + 1, e >= 0
}

// maxPredicateWords is the most words a predicate description takes after
// its determiner: "a small provincial village".
const maxPredicateWords = 5

// maxAsideTokens is the longest aside in brackets between a subject and
// its verb.
const maxAsideTokens = 20

// predicate: "a small fishing town" in "Coron is a small fishing town" (or
// "It is the largest town", the pronoun resolved), up to a word that ends
// the phrase ("the largest town on the island"), for the entity named or
// referred to just before the verb; not for a name after a preposition
// ("the King of Athens was a legend").
func (r *resolver) predicate(k int) (int, int, bool) {
	if k < 3 {
		return 0, 0, false
	}
	// the determiner: "a", "an", "the" at k, or a possessive before k,
	// which is a pronoun of its own ("is our editor")
	det, from := k, k+1
	if possessives[r.d.Lower[k-1]] {
		det, from = k-1, k
	} else if w := r.d.Lower[k]; w != "a" && w != "an" && w != "the" {
		return 0, 0, false
	}
	v := det - 1
	if a := r.d.Lower[v]; copulaAdverbs[a] || len(a) > 4 && strings.HasSuffix(a, "ly") {
		v-- // "was just a small village", "is currently the largest"
	}
	if v < 1 || !r.predicateVerb(v) {
		return 0, 0, false
	}
	e := r.subjectEndingAt(v)
	if e < 0 {
		e = r.personBeforeWho(v)
	}
	if e < 0 {
		return 0, 0, false
	}
	end := r.descriptionEnd(from)
	if end == from || end < len(r.d.Toks) && clitic(r.d.Lower[end]) {
		return 0, 0, false // "the league's first 19-game winner" is not the league
	}
	return e, end, true
}

// personBeforeWho returns the person named before ", who" ending just
// before token k ("Jason, who is the editor"), not after a preposition, or
// -1.
func (r *resolver) personBeforeWho(k int) int {
	if k < 3 || r.d.Lower[k-1] != "who" || r.d.Lower[k-2] != "," {
		return -1
	}
	e := r.entAt[k-3]
	if e < 0 || r.ents[e].Label != ner.PER {
		return -1
	}
	first := r.nameStart(k-3, e)
	if first > 0 && prepositions[r.d.Lower[first-1]] {
		return -1
	}
	return e
}

// asideBefore returns where an aside in brackets and a comma before token
// k begin ("Athens (Greek: Αθήνα), is"), or k.
func (r *resolver) asideBefore(k int) int {
	if k < 4 || r.d.Lower[k-1] != "," || r.d.Lower[k-2] != ")" {
		return k
	}
	for j := k - 3; j > 0 && j >= k-maxAsideTokens; j-- {
		if r.d.Lower[j] == "(" {
			return j
		}
	}
	return k
}

// predicateVerb reports whether token k is a form of be after a subject:
// "is", "was", or "'s" after a pronoun ("he's a copywriter"; after a name it
// is rather a possessive).
func (r *resolver) predicateVerb(k int) bool {
	w := r.d.Lower[k]
	if clitic(w) {
		return k > 0 && subjectPronouns[r.d.Lower[k-1]]
	}
	return predicateVerbs[w]
}

// clitic reports whether w is the clitic "'s" (is, has, or a possessive).
func clitic(w string) bool { return w == "'s" || w == "’s" }

// descriptionEnd returns the end of the description's words from token
// from on: at most maxPredicateWords of them (see predicateWord).
func (r *resolver) descriptionEnd(from int) int {
	end := from
	for end < len(r.d.Toks) && end-from < maxPredicateWords && r.predicateWord(end) {
		end++
	}
	return end
}

// predicateWord reports whether token k can go on a predicate description:
// a word that is no name, pronoun, preposition or function word.
func (r *resolver) predicateWord(k int) bool {
	w := r.d.Lower[k]
	c, _ := utf8.DecodeRuneInString(w)
	return r.entAt[k] < 0 && (unicode.IsLetter(c) || unicode.IsDigit(c)) && isWord(w) &&
		!stopWords[w] && !prepositions[w] && !pronounWords[w]
}

// subjectEndingAt returns the entity of the name, or of the subject
// pronoun the stage resolved, that ends just before token k and opens its
// clause (at a sentence's start, after punctuation, a clause opener or a
// title), or -1.
func (r *resolver) subjectEndingAt(k int) int {
	k = r.asideBefore(k)
	first, e := k-1, r.entAt[k-1]
	if e >= 0 {
		first = r.nameStart(first, e)
	} else if n := len(r.decided); n > 0 && r.decided[n-1].Last == k && subjectPronouns[r.d.Lower[k-1]] {
		first, e = r.decided[n-1].First, r.decided[n-1].Entity
	} else {
		return -1
	}
	if first == 0 || r.sentenceStart(first) {
		return e
	}
	if prev := r.d.Lower[first-1]; !hasWord(prev) || clauseOpeners[prev] || r.titleWord(first-1) {
		return e
	}
	return -1
}

// role: "the health minister" where the text has given that role to one
// person ("Pate, the health minister," or "Health Minister Pate"); a role
// written with a capital ends before a word in lower case other than "of"
// ("hold this President accountable").
func (r *resolver) role(k int) (int, int, bool) {
	if !r.definite(k) || len(r.roles) == 0 {
		return 0, 0, false
	}
	for j := min(k+4, len(r.d.Toks)-1); j > k; j-- {
		if !r.endsPhrase(j+1) && !r.endsTitle(j) {
			continue
		}
		r.phraseBuf = r.appendPhrase(r.phraseBuf[:0], k+1, j+1)
		if len(r.phraseBuf) == 0 {
			continue
		}
		if e, ok := r.roles[string(r.phraseBuf)]; ok && e >= 0 && r.seenBefore(e, k) && !r.d.InQuote[k] {
			return e, j + 1, true
		}
	}
	return 0, 0, false
}

// endsTitle reports whether token j is a capitalized word inside a sentence
// and the next one a word in lower case other than "of", which a title
// does not run on into: "this President accountable", but "the President
// of that country".
func (r *resolver) endsTitle(j int) bool {
	if j+1 >= len(r.d.Toks) || r.sentenceStart(j) || r.d.Lower[j+1] == "of" {
		return false
	}
	c, _ := utf8.DecodeRuneInString(r.d.Toks[j].Text)
	n, _ := utf8.DecodeRuneInString(r.d.Toks[j+1].Text)
	return unicode.IsUpper(c) && unicode.IsLower(n)
}

// phrase returns the lower-case words toks[lo:hi] joined by spaces, or ""
// when one of them is not a word.
func (r *resolver) phrase(lo, hi int) string { return string(r.appendPhrase(nil, lo, hi)) }

// appendPhrase is phrase appended to b; it leaves b as it was when one of
// the words is not a word.
func (r *resolver) appendPhrase(b []byte, lo, hi int) []byte {
	n := len(b)
	for i := lo; i < hi; i++ {
		w := r.d.Lower[i]
		if !isWord(w) || r.entAt[i] >= 0 {
			return b[:n]
		}
		if i > lo {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return b
}

func isWord(w string) bool {
	for _, c := range w {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '-' && c != '.' {
			return false
		}
	}
	return w != ""
}

// seenBefore reports whether entity e has a mention before token k.
func (r *resolver) seenBefore(e, k int) bool {
	return len(r.ents[e].Mentions) > 0 && r.ents[e].Mentions[0].First < k
}

// headAt returns the head of a definite description "the X" at k (the
// word X) when X is a single word ending the phrase.
func (r *resolver) headAt(k int) (string, bool) {
	if !r.definite(k) || !r.endsPhrase(k+2) || r.entAt[k+1] >= 0 {
		return "", false
	}
	return r.d.Lower[k+1], true
}

// orgDescription: "the company" for the organization whose name has that
// word ("the church" for the Church of Scientology), else for the one
// organization named in the sentences just before.
func (r *resolver) orgDescription(k int) (int, int, bool) {
	h, ok := r.headAt(k)
	if !ok || !orgDescriptions[h] || r.d.Lower[k] != "the" {
		return 0, 0, false
	}
	isOrg := func(e int) bool { return r.ents[e].Label == ner.ORG }
	if e, ok := r.named(k, h, isOrg); ok {
		return e, k + 2, true
	}
	e, ok := r.only(k, descriptionWindow, isOrg)
	return e, k + 2, ok
}

// placeDescription: "the city" ("this city", not in a quotation) for the
// one city named in the sentences just before, "the country" ("this
// country") for the one country, "the island" for the place whose name has
// that word or the one place named; else for the place of that kind the
// text is about (see topic).
func (r *resolver) placeDescription(k int) (int, int, bool) {
	h, ok := r.headAt(k)
	if !ok || !cityWords[h] && !countryWords[h] && !placeWords[h] || r.d.Lower[k] != "the" && (placeWords[h] || cityWords[h] && r.d.InQuote[k]) {
		return 0, 0, false
	}
	isPlace := func(e int) bool {
		if r.ents[e].Label != ner.LOC {
			return false
		}
		country := r.isCountry(e)
		if cityWords[h] && (namesOtherKind(r.ents[e].Name) || r.container[e]) {
			return false // "this city" is not the "State of Pennsylvania", nor "Oregon" of "Portland, Oregon"
		}
		return countryWords[h] && country || !countryWords[h] && !country
	}
	if e, ok := r.named(k, h, isPlace); ok {
		return e, k + 2, true
	}
	if e, ok := r.only(k, descriptionWindow, isPlace); ok {
		return e, k + 2, true
	}
	// the place the text is about ("Athens ... the city"): for a city or a
	// country the one of that kind, as a text about a city names its country
	t := r.topic(ner.LOC)
	if !placeWords[h] {
		t = r.mostNamed(isPlace)
	}
	if t >= 0 && isPlace(t) && r.seenBefore(t, k) {
		return t, k + 2, true
	}
	return 0, 0, false
}

// ownCountry: "our country", "my nation" for the one country named in the
// sentences just before, else for the country the text names most, before
// or after ("In the history of our nation, ... These United States ...").
// Not in a quotation, whose speaker's country the text may not name.
func (r *resolver) ownCountry(k int) (int, int, bool) {
	if !ownerWords[r.d.Lower[k]] || r.d.InQuote[k] || k+1 >= len(r.d.Toks) || !countryWords[r.d.Lower[k+1]] || r.entAt[k+1] >= 0 || !r.endsPhrase(k+2) {
		return 0, 0, false
	}
	isCountry := func(e int) bool { return r.ents[e].Label == ner.LOC && r.isCountry(e) }
	if e, ok := r.only(k, descriptionWindow, isCountry); ok {
		return e, k + 2, true
	}
	if e := r.mostNamed(isCountry); e >= 0 {
		return e, k + 2, true
	}
	return 0, 0, false
}

// isCountry reports whether entity e's name is a country's.
func (r *resolver) isCountry(e int) bool { return countries[strings.ToLower(r.ents[e].Name)] }

// namesOtherKind reports whether a place's name has a word for a place that
// is no city: "State of Pennsylvania", "Kent County".
func namesOtherKind(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if placeWords[w] || countryWords[w] {
			return true
		}
	}
	return false
}

// named returns the entity ok accepts, mentioned last before token k, whose
// name has the word head: "the lake" for "Lake Tahoe". A name the word
// heads (its last word, or the one before "of") comes first: "the
// university" is the "Pennsylvania State University", not the "Office of
// University Relations" named after it.
func (r *resolver) named(k int, head string, ok func(e int) bool) (int, bool) {
	found := -1
	for i := len(r.events) - 1; i >= 0; i-- {
		ev := r.events[i]
		if ev.tok >= k || !ok(ev.ent) {
			continue
		}
		words := strings.Fields(strings.ToLower(r.ents[ev.ent].Name))
		for j, w := range words {
			if w != head {
				continue
			}
			if j == len(words)-1 || words[j+1] == "of" {
				return ev.ent, true
			}
			if found < 0 {
				found = ev.ent
			}
		}
	}
	return found, found >= 0
}

// personDescription: "the 45-year-old", "the Dutchman", "the rookie" for
// the one person named in the sentences just before.
func (r *resolver) personDescription(k int) (int, int, bool) {
	h, ok := r.headAt(k)
	if !ok || r.d.Lower[k] != "the" || !personWords[h] && !strings.HasSuffix(h, "-year-old") {
		return 0, 0, false
	}
	e, ok := r.only(k, pronounWindow, func(e int) bool { return r.ents[e].Label == ner.PER })
	return e, k + 2, ok
}
