package mention

import (
	"slices"
	"strings"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
)

// institutionHeads head an institution's name before "of" ("University of
// Texas") and a unit's after an ordinal ("101st Airborne Division").
var institutionHeads = lexicon.Set("institution-heads")

// maxHeadModifiers is how many capitalized words before an institution head
// belong to its name: "Federal Reserve Bank of New York".
const maxHeadModifiers = 3

// polityHeads head the name of a state, a territory or a body of water
// before "of": "Kingdom of Great Britain", "Gulf of Finland".
var polityHeads = lexicon.Set("polity-heads")

// countries are the names of countries in lower case ("united states of
// america").
var countries = normalized(lexicon.Set("countries"))

// longNameTags returns tags with the long names that the tagger cut at a
// lower-case connector or a number made whole:
//   - a tag just after "of" or "of the" that follows a capitalized
//     institution head takes in the connector, the head and up to three
//     capitalized words before it, as an organization's ("[Army] of the
//     [Rhine]", "National Library of the [Netherlands]", "London School of
//     [Economics]");
//   - so does a place's tag after a polity head, as a place's ("Kingdom of
//     [Mysore]", "Confederate States of [America]", "Gulf of [Finland]");
//   - a tag of a polity head alone takes in the adjective of origin the
//     tagger left out before it, as a place's ("the Ethiopian [Empire]",
//     see polityStart);
//   - a tag that ends in an institution head takes in an ordinal just before
//     it ("101st [Airborne Division]");
//   - an organization's tag that ends in a subject head takes in "on" and
//     the subject after it, two capitalized words or more ("[Commission] on
//     Presidential Debates"), and one that ends in a purpose head "for" and
//     the purpose ("[Kennedy Center] for the Performing Arts", see
//     subjectEnd);
//   - an organization's tag with an institution head before "of" in it
//     that ends before "and" takes in the capitalized words after it, a
//     second subject ("Graduate School of [Arts] and Sciences", "Department
//     of Housing and [Urban Development]", see coordinatedEnd);
//   - an organization's tag, or one the tagger could not place, takes in
//     a comma and a legal form after it ("[American Airlines], Inc.",
//     "[American Airlines] [Group, Inc.]", see legalFormEnd);
//   - a tag that opens with a given name and ends in an institution head
//     is an organization's and takes in a first name and "and" before it: a
//     couple's foundation ("[Bill] and [Melinda Gates Foundation]", see
//     coupleStart);
//   - a company's tag of one word and a legal form takes in the partner's
//     name and "and" before it ("Barnes and [Noble Inc]", see
//     partnersStart);
//   - any other name with a capitalized institution head before "of" in it
//     is an organization's, whatever type the tagger gave it ("National
//     Library of the Netherlands" as MISC, "Housing Authority of New
//     Orleans" as a place), and one with a polity head a place's ("United
//     States of America" as an organization).
//
// A tag inside the longer name gives way to it; where a tag crosses its
// edges, nothing changes.
func (g *grouper) longNameTags(tags []ner.Mention) []ner.Mention {
	var spans []ner.Mention
	x := &tagIndex{g: g, tags: tags}
	for _, m := range tags {
		if g.ck.Tick() != nil {
			return tags
		}
		if m.First < 0 || m.Last > len(g.toks) || m.First >= m.Last {
			continue
		}
		if sp, ok := g.longName(m); ok {
			spans = append(spans, sp)
		} else if end := g.epithetEnd(m, x); end > m.Last {
			spans = append(spans, ner.Mention{First: m.First, Last: end, Label: ner.PER})
		} else if first, last := g.nicknamed(m); last > first {
			spans = append(spans, ner.Mention{First: first, Last: last, Label: ner.PER})
		} else if first, last, l := g.particleJoined(m, x); last-first > m.Last-m.First {
			spans = append(spans, ner.Mention{First: first, Last: last, Label: l})
		} else if first := g.givenNameBefore(m, x); first >= 0 {
			spans = append(spans, ner.Mention{First: first, Last: m.Last, Label: ner.PER})
		} else if g.camelNamedPerson(m) {
			spans = append(spans, ner.Mention{First: m.First, Last: m.Last, Label: ner.PER})
		} else if first := g.polityStart(m, x); first < m.First {
			spans = append(spans, ner.Mention{First: first, Last: m.Last, Label: ner.LOC})
		} else if end := g.compassEnd(m, x); end > m.Last {
			spans = append(spans, ner.Mention{First: m.First, Last: end, Label: ner.LOC})
		} else if end := max(g.subjectEnd(m, x), g.coordinatedEnd(m, x), g.legalFormEnd(m, x)); end > m.Last {
			spans = append(spans, ner.Mention{First: m.First, Last: end, Label: ner.ORG})
		} else if first := min(g.coupleStart(m, x), g.partnersStart(m, x)); first < m.First {
			spans = append(spans, ner.Mention{First: first, Last: m.Last, Label: ner.ORG})
		}
	}
	if len(spans) == 0 {
		return tags
	}
	tags = slices.Clone(tags)
	for _, sp := range spans {
		tags = setLabel(tags, sp.First, sp.Last, sp.Label)
	}
	return tags
}

// longName returns the long name that tag m is part of or is (see
// longNameTags), and whether there is one.
func (g *grouper) longName(m ner.Mention) (ner.Mention, bool) {
	long := func(first int, l ner.Label) (ner.Mention, bool) {
		return ner.Mention{First: first, Last: m.Last, Label: l}, true
	}
	if first := g.headedFrom(m.First, institutionHeads); first >= 0 {
		return long(first, ner.ORG)
	}
	if first := g.ordinalBefore(m); first >= 0 {
		return long(first, ner.ORG)
	}
	if m.Label == ner.LOC {
		if first := g.headedFrom(m.First, polityHeads); first >= 0 {
			return long(first, ner.LOC)
		}
	}
	switch {
	case g.headedInside(m, institutionHeads):
		if m.Label != ner.ORG {
			return long(m.First, ner.ORG)
		}
	case m.Label != ner.LOC && g.headedInside(m, polityHeads):
		// A county or a state is as often its government: the tagger's
		// organization stays one unless the name is a country's.
		if m.Label != ner.ORG || countries[g.joinNorm(m.First, m.Last)] {
			return long(m.First, ner.LOC)
		}
	}
	return ner.Mention{}, false
}

// epithetEnd returns where the name of person's tag m ends when it is a
// given name alone, or with a regnal number, that no title opens, followed
// by "of" and a place's tag: the place names the person ("Maria of
// Portugal", "Alfonso XI of Castile", "Clement of Alexandria"). After a
// title the place is the realm ("King [Birendra] of [Nepal]"), and after a
// surname the country a player stands for ("[Thomas Muster] of
// [Austria]"). Else it returns m.Last.
func (g *grouper) epithetEnd(m ner.Mention, x *tagIndex) int {
	if m.Label != ner.PER || m.Last+1 >= len(g.toks) || g.lowerAt(m.Last) != "of" || m.Last-m.First > 2 ||
		m.Last-m.First == 2 && !g.regnalAt(m.First+1) || !g.givenName(m.First) || g.isTitleAt(m.First) ||
		m.First > 0 && (g.isTitleAt(m.First-1) || g.lowerAt(m.First-1) == "the") {
		return m.Last
	}
	if place, ok := x.at(m.Last + 1); ok && place.First == m.Last+1 && place.Label == ner.LOC && g.sameSentence(m.First, place.Last-1) {
		return place.Last
	}
	return m.Last
}

// maxNicknameWords is how many words a nickname in quotes may have:
// "Dwayne "The Rock" Johnson".
const maxNicknameWords = 3

// nicknamed returns the span of the person's name that tag m is part of
// when the name puts a nickname in quotes between a given name and a
// surname (`Jonas "jnz" Lindqvist`, `Thomas “Hitman” Hearns`): m ends in
// the given name or starts with the surname, and is a person's or the
// given name is one the name lists know. Else it returns an empty span.
func (g *grouper) nicknamed(m ner.Mention) (first, last int) {
	if m.Last < len(g.toks) && isDoubleQuote(g.toks[m.Last].Text) {
		if end := g.nicknameAfter(m.Last - 1); end > 0 && (m.Label == ner.PER || g.givenName(m.Last-1)) {
			return m.First, end
		}
	}
	if m.First > 0 && isDoubleQuote(g.toks[m.First-1].Text) {
		// m starts with the surname: look for the given name before the
		// quotes.
		for k := m.First - 3; k >= max(m.First-maxNicknameWords-3, 0); k-- {
			if g.nicknameAfter(k) == m.First+1 && (m.Label == ner.PER || g.givenName(k)) {
				return k, max(m.Last, m.First+1)
			}
		}
	}
	return 0, 0
}

// nicknameAfter returns the end of the surname when token i is a
// capitalized word followed by a nickname of up to maxNicknameWords words
// in quotes and a capitalized surname, in one sentence, the quotes hugging
// the nickname with a space outside each; else -1.
func (g *grouper) nicknameAfter(i int) int {
	open := i + 1
	if i < 0 || open+2 >= len(g.toks) || !isDoubleQuote(g.toks[open].Text) || g.gapAfter(i) != " " || g.gapAfter(open) != "" ||
		!isCapitalized(g.toks[i].Text) || g.smallWord(i) || g.adjectiveOfOrigin(i) || g.smallWord(open+1) {
		return -1 // not `In "On Fate" Alexander`, `Moses "and" Aaron`, `Welsh "mynydd" Cumbric`
	}
	for k := open + 2; k < len(g.toks)-1 && k <= open+maxNicknameWords+1; k++ {
		if !isDoubleQuote(g.toks[k].Text) {
			if !isWord(g.toks[k].Text) {
				return -1
			}
			continue
		}
		surname := k + 1
		if g.gapAfter(k-1) != "" || g.gapAfter(k) != " " || !isCapitalized(g.toks[surname].Text) ||
			!hasWordRune(g.toks[surname].Text) || !g.sameSentence(i, surname) {
			return -1
		}
		return surname + 1
	}
	return -1
}

// maxParticleWords is how many capitalized words a particle joins to a
// place's or an organization's name on either side.
const maxParticleWords = 3

// particleJoined returns the span of the place's or organization's name
// that tag m is part of when the tagger cut it at a particle in lower case
// between capitalized words ("[Casa] do Príncipe", "Cais do [Sodré]", "Rua
// de São João da [Praça]"), or m's own span, and its type: that of the tag
// the name opens with ("[Corporación Nacional del Cobre] de [Chile]", an
// organization).
func (g *grouper) particleJoined(m ner.Mention, x *tagIndex) (first, last int, l ner.Label) {
	first, last, l = m.First, m.Last, m.Label
	if m.Label != ner.LOC && m.Label != ner.ORG {
		return first, last, l
	}
	capitalizedAt := func(k int) bool {
		return k >= 0 && k < len(g.toks) && isCapitalized(g.toks[k].Text) && hasWordRune(g.toks[k].Text) && !g.smallWord(k)
	}
	particleAt := func(k int) bool {
		// Every particle starts with a "d": most tokens need no lookup.
		return k > 0 && k+1 < len(g.toks) && strings.HasPrefix(g.toks[k].Text, "d") && romanceParticles[g.toks[k].Text] &&
			g.sameSentence(k-1, k) && g.sameSentence(k, k+1)
	}
	for words := 0; particleAt(last) && capitalizedAt(last+1) && words < maxParticleWords; {
		last += 2
		for words++; capitalizedAt(last) && words < maxParticleWords; words++ {
			last++
		}
	}
	for words := 0; particleAt(first-1) && capitalizedAt(first-2) && words < maxParticleWords; {
		first -= 2
		for words++; capitalizedAt(first-1) && g.sameSentence(first-1, first) && words < maxParticleWords; words++ {
			first--
		}
	}
	if first < m.First && g.givenName(first) {
		first = m.First // a person's name: "Maria de [Castro]"
	}
	if first < m.First {
		if t, ok := x.at(first); ok && (t.Label == ner.LOC || t.Label == ner.ORG) {
			l = t.Label
		}
	}
	return first, last, l
}

// romanceParticles join the words of places' and organizations' names in
// Romance languages: "Cais do Sodré", "Université de Montréal", "Stadio
// della Roma". Each starts with a "d" (see particleJoined).
var romanceParticles = set(`da das de del della di do dos du`)

// adjectiveOfOrigin reports whether token i is a nationality's, a
// period's or a region's adjective ("Austrian", "Gothic", "Caribbean").
func (g *grouper) adjectiveOfOrigin(i int) bool {
	w := g.norm(i)
	return demonyms[w] || periodAdjectives[w] || regionAdjectives[w]
}

// gapAfter returns the text between token i and the next.
func (g *grouper) gapAfter(i int) string { return g.text[g.toks[i].End:g.toks[i+1].Start] }

// givenNameBefore returns where the name of person's tag m starts when
// the tagger left out a given name that opens it: the capitalized word a
// space before the tag, that no other name holds, made of given names
// joined by a hyphen that the name lists know ("Jacques-Louis | David"),
// or written with a second capital ("LeBron | James", see camelGivenName)
// and not on the lists of organizations. Else it returns -1.
func (g *grouper) givenNameBefore(m ner.Mention, x *tagIndex) int {
	k := m.First - 1
	if m.Label != ner.PER || k < 0 || !g.oneSpaceAfter(k) || !g.hyphenedGivenName(k) && !g.camelGivenNameAt(k) {
		return -1
	}
	if t, ok := x.at(k); ok && (t.Label != ner.MISC || t.First != k || t.Last != m.First) {
		return -1
	}
	return k
}

// hyphenedGivenName reports whether token k is capitalized given names
// joined by a hyphen, all of which the name lists know ("Jacques-Louis").
func (g *grouper) hyphenedGivenName(k int) bool {
	if !isCapitalized(g.toks[k].Text) || !strings.Contains(g.toks[k].Text, "-") {
		return false
	}
	for _, part := range strings.Fields(g.norm(k)) { // normalized, the hyphen is a space
		if lexicon.NameGender(part) == lexicon.UnknownGender {
			return false
		}
	}
	return true
}

// camelGivenNameAt reports whether token k is a given name written with a
// second capital (see camelGivenName) that the lists of organizations do
// not know.
func (g *grouper) camelGivenNameAt(k int) bool {
	return camelGivenName(g.toks[k].Text) && !g.listedOrganization(k, k+1)
}

// camelNamedPerson reports whether tag m, not a person's, is a person's
// name of two words that opens with a given name written with a second
// capital, which the tagger, taught that such words are companies'
// ("OpenAI", "DeepMind"), read as an organization's ("LaMelo Ball"): no
// list knows the name, and its second word ends no company's,
// institution's or place's name (not "DePaul University", "LaSalle Bank").
func (g *grouper) camelNamedPerson(m ner.Mention) bool {
	if m.Label == ner.PER || m.Last-m.First != 2 || !g.camelGivenNameAt(m.First) || !isCapitalized(g.toks[m.First+1].Text) ||
		!isNameWord(g.norm(m.First+1)) || g.listedOrganization(m.First, m.Last) {
		return false
	}
	w := g.norm(m.First + 1)
	return !corporateEnds[w] && !industryEnds[w] && !institutionHeads[w] && !placeEnds[w] && !organizationEnds[w]
}

// camelNamePrefixes open given names written with a second capital:
// "LeBron", "DeShawn", "LaMelo", "JaVale", "KeShawn", "DaQuan". Not "Mc",
// "Di" or "Du", which open surnames and companies' names ("McKinsey",
// "DiCaprio", "DuPont"), nor the first syllables of other words written so
// ("SoCal", "DyDee", "OnThursday").
var camelNamePrefixes = set(`da de ja ka ke la le`)

// camelGivenName reports whether w is written as given names such as
// "LeBron" are: a prefix of camelNamePrefixes, a capital and two small
// letters or more.
func camelGivenName(w string) bool {
	if len(w) < 5 || !isASCIIUpper(w[0]) || !isASCIILower(w[1]) || !isASCIIUpper(w[2]) ||
		!camelNamePrefixes[string([]byte{w[0] + 'a' - 'A', w[1]})] {
		return false
	}
	for i := 3; i < len(w); i++ {
		if !isASCIILower(w[i]) {
			return false
		}
	}
	return true
}

func isASCIIUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

func isASCIILower(c byte) bool { return 'a' <= c && c <= 'z' }

// oneSpaceAfter reports whether a single space, no line break or
// punctuation, stands between token i and the next.
func (g *grouper) oneSpaceAfter(i int) bool {
	return i+1 < len(g.toks) && g.text[g.toks[i].End:g.toks[i+1].Start] == " "
}

// compassEnd returns where the name of place's tag m ends when the tagger
// cut it after a compass word: a place's tag that ends in one, a space
// before another place's tag, is one place with it ("New South | Wales",
// "Southwest | Alaska", "Federal Republic of Central | America"). Else it
// returns m.Last.
func (g *grouper) compassEnd(m ner.Mention, x *tagIndex) int {
	if m.Label != ner.LOC || !compassWords[g.norm(m.Last-1)] || !g.oneSpaceAfter(m.Last-1) {
		return m.Last
	}
	if next, ok := x.at(m.Last); ok && next.First == m.Last && next.Label == ner.LOC {
		return next.Last
	}
	return m.Last
}

// subjectHeads head the names of bodies named after their subject with
// "on": "Council on Foreign Relations"; purposeHeads those named after their
// purpose with "for": "Centre for Irish and Scottish Studies".
var (
	subjectHeads = lexicon.Set("subject-heads")
	purposeHeads = lexicon.Set("purpose-heads")
)

// subjectConnectors may join the words of a subject: "Energy and Commerce",
// "Status of Women". "the" may follow "on", "for" or "of" only: "and the"
// starts another name.
var subjectConnectors = set(`and of for in`)

// maxSubjectTokens is how many tokens a subject after "on" may have.
const maxSubjectTokens = 6

// subjectEnd returns where the name of organization's tag m ends when m
// ends in a capitalized subject head followed by "on", or a purpose head
// followed by "for", and a subject of two capitalized words or more in its
// sentence ("[Commission] on Presidential Debates", "[Committee] on Energy
// and [Commerce]", "on the Status of Women", "[Kennedy Center] for the
// Performing Arts"), or m.Last. A place or a person in the subject ends it:
// "the Security Council on North Korea" is no name; nor is a day or a
// single word ("the Council on Tuesday", "on Syria").
func (g *grouper) subjectEnd(m ner.Mention, x *tagIndex) int {
	on := m.Last
	if m.Label != ner.ORG || on+2 >= len(g.toks) || !isCapitalized(g.toks[on-1].Text) {
		return m.Last
	}
	switch head := g.norm(on - 1); g.toks[on].Text {
	case "on":
		if !subjectHeads[head] {
			return m.Last
		}
	case "for":
		if !purposeHeads[head] {
			return m.Last
		}
	default:
		return m.Last
	}
	end, words := on+1, 0
	if g.toks[end].Text == "the" {
		end++
	}
	for k := end; k < len(g.toks) && k-on <= maxSubjectTokens && g.sameSentence(on, k) && !x.inPlaceOrPerson(k); k++ {
		t := g.toks[k].Text
		switch {
		case isCapitalized(t) && hasWordRune(t) && !weekdays[g.norm(k)] && !subjectHeads[g.norm(k)]:
			words++
			end = k + 1
			continue
		case subjectConnectors[t], t == "the" && g.toks[k-1].Text == "of":
			continue
		}
		break
	}
	if words < 2 {
		return m.Last
	}
	return end
}

// maxSecondSubject is how many capitalized words a second subject after
// "and" may have: "Department of Health and Human Services".
const maxSecondSubject = 3

// coordinatedEnd returns where the name of organization's tag m ends when m
// has a capitalized institution head before "of" in it and ends before
// "and" or "&", followed by a second subject of up to three capitalized
// words in its sentence ("Graduate School of Arts and Sciences",
// "Department of Housing and [Urban Development]"), or m.Last. The words
// after "and" are another name, and end nothing, when they are an acronym,
// end in an institution head or a legal form ("University of Michigan and
// Indiana University"), are inside a place's or a person's tag, or a tag
// the tagger was sure of ("Bank of America and [Merrill Lynch]").
func (g *grouper) coordinatedEnd(m ner.Mention, x *tagIndex) int {
	and := m.Last
	if m.Label != ner.ORG || and+1 >= len(g.toks) || !g.andAt(and) ||
		!g.headedInside(m, institutionHeads) {
		return m.Last
	}
	end := and + 1
	for end < len(g.toks) && end-and <= maxSecondSubject && g.sameSentence(and, end) {
		t := g.toks[end].Text
		if !isCapitalized(t) || !hasWordRune(t) || len(t) > 1 && isAllCaps(t) || x.inPlaceOrPerson(end) || x.inSureTag(end) {
			break
		}
		end++
	}
	if end == and+1 || end-and > maxSecondSubject || g.nameAt(end) {
		return m.Last // no second subject, or a longer name after "and"
	}
	if w := g.norm(end - 1); institutionHeads[w] || corporateEnds[w] {
		return m.Last
	}
	return end
}

// coupleStart returns where the name of tag m, an organization's, starts
// when m opens with a given name and ends in a capitalized institution head
// (whatever type the tagger gave it), and a first name and "and" or "&"
// come right before it, or m.First: a couple's foundation ("[Bill] and
// [Melinda Gates Foundation]", "[Stella] and [Charles Guttman
// Foundation]"). The first name is a given name or a person's tag of one
// word, not inside a longer tag nor an organization's.
func (g *grouper) coupleStart(m ner.Mention, x *tagIndex) int {
	and, p := m.First-1, m.First-2
	if p < 0 || m.Last-m.First < 2 || !g.andAt(and) ||
		!isCapitalized(g.toks[p].Text) || !g.givenName(m.First) ||
		!institutionHeads[g.norm(m.Last-1)] || !isCapitalized(g.toks[m.Last-1].Text) {
		return m.First
	}
	t, tagged := x.at(p)
	if tagged && (t.First != p || t.Last != p+1 || t.Label == ner.ORG) || !(tagged && t.Label == ner.PER) && !g.givenName(p) {
		return m.First
	}
	return p
}

// partnersStart returns where the name of tag m starts when m is one word
// and a legal form ("Noble Inc", "Gamble Co") and "and" or "&" and another
// word come right before it, or m.First: a company named after its
// partners ("Barnes and Noble Inc", "Procter and Gamble Co"). The other
// word is untagged or a tag of its own the tagger was unsure of, no word
// on the lists of organizations ("Nvidia and SoftBank Group"), and no
// person's name of the text ends in it ("Musk and Tesla Inc" beside "Elon
// Musk").
func (g *grouper) partnersStart(m ner.Mention, x *tagIndex) int {
	and, p := m.First-1, m.First-2
	if p < 0 || m.Last-m.First != 2 || !legalForms[g.norm(m.Last-1)] || !g.andAt(and) ||
		!g.nameAt(p) || !g.sameSentence(p, m.First) ||
		p > 0 && (isCapitalized(g.toks[p-1].Text) || g.toks[p-1].Text == ")") && g.sameSentence(p-1, p) || corporateSuffixes[g.norm(p)] {
		return m.First // "Sony Corp", not "(U.K.) Ltd and Sony Corp"
	}
	if g.organizationWord(p) {
		return m.First // "Nvidia and Sony Corp": a company of its own
	}
	if t, tagged := x.at(p); tagged && (t.First != p || t.Last != p+1 || t.Confidence >= sureConfidence) || x.surname(g.norm(p)) {
		return m.First
	}
	return p
}

// polityStart returns where the name of tag m starts when m is a polity
// head alone ("Empire", "Kingdom", "Caliphate") and a capitalized adjective
// of origin stands right before it, untagged or tagged alone as a name the
// tagger could not place: the state it names ("the Ethiopian Empire", "the
// Abbasid Caliphate"). Else it returns m.First.
func (g *grouper) polityStart(m ner.Mention, x *tagIndex) int {
	k := m.First - 1
	if m.Last-m.First != 1 || k < 0 || !polityHeads[g.norm(m.First)] || !isCapitalized(g.toks[k].Text) ||
		!g.adjectiveOfOrigin(k) || !g.oneSpaceAfter(k) {
		return m.First
	}
	if t, ok := x.at(k); ok && (t.Label != ner.MISC || t.First != k || t.Last != m.First) {
		return m.First
	}
	return k
}

// legalFormEnd returns where the name of tag m ends when m is an
// organization's or one the tagger could not place and a comma and a legal
// form follow it, which the tagger left out or tagged apart with the word
// before them: "[American Airlines], Inc.", "[American Airlines] [Group,
// Inc.]"; not where m ends in one ("Meritor, Inc. Cummins, Inc.") nor
// before a state's postal code or a place's tag ("Denver-Aurora, CO").
// Else it returns m.Last.
func (g *grouper) legalFormEnd(m ner.Mention, x *tagIndex) int {
	if m.Label != ner.ORG && m.Label != ner.MISC || legalForms[g.norm(m.Last-1)] {
		return m.Last
	}
	legalFormAt := func(i int) bool { return legalForms[g.word(i)] && !g.isPostalCode(i) }
	k := m.Last
	if t, ok := x.at(k); ok && t.First == k && t.Last == k+3 && t.Label == ner.ORG && g.text1(k+1) == "," &&
		legalFormAt(k+2) && g.oneSpaceAfter(k-1) {
		return t.Last
	}
	if g.text1(k) != "," || !legalFormAt(k+1) || !g.sameSentence(k, k+1) {
		return m.Last
	}
	if t, ok := x.at(k + 1); ok && (t.First != k+1 || t.Last != k+2 || t.Label == ner.LOC) {
		return m.Last
	}
	return k + 2
}

// andAt reports whether token i is "and" or "&", which join the words of
// a name ("Procter and Gamble", "Bill & Melinda").
func (g *grouper) andAt(i int) bool {
	return g.word(i) == "and" || g.text1(i) == "&"
}

// tagIndex answers which tag covers a token and which words end people's
// names of several words, among tags, making its tables the first time it
// is asked: scanning every tag for every question would make a long text of
// names cost the square of its length.
type tagIndex struct {
	g        *grouper
	tags     []ner.Mention
	cover    []int32         // cover[k]: the index of the tag over token k, or -1
	surnames map[string]bool // the normalized last words of people's tags of several words
	people   map[string]bool // the normalized words of people's tags (see writtenApart)
}

// at returns the tag over token k, if there is one.
func (x *tagIndex) at(k int) (ner.Mention, bool) {
	if x.cover == nil {
		x.cover = make([]int32, len(x.g.toks))
		for i := range x.cover {
			x.cover[i] = -1
		}
		for i, m := range x.tags {
			for j := max(m.First, 0); j < min(m.Last, len(x.cover)); j++ {
				if x.cover[j] < 0 {
					x.cover[j] = int32(i)
				}
			}
		}
	}
	if k < 0 || k >= len(x.cover) || x.cover[k] < 0 {
		return ner.Mention{}, false
	}
	return x.tags[x.cover[k]], true
}

// surname reports whether a person's tag of several words ends in the
// normalized word w.
func (x *tagIndex) surname(w string) bool {
	if x.surnames == nil {
		x.surnames = map[string]bool{}
		for _, m := range x.tags {
			if m.Label == ner.PER && m.Last-m.First >= 2 && m.First >= 0 && m.Last <= len(x.g.toks) {
				x.surnames[x.g.norm(m.Last-1)] = true
			}
		}
	}
	return x.surnames[w]
}

// inSureTag reports whether token k is inside a tag the tagger was sure of.
func (x *tagIndex) inSureTag(k int) bool {
	m, ok := x.at(k)
	return ok && m.Confidence >= sureConfidence
}

// inPlaceOrPerson reports whether token k is inside a tag of a place or a
// person.
func (x *tagIndex) inPlaceOrPerson(k int) bool {
	m, ok := x.at(k)
	return ok && (m.Label == ner.LOC || m.Label == ner.PER)
}

// headedFrom returns where a long name starts when the name at token i
// follows "<Head> of" or "<Head> of the" with a head of heads (see
// longNameTags), or -1.
func (g *grouper) headedFrom(i int, heads map[string]bool) int {
	of := i - 1
	if of >= 0 && g.toks[of].Text == "the" {
		of--
	}
	h := of - 1
	if h < 0 || g.toks[of].Text != "of" || !isCapitalized(g.toks[h].Text) || !heads[g.norm(h)] || !g.sameSentence(h, i) {
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

// headedInside reports whether tag m has a capitalized head of heads
// followed by "of" inside it, in any case: the tagger took the words for one
// name, also in text in capitals ("NATIONAL LIBRARY OF THE NETHERLANDS"),
// where headedFrom's capitals say nothing ("EASTERN PROVINCE OF
// [ZHEJIANG]").
func (g *grouper) headedInside(m ner.Mention, heads map[string]bool) bool {
	for h := m.First; h+2 < m.Last; h++ {
		if g.norm(h+1) == "of" && isCapitalized(g.toks[h].Text) && heads[g.norm(h)] {
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
	if !isDigits(w[:n-2]) {
		return false
	}
	switch w[n-2:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}
