package mention

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/money"
	"github.com/entityextraction/extractd/extractor/ner"
)

// Organization cues: words around a name that say it is an organization's.
// They settle the type of a name the tagger took for a person or a place,
// and find camel-case names it missed ("OpenAI", "xAI"), which the 1996
// newswire it learned from hardly has.

// orgBefore are nouns that, between a modifier and a name, say the name is
// an organization's: "research firm Teikoku Databank", "iPhone maker Apple",
// "Japanese carmaker Toyota", "Egyptian newspaper Al-Ahram" (newspapers and
// magazines are organizations in the labelled data: after "newspaper",
// "tabloid" and "daily" 21 names of 22 in CoNLL-2003; not "daily" and
// "weekly", which also qualify other words, nor "journal", whose names GUM
// reads as works). After a bare determiner they need not ("the company
// Smith founded").
var orgBefore = set(`firm company carmaker automaker retailer insurer lender brokerage airline
	conglomerate startup start-up chipmaker drugmaker consultancy miner regulator watchdog charity
	newspaper magazine tabloid bourse network`)

// determiners before an orgBefore noun leave the name's type to the tagger.
var determiners = set(`a an the this that these those its their his her our`)

// orgAppositive are nouns that head an appositive saying what an
// organization is: "OpenAI, the maker of ChatGPT", "DeepMind, a unit of
// Alphabet", and, before the name, "its AI company, xAI,".
var orgAppositive = set(`unit subsidiary division company firm startup start-up lender insurer carmaker
	automaker retailer airline chipmaker conglomerate group organization organisation agency charity
	nonprofit association foundation institute`)

// orgOrPerson are nouns that describe an organization or a person ("iPhone
// maker Apple", "property developer Donald Trump", "Jane Doe, the owner of
// the bakery"): they are cues only for a name the tagger did not find.
var orgOrPerson = set(`maker owner parent operator developer publisher broadcaster`)

// orgFounded are nouns that, just after a name, say it names an
// organization, whatever the tagger thought: "Amazon founder Jeff Bezos".
var orgFounded = set(`founder co-founder cofounder`)

// orgStaff are nouns that, before "at" and a name, say it names an employer
// ("analysts at Raymond James", "an economist at Citigroup"), and so do
// they just after a name the tagger took for a person ("a Jefferies
// analyst", "Chelsea manager Enzo Maresca", "Chiefs captain Liam
// Harkness": in the labelled data no person's name is followed by a
// manager's, a captain's or a player's role). Just after
// a place they usually say where ("a Chicago economist"), so a place keeps
// its label there.
var orgStaff = set(`analyst analysts economist economists strategist strategists employee employees
	researcher researchers manager coach striker midfielder defender goalkeeper winger
	captain skipper fullback flanker quarterback pitcher playmaker boss bosses engineer engineers scientist
	scientists colleague colleagues coworker coworkers staffer staffers intern interns`)

// orgOwned are nouns that, after a name or its possessive, say the name is
// an organization's when the tagger found no name there at all: "OpenAI's
// chief executive", "Nvidia shares". After a person's or a place's name
// they need not be ("Putin spokesman", "Russia's chief negotiator"). So
// does a speech verb right after such a camel-case name, which products do
// not have ("OpenAI said"), and a verb of organizationVerbs.
var orgOwned = set(`chief ceo chairman chairwoman founder co-founder spokesman spokeswoman spokesperson
	board shares shareholders stock employees`)

// organizationVerbs are verbs that, right after a camel-case or listed
// name the tagger missed, say it names an organization, as a speech verb
// does: "Apple unveiled a new iPhone", "Shell posted a profit".
var organizationVerbs = lexicon.Set("organization-verbs")

// orgHeld are nouns that, after a name or its possessive, say it is a
// company's whatever type the tagger gave it: "Ford shares fell", "Tata
// chairman". So do "stock" and "chief executive" after a possessive
// ("Cendant's stock", "Ford's chief executive"; not "Barb stock", a breed).
// In the labelled data no person's name is followed by one of them
// (organizations 40 times, a country's shares 3 times: a place keeps its
// label there).
var orgHeld = set(`shares shareholders chairman chairwoman ceo`)

// possessives are the possessive determiners: "his", "their".
var possessives = lexicon.Set("possessives")

// heldCue reports whether the name that ends before token last is followed
// by a noun of orgHeld (see there). Not by the verb "shares" before its
// object: "Smith shares his thoughts", "Jane shares a flat".
func (g *grouper) heldCue(last int) bool {
	possessed := last < len(g.toks) && isPossessive(g.toks[last].Text)
	if possessed {
		last++
	}
	switch w := g.lowerAt(last); {
	case possessed && (w == "stock" || w == "chief" && g.lowerAt(last+1) == "executive"):
		return true
	case w == "shares" && !possessed && (determiners[g.word(last+1)] || possessives[g.word(last+1)]):
		return false
	default:
		return orgHeld[w]
	}
}

// orgGoverned are words that, before an untagged name, say it is an
// organization's: "a spokeswoman for OpenAI", "shares of xAI", "co-founded
// OpenAI", "I work for Deloitte", "an offer from Deloitte", "a job at
// SpaceX".
var orgGoverned = map[[2]string]bool{
	{"spokesman", "for"}: true, {"spokeswoman", "for"}: true, {"spokesperson", "for"}: true,
	{"shares", "of"}: true, {"shares", "in"}: true, {"stake", "in"}: true, {"", "co founded"}: true,
	{"", "cofounded"}: true, {"analysts", "at"}: true, {"analyst", "at"}: true,
	{"work", "for"}: true, {"works", "for"}: true, {"worked", "for"}: true, {"working", "for"}: true,
	{"work", "at"}: true, {"works", "at"}: true, {"worked", "at"}: true, {"working", "at"}: true,
	{"employed", "by"}: true, {"hired", "by"}: true, {"job", "at"}: true, {"jobs", "at"}: true,
	{"internship", "at"}: true, {"interned", "at"}: true, {"career", "at"}: true, {"offer", "from"}: true,
	{"ceo", "of"}: true, {"employees", "of"}: true,
}

// acquisitionWords and purchaseVerbs, right before a name, say it is a
// business's (see acquiredAt).
var (
	acquisitionWords = lexicon.Set("acquisition-words")
	purchaseVerbs    = lexicon.Set("purchase-verbs")
)

// acquiredAt reports whether the name at token first is what is acquired,
// taken over or merged with: right after the words of acquisitionWords
// ("acquired Fitbit", "the takeover of Twitter"), or after a verb of
// purchaseVerbs right after an organization's name ("Cisco bought
// Splunk").
func (g *grouper) acquiredAt(first int) bool {
	w := g.lowerAt(first - 1)
	if w == "" {
		return false
	}
	if acquisitionWords[w] || acquisitionWords[g.lowerAt(first-2)+" "+w] {
		return true
	}
	prev := g.itemEndingAt(first - 1)
	return purchaseVerbs[w] && prev != nil && prev.label == ner.ORG
}

// corporateEnds end company and school names: "Haruyama Securities",
// "Toyota Motor Corp", "Tony Lama Co.", "Lincoln Elementary School". A name of two words or
// more that ends in one is an organization's, whatever the tagger said.
// ("Group" is not one: "the Davis Cup World Group".)
var corporateEnds = set(`securities holdings co corp corporation inc incorporated ltd limited plc llc ag sa gmbh nv
	bv spa capital partners airlines airways motors motorsports industries insurance investments technologies
	pharmaceuticals bancorp university college school academy elementary`)

// industryEnds end company names after the words that name the company
// ("Archer Grain Logistics", "Bell Labs", "Apex Plumbing"), but also
// common phrases ("Shaft Mining", "Clinical Laboratories") and longer names
// ("Consumer Electronics Show"): see industryEndAt.
var industryEnds = lexicon.Set("industry-ends")

// industryEndAt reports whether token k is a word of industryEnds that ends
// a company's name: capitalized, not in capitals (a headline's "NIKKEI
// FUTURES"), where the text's capitals say something (see caseless), and no
// capitalized word of its sentence follows ("West Devon Mining Landscape",
// "RAW Communications Inc.").
func (g *grouper) industryEndAt(k int) bool {
	if !industryEnds[g.norm(k)] || !isCapitalized(g.toks[k].Text) || isAllCaps(g.toks[k].Text) || g.caseless() {
		return false
	}
	return !g.nameGoesOn(k)
}

// organizationStarts open names of banks, groups, foundations, institutes
// and universities in other languages: "Bank Jago", "Grupo Televisa".
var organizationStarts = normalized(lexicon.Set("organization-starts"))

// organizationEnds end the names of public bodies and associations
// ("Dublin City Council"): a name of two words or more that ends in one and
// that the tagger took for a place or a person is an organization's.
var organizationEnds = lexicon.Set("organization-ends")

// Words that end names of natural features (landformEnds: "Balkan
// Mountains") or of other places and venues (placeEnds: "Marin County",
// "Drovers Inn"), and that open names of places (placeStarts: "Mount
// Hood", "Rua das Flores").
var (
	landformEnds = lexicon.Set("landform-ends")
	placeEnds    = normalized(lexicon.Union("landform-ends", "place-ends", "venue-ends"))
	placeStarts  = lexicon.Set("place-starts")
	venueEnds    = normalized(lexicon.Set("venue-ends"))
)

// cueConfidence is the confidence of a name found by its cues alone.
const cueConfidence = 0.6

// Words that open or end the name of an event, a plan, a law or a prize,
// and that stand before a ship's name.
var eventHeads, eventEnds, vesselHeads = lexicon.Set("event-heads"), lexicon.Set("event-ends"), lexicon.Set("vessel-heads")

// taxonSuffixes end the scientific names of families of plants and
// animals: "Asteraceae", "Felidae"; doctrineSuffixes the names of
// religions and doctrines: "Judaism".
var taxonSuffixes, doctrineSuffixes = lexicon.Words("taxon-suffixes"), lexicon.Words("doctrine-suffixes")

// softwareNames are programming languages, software, systems and devices:
// no names of the three kinds ("Python", "Kubernetes", "Unix").
var softwareNames = lexicon.Set("software-names")

// eventOfHeads open, before "of", the name of an event or a law, as
// eventEnds do: "Battle of Hastings", "Treaty of Paris".
var eventOfHeads = lexicon.Union("event-ends", "event-of-heads")

// eventNouns head an appositive that says a name is an event's or a
// work's: "Mangal Shobhajatra, an annual procession of thousands".
var eventNouns = lexicon.Set("event-nouns")

// Nouns that say a name the tagger could not place is a place: before "of"
// ("the province of Palawan") and, in the plural, after it ("the Thissio
// and Pláka districts").
var (
	placeNouns   = lexicon.Union("place-descriptions", "city-descriptions")
	placePlurals = lexicon.Set("place-plurals")
)

// referenceWords refer to a part of a text or a course before its number:
// "Article III", "Tab 3", "Week 4".
var referenceWords = lexicon.Set("reference-words")

// contextLabel returns MISC for a name that is none of the three types (see
// noneOfThree), the type the sentence the name opens defines it as, with
// defined set, where the tagger was unsure of the name there (conf: "Davis
// is a city", see definedAs; a name the tagger was sure of is not redefined
// by a loose predicate, "Socotra is an eco-tourism system"), the type a
// noun of a person's occupation or of an organization's kind before the
// name gives it ("the teacher Adz", "the band Clannad", see classifiedAs)
// or a plural noun its examples ("companies like TCHO", see exampleType)
// where the tagger was unsure of it, ORG for a name the lists know only as
// a company's where the tagger was unsure it is a place or a person (see
// listedCompany) and for what is acquired (see acquiredAt) where the
// tagger could not place it or was unsure it is a person ("acquired
// Looker"; a place stays one: estates and lands are acquired too,
// "acquired Balmoral"), and otherwise cueLabel's answer. cued tells
// whether the words around the name gave the label: they changed the
// tagger's, or agreed with the organization the tagger saw there (a name
// found by cues alone, with confidence cueConfidence, has already had its
// cue).
func (g *grouper) contextLabel(first, last int, label ner.Label, conf float64) (l ner.Label, cued, defined bool) {
	if label != ner.MISC && g.noneOfThree(first, last) || label != ner.PER && g.titleBeforeName(first, last) {
		return ner.MISC, true, false
	}
	if l, ok := g.numberedName(first, last, label); ok {
		return l, true, false
	}
	if l, ok := g.definedAs(first, last); ok && (conf < sureConfidence || l == label) {
		return l, l != label, true
	}
	if l, ok := g.classifiedAs(first, last); ok && l != label && (label == ner.MISC || conf < sureConfidence) {
		return l, true, false
	}
	if l, ok := g.exampleType(first, last); ok && l != label && (label == ner.MISC || conf < sureConfidence && exampleRetypes(label, l)) {
		return l, true, false
	}
	if (label == ner.LOC || label == ner.PER && !g.givenName(first)) && conf < sureConfidence && last-first >= 2 && g.listedCompany(first, last) {
		return ner.ORG, true, false
	}
	if (label == ner.MISC || label == ner.PER && conf < unsureConfidence) && g.acquiredAt(first) {
		return ner.ORG, true, false
	}
	l, cued = g.cueLabel(first, last, label, conf != cueConfidence)
	return l, cued, false
}

// officeTitles are the titles of offices that end a title of several
// words: "Union Home Minister", "Holy Roman Emperor".
var officeTitles = set(`minister secretary president governor mayor chancellor senator ambassador commissioner
	chairman chairwoman emperor empress`)

// titleBeforeName reports whether toks[first:last], of two words or more,
// ends in an office's title and a capitalized word follows it, where the
// text's capitals say something: a person's title the tagger took apart
// from the name ("Union Home Minister [Amit Shah]"). No name of the
// labelled data ends in such a title but after "of" ("Office of the
// Mayor").
func (g *grouper) titleBeforeName(first, last int) bool {
	return last-first >= 2 && officeTitles[g.norm(last-1)] && !lowerFunctionWords[g.norm(last-2)] &&
		isCapitalized(g.text1(last)) && g.sameSentence(last-1, last) && !g.caseless()
}

// numberedName returns the type of toks[first:last], tagged as a place's or
// an organization's, when it ends in a Roman numeral: a ruler's name where
// a given name opens it or a title stands before it ("Aga Khan III",
// "Sultan Bayezid II"), and none of the three where an ordinary word
// opens it, a part's or a version's name ("Title II", "Book III", "Level
// VI"). In the labelled data no place's and no organization's name ends in
// such a numeral but a cricket team's "XI" ("World XI"); "X" is as often
// a letter ("Mac OS X"). ok is false for any other name.
func (g *grouper) numberedName(first, last int, label ner.Label) (l ner.Label, ok bool) {
	if last-first < 2 || !g.regnalAt(last-1) {
		return label, false
	}
	if label == ner.PER {
		// "Title VII", "Chapter XI": an ordinary word, not a title, opens it.
		if lexicon.LowerOnly(strings.ToLower(g.toks[first].Text)) && !g.isTitleAt(first) {
			return ner.MISC, true
		}
		return label, false
	}
	if label != ner.ORG && label != ner.LOC {
		return label, false
	}
	switch t := strings.ToUpper(g.toks[last-1].Text); {
	case t == "XI" || t == "X" || g.listedOrganization(first, last-1):
		return label, false // "Bayern Munich II", a reserve team
	case g.givenName(first) || first > 0 && (g.isTitleAt(first-1) || rulerTitles[g.norm(first-1)]):
		return ner.PER, true
	case lexicon.LowerOnly(strings.ToLower(g.toks[first].Text)):
		return ner.MISC, true
	}
	return label, false
}

// cueLabel returns ORG when the words around toks[first:last], tagged
// label, say it is an organization, PER for a name a speaker introduces as
// their own (see introducedAt), for a place's or an organization's name
// after a form of address or a title ("Mr. Uno", "Professor Eastman"), for
// a given name the tagger could not place that a message addresses (see
// vocativeAt) or an author's before "et al." ("Hartsell-Gundy et al.,
// 2015"), LOC for a person's name or one the tagger could not place
// (MISC) that opens or ends with a place word ("Mount Hood", "Marin County",
// "Grange Street"), for an organization's that ends with a
// landform's ("Balkan Mountains") and for a name the tagger could not place
// (MISC) that the words around call a place (see placeCue), for a state's
// abbreviation after a town and a comma ("Peoria, Ill.", which the tagger
// may not place), and label otherwise. A one-word name tagged MISC that is camel-case or on the lists
// of organizations is one the tagger could not place ("OpenAI" between a
// product and a company, "Moderna" beside vaccines): it takes every cue a
// missed name does. It also tells whether a cue gave the label; for a name
// the tagger itself took for an organization (tagged), whether a company
// ending, an organization cue or a staff noun agrees ("[Chelsea] head
// coach").
func (g *grouper) cueLabel(first, last int, label ner.Label, tagged bool) (ner.Label, bool) {
	switch {
	case label != ner.PER && g.introducedAt(first),
		label != ner.PER && g.relativeAt(first),
		(label == ner.LOC || label == ner.ORG) && g.personTitleBefore(first),
		label == ner.MISC && g.addressedAt(first),
		label == ner.MISC && g.vocativeAt(first, last),
		label == ner.MISC && g.coordinatedGivenName(first, last),
		label == ner.MISC && g.lowerAt(last) == "et" && g.lowerAt(last+1) == "al":
		return ner.PER, true
	case label != ner.LOC && g.placeWords(first, last, label),
		label == ner.ORG && tagged && g.placeInBrackets(first, last),
		label == ner.MISC && last == first+1 && g.isPlaceAbbreviation(first):
		return ner.LOC, true
	case label == ner.ORG:
		return ner.ORG, tagged && (g.staffCue(first, last) || last-first >= 2 && corporateEnds[g.norm(last-1)] ||
			g.orgCue(first, last, orgBefore, orgAppositive))
	case g.organizationCue(first, last, label):
		return ner.ORG, true
	}
	return label, false
}

// organizationCue reports whether the words of toks[first:last], tagged
// label (not ORG), or those around it make it an organization's name (see
// cueLabel).
func (g *grouper) organizationCue(first, last int, label ner.Label) bool {
	personOrPlace := label == ner.LOC || label == ner.PER
	return label == ner.MISC && last == first+1 && g.missedNameCue(first, last) && g.organizationWord(first) ||
		label == ner.MISC && last == first+1 && g.coordinatedWith(first, ner.ORG) && g.listedOrganization(first, last) ||
		last-first >= 2 && (corporateEnds[g.norm(last-1)] || g.industryEndAt(last-1)) ||
		personOrPlace && last-first >= 2 && organizationStarts[g.norm(first)] && g.lowerAt(first+1) != "of" ||
		personOrPlace && last-first >= 2 && organizationEnds[g.norm(last-1)] ||
		g.spellsDomain(first, last) ||
		g.orgCue(first, last, orgBefore, orgAppositive) ||
		g.employedAt(first, last) || label == ner.LOC && (g.playsFor(first, last) || g.beatsAt(first, last)) ||
		label == ner.PER && (g.staffCue(first, last) || g.heldCue(last))
}

// teamVerbs are the forms of the verbs that, before "for", say the name
// after it is a team's: "played for Barcelona", "signed for Leeds".
var teamVerbs = set(`play plays played playing sign signs signed signing`)

// winVerbs are the forms of the verbs that, between two sides and before
// a score, say the sides are teams: "Kansas City beat Buffalo 27-24".
var winVerbs = set(`beat beats defeated defeats edged edges thrashed thrashes routed routs hammered downed drew draws`)

// beatsAt reports whether the name toks[first:last] stands right before
// or right after a verb of winVerbs in a sentence that gives a score
// ("Real Betis beat Sevilla 2-1"): a name the tagger took for a place is a
// team's there, unless it is a country's (the labelled data calls a
// national team a place: "Australia beat India"). Without a score a city
// may be a state of history ("Sparta defeated Athens").
func (g *grouper) beatsAt(first, last int) bool {
	if !winVerbs[g.lowerAt(last)] && !winVerbs[g.lowerAt(first-1)] || countries[g.joinNorm(first, last)] {
		return false
	}
	s := g.sentenceOf(first)
	for k := g.sentenceFirst(s); k < g.sentenceLast(s); k++ {
		if isScore(g.toks[k].Text) {
			return true
		}
	}
	return false
}

// isScore reports whether t is a game's score: "2-1", "27-24", "96-17".
func isScore(t string) bool {
	a, b, ok := strings.Cut(t, "-")
	return ok && len(a) <= 3 && len(b) <= 3 && isDigits(a) && isDigits(b)
}

// playsFor reports whether the name toks[first:last] follows "played for"
// or the like: a name the tagger took for a place is a team's there
// ("signed for Leicester"), unless it is a country's, whose national team
// the labelled data calls a place ("played for England"). A person there
// is the coach ("played for Cutcliffe at Tennessee"), and a nationality the
// team's ("plays for English county Surrey").
func (g *grouper) playsFor(first, last int) bool {
	return g.lowerAt(first-1) == "for" && teamVerbs[g.lowerAt(first-2)] && !countries[g.joinNorm(first, last)]
}

// noneOfThree reports whether toks[first:last] names an event, a law, a
// prize, a work or a family of living things, or refers to a part of a
// text: two words or more that open or end with a word of such a name
// ("Hurricane Katrina", "Marshall Plan", "Black Friday") or have one before
// "of" ("Treaty of Paris") and are not on the lists of organizations
// ("Sheffield Wednesday"), a name after an event's word the tagger left
// out ("cyclone Phailin", "Hurricane [Hugo]"), a ship's name ("HMS
// Victory", "the tanker [Exxon Valdez]"), a name an appositive calls an
// event or a work ("Thriller, the album"), a reference ("Tab 3"), or a
// family's scientific name ("Asteraceae"), a religion's or a doctrine's
// ("Judaism"), a date ("Jun 4", "Fri & Sun
// 11:00"), a drug before its dose ("Metformin 1000 mg"), a unit of
// measure after its number ("40 MG PO DAILY"), a word of a
// pronunciation ("/ˈdiː.zəl/"), a header's field before its colon ("Cc:")
// or a statute's title before its section ("U.S.C. §").
func (g *grouper) noneOfThree(first, last int) bool {
	return last-first >= 2 && (eventHeads[g.norm(first)] || eventEnds[g.norm(last-1)] || g.eventOf(first, last)) && !g.listedOrganization(first, last) ||
		first > 0 && eventHeads[g.norm(first-1)] || g.shipName(first, last) || g.tickerAt(first, last) ||
		g.appositiveCue(first, last, eventNouns) || g.isReference(first, last) ||
		last == first+1 && (endsInOneOf(g.norm(first), taxonSuffixes) || endsInOneOf(g.norm(first), doctrineSuffixes) || softwareNames[g.norm(first)]) ||
		g.isDate(first, last) || g.isDrug(first, last) || g.inPronunciation(first, last) ||
		measureUnits[g.norm(first)] && isAmount(g.text1(first-1)) ||
		last == first+1 && g.currencyAt(first) ||
		last == first+1 && headerFields[g.norm(first)] && g.text1(last) == ":" ||
		g.text1(last) == "§" // a statute's title: "39 U.S.C. § 3623"
}

// stockExchanges are the exchanges before a ticker symbol: "(NYSE: ACME)".
var stockExchanges = lexicon.Set("stock-exchanges")

// tickerAt reports whether toks[first:last] is a ticker symbol after a
// stock exchange's name and a colon: "ACME" of "(NYSE: ACME)".
func (g *grouper) tickerAt(first, last int) bool {
	return last == first+1 && first >= 2 && g.text1(first-1) == ":" && stockExchanges[g.norm(first-2)]
}

// shipName reports whether toks[first:last] is a ship's name: after a
// ship's prefix or noun ("HMS [Victory]", "the tanker [Exxon Valdez]"),
// opening with a prefix in capitals and ending in no legal form ("USS
// Delphinus"), or such a prefix the tagger tagged apart from the name
// ("[USS] Missouri").
func (g *grouper) shipName(first, last int) bool {
	switch {
	case first > 0 && vesselHeads[g.norm(first-1)]:
		return true
	case !vesselHeads[g.norm(first)] || !isAllCaps(g.toks[first].Text):
		return false
	case last == first+1:
		return isCapitalized(g.text1(last))
	}
	return !corporateEnds[g.norm(last-1)]
}

// placeWords reports whether the words of toks[first:last], or those
// around it, make a name tagged label a place's (see cueLabel).
func (g *grouper) placeWords(first, last int, label ner.Label) bool {
	switch {
	case (label == ner.PER || label == ner.MISC) && last-first >= 2 && (placeEnds[g.norm(last-1)] || g.placeStart(first)),
		label == ner.ORG && last-first >= 2 && (landformEnds[g.norm(last-1)] || venueEnds[g.norm(last-1)]) && !g.listedOrganization(first, last),
		label == ner.MISC && g.placeCue(first, last),
		g.ownSiteCue(first, last):
		return true
	}
	// A town before a state ("[Avon], Conn.", "[Seattle], WA 98101", with
	// a ZIP code: without one the code may be a degree, "Harry Preuss, MD")
	// or a country ("[Lagos], Nigeria."; never a person's name in the
	// labelled data), a state after a town ("Peoria, [Ill.]").
	return g.text1(last) == "," && (g.isStateAbbreviation(last+1) || g.isPostalCode(last+1) && isZIPCode(g.text1(last+2))) ||
		last == first+1 && label == ner.PER && g.text1(last) == "," && g.countryAt(last+1) ||
		last == first+1 && first >= 2 && g.text1(first-1) == "," && g.nameAt(first-2) && g.isStateAbbreviation(first) ||
		last == first+1 && first >= 2 && g.text1(first-1) == "," && g.isPostalCode(first) && g.labelEndingAt(first-1) == ner.LOC
}

// itemEndingAt returns the last mention grouped so far when it ends at
// token k (the name right before the words being read), else nil.
func (g *grouper) itemEndingAt(k int) *item {
	if n := len(g.items); n > 0 && g.items[n-1].last == k {
		return &g.items[n-1]
	}
	return nil
}

// labelEndingAt returns the type of the mention itemEndingAt finds, or 0:
// a place's before a state's postal code is its town ("Atlanta, [GA]
// 30348"; after a person's name the code is a degree, "Harry Preuss, MD").
func (g *grouper) labelEndingAt(k int) ner.Label {
	if prev := g.itemEndingAt(k); prev != nil {
		return prev.label
	}
	return 0
}

// siteNouns name the places an organization works from.
var siteNouns = set(`headquarters hq plant plants factory factories office offices campus refinery mill smelter
	warehouse facility location locations store stores`)

// ownSiteCue reports whether toks[first:last] stands between an owner and
// one of siteNouns, where it says where the site is: "its Wolfsburg
// headquarters", "Tesla's Berlin factory", "their London offices".
func (g *grouper) ownSiteCue(first, last int) bool {
	if !siteNouns[g.lowerAt(last)] || first == 0 {
		return false
	}
	// Not an apostrophe alone: "Lord Beswick ... the so-called 'Beswick
	// plants'".
	w, t := g.lowerAt(first-1), g.toks[first-1].Text
	return w == "its" || possessives[w] || isPossessiveS(t)
}

// countryAt reports whether a country's name of up to four words starts at
// token i and ends its clause: the end of the text, punctuation or a
// number follows ("Lagos, Nigeria +234", "Paris, France."; not "Under
// Samuil, Bulgaria recovered", "Bartoe, England and Musgrave" or "Blair,
// Britain's prime minister").
func (g *grouper) countryAt(i int) bool {
	for n := 1; n <= 4 && i+n <= len(g.toks) && isCapitalized(g.toks[i+n-1].Text); n++ {
		if countries[g.joinNorm(i, i+n)] {
			next := g.text1(i + n)
			return strings.IndexFunc(next, unicode.IsLetter) < 0
		}
	}
	return false
}

// regionAdjectives name seas and regions by an adjective ("caribbean",
// "arctic").
var regionAdjectives = lexicon.Set("region-adjectives")

// regionFollowers are the words in lower case that may follow a region
// named by an adjective, besides prepositions and coordinators: no noun the
// adjective would qualify.
var regionFollowers = set(`is are was were has have had will would can could may might but which that where who whose`)

// isRegion reports whether token i names a sea or a region by an adjective
// (see regionAdjectives): after "the" and before the end of a sentence,
// punctuation or a word of regionFollowers ("sailed the [Caribbean].",
// "in the [Arctic] and"; not "the Baltic states").
func (g *grouper) isRegion(i int) bool {
	if !regionAdjectives[g.norm(i)] || g.word(i-1) != "the" {
		return false
	}
	next := g.text1(i + 1)
	if !hasWordRune(next) {
		return true
	}
	w := g.lowerAt(i + 1)
	return regionFollowers[w] || prepositions[w] || proseCoordinators[w]
}

// nameAt reports whether token i is a capitalized word.
func (g *grouper) nameAt(i int) bool {
	return i >= 0 && i < len(g.toks) && isCapitalized(g.toks[i].Text) && hasWordRune(g.toks[i].Text)
}

// placeStart reports whether token i opens a place's name (placeStarts),
// with its accents: "Río Biobío" but not "Rio Ferdinand".
func (g *grouper) placeStart(i int) bool {
	return placeStarts[g.norm(i)] || placeStarts[strings.ToLower(g.toks[i].Text)]
}

// hostedEvents end the names of events a city hosts: the city before them
// stays a place ("Atlanta Olympics", as CoNLL-2003 tags it).
var hostedEvents = set(`olympics`)

// eventEndAfter reports whether token k, right after a name, is a
// capitalized word that ends an event's, a plan's or a prize's name, which
// the tagger left out: "[Marshall] Plan", "[Pulitzer] Prize", "[Edinburgh]
// Festival"; or "Day", also after a possessive, of a day of the calendar
// named after the name: "[Australia] Day", "[Valentine]'s Day",
// "[Martin Luther King Jr.] Day". Not a weekday ("in Paris Monday") nor a
// hosted event.
func (g *grouper) eventEndAfter(k int) bool {
	if k < len(g.toks) && (isPossessive(g.toks[k].Text) || nameSuffixes[g.norm(k)]) && g.text1(k+1) == "Day" {
		k++
	}
	if k >= len(g.toks) || !isCapitalized(g.toks[k].Text) {
		return false
	}
	w := g.norm(k)
	return (eventEnds[w] || w == "day") && !weekdays[w] && !hostedEvents[w] && g.sameSentence(k-1, k)
}

// eras mark a year's era: "AD 79", "the 2nd-century AD".
var eras = set(`ad bc bce ce`)

// isDate reports whether toks[first:last] is a month's name or
// abbreviation with a day's number after or before it ("Jun 4", "4 Apr"),
// a day of the week's abbreviation in a schedule (see inSchedule), or an
// era's abbreviation after a year or a century or before a year or years
// ("79 AD", "the 2nd-century AD", "AD 79", "AD 81-96").
func (g *grouper) isDate(first, last int) bool {
	if last != first+1 {
		return false
	}
	w := g.norm(first)
	if eras[w] && isAllCaps(g.toks[first].Text) {
		prev := g.lowerAt(first - 1)
		return isAmount(g.text1(first-1)) || strings.HasSuffix(prev, "century") || isYears(g.text1(last))
	}
	if weekdayAbbreviations[w] {
		return g.inSchedule(first)
	}
	return months[w] && (isDayNumber(g.text1(last)) || isDayNumber(g.text1(first-1)) || isYear(g.text1(last)) || g.monthInTable(first))
}

// monthInTable reports whether the month's name at token i heads a
// figure in a table of months: an amount follows it and another month's
// name stands two or three tokens before or after it ("Apr 3.2, May nil,
// Jun 10.0").
func (g *grouper) monthInTable(i int) bool {
	if !isAmount(g.text1(i + 1)) {
		return false
	}
	for d := 2; d <= 3; d++ {
		if i-d >= 0 && months[g.norm(i-d)] || i+d < len(g.toks) && months[g.norm(i+d)] {
			return true
		}
	}
	return false
}

// headerFields name the fields of an e-mail's header: "Cc:".
var headerFields = lexicon.Set("header-fields")

// weekdayAbbreviations are the days of the week as timetables write them:
// "Fri", "Sun".
var weekdayAbbreviations = lexicon.Set("weekday-abbreviations")

// inSchedule reports whether the day of the week at token i is one of
// opening hours, a timetable or a date: a time or a date follows it ("Sun
// 11:00–17:00", "Sat 10 May"), also after a comma (a mail header's "Sun,
// 10 Dec 2000", "Fri, Dec 8"), or another day joined to it by "&", a
// dash, a comma or a slash ("Fri & Sun").
func (g *grouper) inSchedule(i int) bool {
	if next := g.text1(i + 1); next != "" && '0' <= next[0] && next[0] <= '9' {
		return true
	}
	if g.text1(i+1) == "," && (isDayNumber(g.text1(i+2)) || months[g.word(i+2)] && isDayNumber(g.text1(i+3))) {
		return true
	}
	day := func(k int) bool { w := g.word(k); return weekdayAbbreviations[w] || weekdays[w] }
	joins := func(t string) bool { return t == "&" || t == "," || t == "/" || t == "-" || t == "–" }
	return joins(g.text1(i+1)) && day(i+2) || joins(g.text1(i-1)) && day(i-2)
}

// isDayNumber reports whether t is a day of the month: one or two digits,
// 1 to 31.
func isDayNumber(t string) bool {
	return len(t) <= 2 && isDigits(t) && t != "0" && t != "00" && (len(t) == 1 || t <= "31")
}

// doseUnits are the units of a medicine's dose: "mg", "units".
var doseUnits = lexicon.Set("dose-units")

// measureUnits are units of measure, a dose's among them: right after a
// number they open no name ("40 MG PO DAILY", "5 KM").
var measureUnits = lexicon.Union("dose-units", "measure-units")

// isDrug reports whether the one-word name toks[first:last] is a drug's:
// a dose follows it, a number and its unit, perhaps after a brand in
// brackets ("Metformin 1000 mg", "Atorvastatin (Lipitor) 40 mg") or after
// the bracket that closes around it ("ticagrelor (Brilinta) 180 mg").
func (g *grouper) isDrug(first, last int) bool {
	if last != first+1 {
		return false
	}
	k := last
	switch g.text1(k) {
	case "(":
		if k+2 >= len(g.toks) || g.toks[k+2].Text != ")" {
			return false
		}
		k += 3
	case ")":
		k++
	}
	return isAmount(g.text1(k)) && doseUnits[strings.ToLower(g.text1(k+1))]
}

// currencyAt reports whether token i is a currency's sign beside its
// number ("Rs 14.2 crore", "AED 1.5 billion", "40 EUR") or glued to it
// ("KSh2.3"), as the money stage reads it.
func (g *grouper) currencyAt(i int) bool {
	t := g.toks[i].Text
	if k := strings.IndexAny(t, "0123456789"); k > 0 {
		return money.IsSign(t[:k]) && isAmount(t[k:])
	}
	return (isAmount(g.text1(i+1)) || isAmount(g.text1(i-1))) && money.IsSign(t)
}

// isAmount reports whether t is a number of digits, perhaps with a
// decimal point or a thousands comma: "1000", "2.5", "4,000".
func isAmount(t string) bool {
	if t == "" || t[0] < '0' || t[0] > '9' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; (c < '0' || c > '9') && c != '.' && c != ',' {
			return false
		}
	}
	return true
}

// isYears reports whether t is a number or a span of two ("81–96").
func isYears(t string) bool {
	from, to, ok := strings.Cut(t, "–")
	if !ok {
		from, to, ok = strings.Cut(t, "-")
	}
	return isAmount(from) && (!ok || isAmount(to))
}

// hasNonASCII reports whether s has a byte outside ASCII.
func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// maxPronunciation is how many bytes a pronunciation between slashes or
// square brackets may have on either side of a name's words.
const maxPronunciation = 40

// ipaLetters are letters that only a phonetic transcription writes.
const ipaLetters = "ˈˌːəɒɪʊʌɑɜɛɔæθðŋʃʒɹɐɚɝ"

// inPronunciation reports whether toks[first:last] is part of a phonetic
// transcription between slashes or square brackets on one line, as a
// dictionary's entries and encyclopedias write them: "kɒt" of
// "/ˈbɔɪ.kɒt/".
func (g *grouper) inPronunciation(first, last int) bool {
	start, end := g.toks[first].Start, g.toks[last-1].End
	if !hasNonASCII(g.text[start:end]) {
		return false // a transcription's words have its letters
	}
	open := strings.LastIndexAny(g.text[max(start-maxPronunciation, 0):start], "/[\n")
	if open < 0 {
		return false
	}
	open += max(start-maxPronunciation, 0)
	close := strings.IndexAny(g.text[end:min(end+maxPronunciation, len(g.text))], "/]\n")
	if close < 0 || g.text[open] == '\n' || g.text[end+close] == '\n' {
		return false
	}
	return strings.ContainsAny(g.text[open:end+close], ipaLetters)
}

// personTitles are the forms of address and titles that, before a name the
// tagger took for a place or an organization, make it a person's: "Mr.
// Uno", "Professor Eastman" (in capitals "PROFESSOR EASTMAN" read as the
// company).
var personTitles = lexicon.Set("person-titles")

// relationNouns name a person's relation to another: "his wife", "my
// friend" (lexicon relation-nouns; not "partner", which companies have).
var relationNouns = lexicon.Set("relation-nouns")

// relativeAt reports whether a possessive and a noun of relation stand
// right before token i, in its sentence: "my friend [Sami]", "his wife
// [Naina]".
func (g *grouper) relativeAt(i int) bool {
	return i >= 2 && relationNouns[g.norm(i-1)] && g.norm(i-1) != "partner" && possessives[g.norm(i-2)] && g.sameSentence(i-2, i)
}

// addressForms are the forms of address among personTitles ("Mr.",
// "Mrs."; not "Miss" or "Madame", which personTitles leaves out).
var addressForms = intersection(honorifics, personTitles)

// addressedAt reports whether a form of address stands right before token
// i, as personTitleBefore reads it, and not in capitals where the text's
// capitals say something ("MS. Found in a Bottle", a manuscript): a name
// the tagger could not place there is a person's ("Mr. Okafor").
func (g *grouper) addressedAt(i int) bool {
	return i > 0 && addressForms[g.norm(i-1)] && g.personTitleBefore(i) && (!isAllCaps(g.toks[i-1].Text) || g.caseless())
}

// personTitleBefore reports whether a form of address or a title stands
// right before token i, in its sentence and in its case: "Professor
// [Eastman]", "professor [eastman]" in lower-case text; not "the president
// [Israel]" of a transcript without full stops.
func (g *grouper) personTitleBefore(i int) bool {
	return i > 0 && personTitles[g.norm(i-1)] && g.sameSentence(i-1, i) &&
		isCapitalized(g.toks[i-1].Text) == isCapitalized(g.toks[i].Text)
}

// stateAbbreviations are the abbreviations of the states of the United
// States written after a town and a comma, without their full stops:
// "conn" of "Avon, Conn.".
var stateAbbreviations = lexicon.Set("state-abbreviations")

// isStateAbbreviation reports whether token i is a state's abbreviation
// with its full stop ("Conn.", "N.J."), not the first part of a word
// ("Mo.-based").
func (g *grouper) isStateAbbreviation(i int) bool {
	if i < 0 || i >= len(g.toks) || !strings.HasSuffix(g.toks[i].Text, ".") || !isCapitalized(g.toks[i].Text) || !stateAbbreviations[g.norm(i)] {
		return false
	}
	return i+1 == len(g.toks) || g.toks[i+1].Start > g.toks[i].End || !strings.HasPrefix(g.toks[i+1].Text, "-")
}

// statePostalCodes are the two-letter codes of the states of the United
// States, in lower case: "oh" of "Chillicothe, OH".
var statePostalCodes = lexicon.Set("state-postal-codes")

// isPostalCode reports whether token i is a state's postal code, two
// capital letters, and not a word of text in capitals: the token after it
// is not capitalized ("PARIS, OR ROME", "TEQUILA, IN A ROW").
func (g *grouper) isPostalCode(i int) bool {
	t := g.text1(i)
	return len(t) == 2 && isAllCaps(t) && statePostalCodes[strings.ToLower(t)] && !isCapitalized(g.text1(i+1))
}

// isZIPCode reports whether t is a United States ZIP code: "98101",
// "98101-2345".
func isZIPCode(t string) bool {
	zip, plus4, four := strings.Cut(t, "-")
	return len(zip) == 5 && isDigits(zip) && (!four || len(plus4) == 4 && isDigits(plus4))
}

// placeAbbreviations are the short forms of cities and states that web
// text writes alone, capitalized ("SF", "NYC").
var placeAbbreviations = lexicon.Set("place-abbreviations")

// isPlaceAbbreviation reports whether token i is a city's or a state's
// short form right after a preposition and before no capitalized word: "in
// SF", not "to LA Weekly".
func (g *grouper) isPlaceAbbreviation(i int) bool {
	return isCapitalized(g.toks[i].Text) && placeAbbreviations[g.norm(i)] && prepositions[g.lowerAt(i-1)] && !isCapitalized(g.text1(i+1))
}

// placeEndsAt reports whether one of tags is a place that ends right
// before token end.
func placeEndsAt(tags []ner.Mention, end int) bool {
	for _, m := range tags {
		if m.Last == end && m.Label == ner.LOC {
			return true
		}
	}
	return false
}

// scriptureBooks are the books of the Bible ("exodus", "corinthians").
var scriptureBooks = lexicon.Set("scripture-books")

// skyNames are constellations' and stars' names ("ursa major", "rigel").
var skyNames = lexicon.Set("sky-names")

// greekLetters open the name of a star after the Greek letter of its
// constellation: "Tau Ceti", "Beta Pictoris".
var greekLetters = set(`alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma
	tau upsilon phi chi psi omega`)

// constellationGenitives are the constellations' names in the genitive
// ("ceti", "centauri").
var constellationGenitives = lexicon.Set("constellation-genitives")

// isSkyName reports whether the name toks[first:last] is a constellation's or
// a star's: listed in skyNames ("Ursa Major", "Proxima Centauri"), or a
// Greek letter and a constellation's name in the genitive ("Tau Ceti",
// "Eta Carinae"; not "Alpha Delta Phi", a fraternity, nor "Alpha Dhabi", a
// fund).
func (g *grouper) isSkyName(first, last int, key string) bool {
	return skyNames[key] || last == first+2 && greekLetters[g.norm(first)] && constellationGenitives[g.norm(first+1)]
}

// planets are the planets' names ("venus", "rahu").
var planets = lexicon.Set("planets")

// skyWords speak of the sky in astronomy and astrology ("orbit",
// "conjunct").
var skyWords = lexicon.Set("sky-words")

// isPlanet reports whether the name toks[first:last] is a planet's in a text
// about the sky (see aboutTheSky): a planet's name after nothing but words
// in lower case ("Venus", "natal Saturn"; not "Freddie Mercury").
func (g *grouper) isPlanet(first, last int) bool {
	if !planets[g.norm(last-1)] || !isCapitalized(g.toks[last-1].Text) {
		return false
	}
	for i := first; i < last-1; i++ {
		if !isLowerWord(g.toks[i].Text) {
			return false
		}
	}
	if g.skyAnswer == unasked {
		g.skyAnswer = factOf(g.aboutTheSky())
	}
	return g.skyAnswer == factTrue
}

// aboutTheSky reports whether the text names two planets or more with a
// capital and has a word of the sky in lower case: "Mercury and Venus are
// conjunct", not a text on Freddie Mercury and Venus Williams.
func (g *grouper) aboutTheSky() bool {
	var planet string
	two, sky := false, false
	for i, t := range g.toks {
		switch {
		case isCapitalized(t.Text):
			if two || !planets[g.norm(i)] {
				continue
			}
			two = planet != "" && g.norm(i) != planet
			planet = g.norm(i)
		case !sky && isLowerWord(t.Text):
			sky = skyWords[t.Text]
		}
		if two && sky {
			return true
		}
	}
	return false
}

// isScripture reports whether toks[first:last] ends in a book of the Bible
// right before a chapter and a verse: "Exodus 6:16-20", "First Corinthians
// 9:25".
func (g *grouper) isScripture(first, last int) bool {
	return scriptureBooks[g.norm(last-1)] && isChapterVerse(g.text1(last))
}

// isChapterVerse reports whether t is a chapter and a verse, "9:25", or a
// range of verses, "6:16-20".
func isChapterVerse(t string) bool {
	ch, verse, ok := strings.Cut(t, ":")
	verse, _, _ = strings.Cut(verse, "-")
	return ok && len(ch) <= 3 && len(verse) <= 3 && isDigits(ch) && isDigits(verse)
}

// isDigits reports whether t is one digit or more and nothing else.
func isDigits(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return t != ""
}

// maxTitleWords is how many words a quoted title may have around a name in
// it ("Surprised by Joy").
const maxTitleWords = 8

// titleNouns, before a title in quotation marks, say it is a work's, as
// eventNouns do: the book "…", the game "…".
var titleNouns = lexicon.Set("title-nouns")

// quotedWork reports whether toks[first:last] is inside the title of a work
// in quotation marks: a quotation of at most maxTitleWords words after a
// work's noun ("the film \"Amelie\"", "the book \"Made in Japan\"",
// lexicons event-nouns and title-nouns) or before a year
// in brackets ("\"Elmer Gantry\" (1960)", "\"Surprised by Joy\" (1955)"). In
// the labelled data every name so quoted is another kind of name (MISC).
func (g *grouper) quotedWork(first, last int) bool {
	open, close := first-1, last
	for open >= 0 && first-open <= maxTitleWords && !isDoubleQuote(g.toks[open].Text) {
		open--
	}
	for close < len(g.toks) && close-last < maxTitleWords && !isDoubleQuote(g.toks[close].Text) {
		close++
	}
	if open < 0 || close >= len(g.toks) || !isDoubleQuote(g.toks[open].Text) || !isDoubleQuote(g.toks[close].Text) || !g.sameSentence(open, close) {
		return false
	}
	return eventNouns[g.lowerAt(open-1)] || titleNouns[g.lowerAt(open-1)] ||
		g.text1(close+1) == "(" && isYear(g.text1(close+2)) && g.text1(close+3) == ")"
}

// isDoubleQuote reports whether t is a double quotation mark.
func isDoubleQuote(t string) bool {
	switch t {
	case `"`, "“", "”", "''", "``", "„", "«", "»":
		return true
	}
	return false
}

// isYear reports whether t is a year of four digits.
func isYear(t string) bool {
	return len(t) == 4 && isDigits(t)
}

// endsInOneOf reports whether the normalized word w ends in one of
// suffixes after three letters or more: "asteraceae", "felidae" (see
// taxonSuffixes), "judaism".
func endsInOneOf(w string, suffixes []string) bool {
	for _, suf := range suffixes {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// eventOf reports whether toks[first:last] has a word of an event's or a
// law's name before "of" and a word after it: "Treaty of Paris",
// "Central Intelligence Agency Act of 1949".
func (g *grouper) eventOf(first, last int) bool {
	for p := first; p+2 < last; p++ {
		if eventOfHeads[g.norm(p)] && g.norm(p+1) == "of" {
			return true
		}
	}
	return false
}

// placeCue reports whether the words around toks[first:last] say it is a
// place: "the province of Palawan"; "the Thissio and Pláka districts" (two
// names or more before the plural noun: "the Olympic islands" says
// nothing of "Olympic").
func (g *grouper) placeCue(first, last int) bool {
	if g.lowerAt(first-1) == "of" && placeNouns[g.lowerAt(first-2)] {
		return true
	}
	if w := g.lowerAt(last); w == "and" || w == "or" {
		k := last + 1
		for k < len(g.toks) && isCapitalized(g.toks[k].Text) {
			k++
		}
		return k > last+1 && placePlurals[g.lowerAt(k)]
	}
	w := g.lowerAt(first - 1)
	return placePlurals[g.lowerAt(last)] && (w == "and" || w == "or") && first >= 2 && isCapitalized(g.toks[first-2].Text)
}

// isReference reports whether toks[first:last] is a reference word and its
// number ("Tab 3", "Article III", "Appendix A"), the word alone with the
// number right after it, or a name that ends in one right before its
// number ("Analyst Team 1", an e-mail's list of teams).
func (g *grouper) isReference(first, last int) bool {
	if last-first >= 2 && referenceWords[g.norm(last-1)] && last < len(g.toks) && isNumbering(g.toks[last].Text) {
		return true // "Analyst Team 1"
	}
	if !referenceWords[g.norm(first)] {
		return false
	}
	switch last - first {
	case 1:
		return last < len(g.toks) && isNumbering(g.toks[last].Text)
	case 2:
		return isNumbering(g.toks[first+1].Text)
	}
	return false
}

// isNumbering reports whether t numbers a part: digits (with dots, "3.4"),
// a roman numeral or a single capital letter.
func isNumbering(t string) bool {
	if t == "" {
		return false
	}
	digits, roman := true, len(t) <= 6
	for i := 0; i < len(t); i++ {
		c := t[i]
		digits = digits && ('0' <= c && c <= '9' || c == '.' && i > 0)
		roman = roman && strings.IndexByte("IVXLC", c) >= 0
	}
	return digits || roman || len(t) == 1 && 'A' <= t[0] && t[0] <= 'Z'
}

// missedNameCue reports whether the words around toks[first:last], a name
// the tagger did not find, say it is an organization's.
func (g *grouper) missedNameCue(first, last int) bool {
	return g.orgCue(first, last, orgBeforeAny, orgAppositiveAny) || g.staffCue(first, last) || g.ownedCue(first, last) ||
		g.beatsAt(first, last) || g.acquiredAt(first)
}

// cueTags returns tags with an ORG tag added for each word that is surely
// an organization's name or one (see organizationWord) that no tag covers
// and that an organization cue surrounds, for each run of
// capitalized words no tag covers right after an organization noun
// ("Danish drugmaker Bavarian Nordic"; not an article alone before a tag,
// "tabloid The [Sun]"), and for each that spells a domain of the text (see
// domainTags).
func (g *grouper) cueTags(tags []ner.Mention) []ner.Mention {
	tags = slices.Clip(tags) // appending never writes into the caller's array
	var covered []bool
	isCovered := func(i int) bool {
		if covered == nil {
			covered = make([]bool, len(g.toks))
			for _, m := range tags {
				for k := max(m.First, 0); k < min(m.Last, len(g.toks)); k++ {
					covered[k] = true
				}
			}
		}
		return covered[i]
	}
	for i, t := range g.toks {
		if end := g.lowerCasePlaceAt(i, isCovered); end > i {
			tags = append(tags, ner.Mention{First: i, Last: end, Label: ner.LOC, Confidence: cueConfidence})
			continue
		}
		if isCapitalized(t.Text) || isCamelCase(t.Text) {
			tags = g.capitalizedCueTag(tags, i, isCovered)
			tags = g.definedTag(tags, i, isCovered)
			if !g.businessNounOpener(i) {
				continue
			}
		}
		if w := g.word(i); orgBeforeLengths.MayHave(w) && orgBefore[w] && !determiners[g.word(i-1)] {
			end := i + 1
			for end < len(g.toks) && end-i <= 4 && !isCovered(end) && isCapitalized(g.toks[end].Text) && hasWordRune(g.toks[end].Text) {
				end++
			}
			if end > i+1 && utf8.RuneCountInString(g.toks[i+1].Text) > 1 && !(end == i+2 && determiners[g.word(i+1)]) {
				tags = append(tags, ner.Mention{First: i + 1, Last: end, Label: ner.ORG, Confidence: cueConfidence})
			}
		}
	}
	return g.domainTags(tags, isCovered)
}

// placeGovernors, right before a place's name, govern it: "traveling to
// lourdes", "resorts in trivandrum".
var placeGovernors = set(`in to from near around via`)

// maxLowerCasePlace is the most words of a place's name written in lower
// case: "rio de janeiro".
const maxLowerCasePlace = 3

// lowerCasePlaceAt returns where the name of a place written in lower case
// (see Options.LowerCasePlace) that starts at token i ends: right after a
// word of placeGovernors, the longest run of words no tag covers that ends
// its phrase (see endsPhrase), where the text's capitals say something
// ("i m traveling to lourdes for a day", "flying to san francisco next week").
// Else it returns i.
func (g *grouper) lowerCasePlaceAt(i int, isCovered func(int) bool) int {
	if g.opts.LowerCasePlace == nil || i == 0 || !isLowerWord(g.toks[i].Text) || !placeGovernors[g.lowerAt(i-1)] || g.caseless() {
		return i
	}
	var words []string
	for end := i; end < len(g.toks) && end-i < maxLowerCasePlace && isLowerWord(g.toks[end].Text) && !isCovered(end); end++ {
		words = append(words, g.toks[end].Text)
	}
	for n := len(words); n > 0; n-- {
		if g.endsPhrase(i+n) && g.opts.LowerCasePlace(words[:n]) {
			return i + n
		}
	}
	return i
}

// capitalizedCueTag returns tags with a tag added for the capitalized word
// at token i when it is a name the tagger missed (see cueTags).
func (g *grouper) capitalizedCueTag(tags []ner.Mention, i int, isCovered func(int) bool) []ner.Mention {
	switch {
	case isCovered(i):
	case g.missedNameCue(i, i+1) && g.organizationWord(i):
		tags = append(tags, ner.Mention{First: i, Last: i + 1, Label: ner.ORG, Confidence: cueConfidence})
	case i >= 2 && g.text1(i-1) == "," && isCovered(i-2) && g.isStateAbbreviation(i),
		i >= 2 && g.text1(i-1) == "," && g.isPostalCode(i) && placeEndsAt(tags, i-1),
		g.isPlaceAbbreviation(i):
		// The state after a town: "Avon, [Conn.]", "Chillicothe, [OH]";
		// a city's short form after a preposition: "in [SF]".
		tags = append(tags, ner.Mention{First: i, Last: i + 1, Label: ner.LOC, Confidence: cueConfidence})
	}
	return tags
}

// businessNounOpener reports whether token i is a noun of orgBefore
// capitalized because it opens its sentence, before a word the dictionary
// does not list in lower case only: "Regulator Ofcom fined"; not a label's
// "Company Name".
func (g *grouper) businessNounOpener(i int) bool {
	w := g.norm(i)
	return orgBeforeLengths.MayHave(w) && orgBefore[w] && g.capitalizedOpener(i) &&
		!(i+1 < len(g.toks) && lexicon.LowerOnly(strings.ToLower(g.toks[i+1].Text)))
}

// capitalizedOpener reports whether token i is a word capitalized because
// it opens its sentence, not in capitals ("Insurer Aviva said", "Regulator
// Ofcom fined").
func (g *grouper) capitalizedOpener(i int) bool {
	return i >= 0 && i < len(g.toks) && isCapitalized(g.toks[i].Text) && !isAllCaps(g.toks[i].Text) && g.opensSentence(i)
}

// orgBeforeLengths turns away most other words before orgBefore is looked
// up.
var orgBeforeLengths = lexicon.LengthsOf(orgBefore)

// orgBeforeAny and orgAppositiveAny are the cue nouns for names the tagger
// missed.
var (
	orgBeforeAny     = union(orgBefore, orgOrPerson)
	orgAppositiveAny = union(orgAppositive, orgOrPerson)
)

func intersection(a, b map[string]bool) map[string]bool {
	m := map[string]bool{}
	for w := range a {
		if b[w] {
			m[w] = true
		}
	}
	return m
}

func union(a, b map[string]bool) map[string]bool {
	u := make(map[string]bool, len(a)+len(b))
	for w := range a {
		u[w] = true
	}
	for w := range b {
		u[w] = true
	}
	return u
}

// orgCue reports whether toks[first:last] has an organization cue: a noun
// of before right before it, "founder" after it, or an appositive headed by
// a noun of appositive.
func (g *grouper) orgCue(first, last int, before, appositive map[string]bool) bool {
	if before[g.lowerAt(first-1)] && !determiners[g.word(first-2)] || orgFounded[g.lowerAt(last)] {
		return true
	}
	if before[g.word(first-1)] && g.capitalizedOpener(first-1) {
		return true // "Insurer Aviva said"
	}
	return g.appositiveCue(first, last, appositive)
}

// appositiveCue reports whether toks[first:last] has an appositive headed by
// one of nouns: after it, an article, at most two modifiers, the noun, then
// the end of the appositive or what modifies the noun, a preposition, a
// relative word or a participle of postModifiers ("OpenAI, the maker of
// ChatGPT", "the Civic Federation, a nonpartisan research group,",
// "Anthropic, the San Francisco start-up behind Claude"); or before it
// ("its AI company, xAI, raised").
func (g *grouper) appositiveCue(first, last int, nouns map[string]bool) bool {
	if g.text1(last) != "," {
		return false
	}
	if g.text1(first-1) == "," && nouns[g.lowerAt(first-2)] {
		return true
	}
	k := last + 1
	if !determiners[g.lowerAt(k)] {
		return false
	}
	for n := k + 1; n <= k+3; n++ {
		if nouns[g.lowerAt(n)] {
			switch next := g.text1(n + 1); {
			case next == "," || next == "." || next == "of" || next == "that" || next == "which":
				return true
			case partHeads[g.lowerAt(n)]:
				return false
			default:
				return prepositions[next] || postModifiers[next]
			}
		}
	}
	return false
}

// postModifiers open what follows the head noun of an appositive and
// modifies it: "a lender backed by SoftBank", "the start-up whose chatbot".
var postModifiers = set(`backed based founded owned run led known headquartered whose`)

// partHeads, nouns for a part of something, head an organization's
// appositive only before "of" or at its end: "DeepMind, a unit of
// Alphabet," but "a unit based on the output of a lamp".
var partHeads = set(`unit division`)

// staffRanks are the words that may stand between an employer's name and a
// staff noun: "Chelsea head coach", "Jefferies chief economist".
var staffRanks = set(`head assistant chief senior lead interim caretaker`)

// staffCue reports whether toks[first:last] is followed by a staff noun,
// possibly after a rank, or preceded by "analysts at": the name of an
// employer.
func (g *grouper) staffCue(first, last int) bool {
	k := last
	if staffRanks[g.lowerAt(k)] {
		k++
	}
	return orgStaff[g.lowerAt(k)] || g.employedAt(first, last)
}

// employedAt reports whether the name toks[first:last] follows "analysts
// at" and the like, also with the staff member's name between ("analyst
// Paula Buratti at Indosuez"), and no "-based" follows it.
func (g *grouper) employedAt(first, last int) bool {
	if g.lowerAt(first-1) != "at" || g.basedAt(last) {
		return false
	}
	if orgStaff[g.word(first-2)] {
		return true
	}
	prev := g.itemEndingAt(first - 1)
	return prev != nil && prev.label == ner.PER && orgStaff[g.lowerAt(prev.first-1)]
}

// basedAt reports whether "-based" follows at token k: the name before it
// says where what follows is ("an analyst at San Francisco-based 1st
// Nationwide Bank").
func (g *grouper) basedAt(k int) bool {
	return g.text1(k) == "-" && g.word(k+1) == "based"
}

// ownedCue reports whether toks[first:last] is followed, possibly after a
// possessive, by a noun an organization has, or by a verb of speech or one
// only organizations do (also after "and" and one more name: "Moderna and
// Novavax shares", "Moderna and Novavax both reported"), or preceded by
// words that govern an organization's name.
func (g *grouper) ownedCue(first, last int) bool {
	k := last
	if k < len(g.toks) && isPossessive(g.toks[k].Text) {
		k++
	}
	if k == last && g.andAt(k) && isCapitalized(g.text1(k+1)) {
		// The noun or the verb is both names': "Moderna and Novavax shares".
		o := k + 2
		if o < len(g.toks) && isPossessive(g.toks[o].Text) {
			o++
		}
		if v := g.organizationVerb(o); orgOwned[g.lowerAt(o)] || o == k+2 && v != "" && !strings.HasSuffix(v, "s") {
			return true // not a plural noun: "Northern and Northeastern states"
		}
	}
	return orgOwned[g.lowerAt(k)] || k == last && g.organizationVerb(k) != "" ||
		orgGoverned[[2]string{g.word(first - 2), g.word(first - 1)}] || orgGoverned[[2]string{"", g.word(first - 1)}]
}

// vocativeFollowers open what a message says to the person it names
// first: "Constance, I was on vacation", "Tom, please contact Vernon".
var vocativeFollowers = set(`i you we please thanks thank`)

// greetingWords greet the person named right after them: "Hello Caoimhe!",
// "Good Morning Debra -".
var greetingWords = set(`hi hello hey dear morning afternoon evening`)

// greetingMarks end a greeting's name: "Hi Elyse,", "Dear Ann:" (raw
// text: set would normalize the hyphen away).
var greetingMarks = map[string]bool{",": true, "!": true, "-": true, "–": true, ":": true}

// vocativeAt reports whether the name toks[first:last] is the person a
// message addresses: one given name that opens its sentence before a comma
// and a word of vocativeFollowers, or a name of one or two words, not a
// word the dictionary knows in lower case only, between a greeting word
// and a mark of greetingMarks, capitalized where capitals say something
// and no greeting itself ("Re: Hello Hi,").
func (g *grouper) vocativeAt(first, last int) bool {
	if last == first+1 && g.text1(last) == "," && vocativeFollowers[g.word(last+1)] {
		return g.givenName(first) && g.opensSentence(first)
	}
	t := g.toks[first].Text
	return last-first <= 2 && greetingWords[g.word(first-1)] && greetingMarks[g.text1(last)] &&
		(isCapitalized(t) || g.caseless()) && !lexicon.LowerOnly(strings.ToLower(t)) && !messageOpeners[g.norm(first)]
}

// placeInBrackets reports whether the name toks[first:last], not in
// capitals, stands alone in brackets right after a place's name: the
// larger place it lies in or another name of it ("The Peak District
// (Derbyshire)", "Koeln (Cologne)"). An acronym there is often an
// agency's or a school's ("Kosovo (UNMIK)", "TEHRAN (AFP)", "Nova Scotia
// (DalTech)"), a dateline's wire is no place ("WASHINGTON (Reuters) -"),
// and a name that ends in an organization's word is one ("Albany (Albany
// Bicycle Coalition)").
func (g *grouper) placeInBrackets(first, last int) bool {
	return g.text1(first-1) == "(" && g.text1(last) == ")" && !isAllCaps(g.toks[first].Text) && !isCamelCase(g.toks[first].Text) &&
		g.labelEndingAt(first-1) == ner.LOC && !g.caseless() &&
		!g.companyEndAt(last-1) && !organizationEnds[g.norm(last-1)] && !g.agencyDash(first-1)
}

// coordinatedGivenName reports whether the name toks[first:last] is a
// given name alone, no title ("Duke", "Earl") nor a noun for a person
// ("Son"), right after a person's name and "and" or "or": "Steve, Rod and
// Elyse -". Not after a comma, which parts a surname from its given name
// in lists ("Marx, Karl and Engels, Friedrich"), nor before a capitalized
// word, a surname the tagger left apart ("Chase and Chelsea McCombs").
func (g *grouper) coordinatedGivenName(first, last int) bool {
	if w := g.word(first - 1); last != first+1 || w != "and" && w != "or" || isCapitalized(g.text1(last)) {
		return false
	}
	return g.givenName(first) && !g.isTitleAt(first) && !g.personHead(first) && g.coordinatedWith(first, ner.PER)
}

// coordinatedWith reports whether the name at token first follows a name
// tagged label, which the tagger was not unsure of, and "and", "or" or a
// comma, where the text's capitals say something: "Google and Amazon",
// "Yahoo! and AOL".
func (g *grouper) coordinatedWith(first int, label ner.Label) bool {
	k := first - 1
	if w := g.word(k); w != "and" && w != "or" && g.text1(k) != "," || g.caseless() {
		return false
	}
	prev := g.itemEndingAt(k)
	return prev != nil && prev.label == label && prev.conf >= unsureConfidence
}

// verbAdverbs may stand between a name and its verb: "both reported".
var verbAdverbs = set(`both also each`)

// organizationVerb returns token k, or the one after an adverb of
// verbAdverbs there, where it is a verb of speech or one only
// organizations do (see organizationVerbs): "said" of "[Moderna] said",
// "reported" of "[Novavax] both reported"; else "".
func (g *grouper) organizationVerb(k int) string {
	w := g.lowerAt(k)
	if verbAdverbs[w] {
		w = g.lowerAt(k + 1)
	}
	if speechVerbs[w] || organizationVerbs[w] {
		return w
	}
	return ""
}

// word returns token i lower-cased and normalized, or "" outside the text.
func (g *grouper) word(i int) string {
	if i < 0 || i >= len(g.toks) {
		return ""
	}
	return g.norm(i)
}

// lowerAt is [grouper.word] for a word not capitalized, and "" for a
// capitalized one, which is part of another name. Where capitals say
// nothing (see caseless), a determiner, a preposition or a coordinator is
// one whatever its case: "Maria Of Portugal", "ROLE OF THE STATE".
func (g *grouper) lowerAt(i int) string {
	if i < 0 || i >= len(g.toks) {
		return ""
	}
	if isCapitalized(g.toks[i].Text) && !(g.caseless() && isSmallWord(g.norm(i))) {
		return ""
	}
	return g.norm(i)
}

// text1 returns the text of token i, or "" outside the text.
func (g *grouper) text1(i int) string {
	if i < 0 || i >= len(g.toks) {
		return ""
	}
	return g.toks[i].Text
}

// nameIntroductions are the phrases that introduce the speaker's own name
// ("my name is Brayden"), each its words.
var nameIntroductions = func() [][]string {
	var ps [][]string
	for _, p := range lexicon.Words("name-introductions") {
		ps = append(ps, strings.Fields(p))
	}
	return ps
}()

// introducedAt reports whether the name at token first follows words that
// introduce the speaker's own name: "my name is [Brayden]". Only names the
// tagger found are looked at: in title-cased text every word after "My Name
// Is" is capitalized.
func (g *grouper) introducedAt(first int) bool {
	for _, p := range nameIntroductions {
		if first < len(p) {
			continue
		}
		k := first - len(p)
		same := true
		for j, w := range p {
			same = same && g.word(k+j) == w // normalized: one kind of apostrophe
		}
		if same {
			return true
		}
	}
	return false
}

// listedOrganization reports whether toks[first:last] is a name on the
// lists of organizations (Options.ListedOrganization).
func (g *grouper) listedOrganization(first, last int) bool {
	return g.onList(g.opts.ListedOrganization, first, last)
}

// listedCompany reports whether toks[first:last] is a company's or an
// institution's name on the lists and on no list of other names
// (Options.ListedCompany).
func (g *grouper) listedCompany(first, last int) bool {
	return g.onList(g.opts.ListedCompany, first, last)
}

// onList reports whether list, one of the Options' lists, holds the words
// of toks[first:last]; a list not given holds nothing.
func (g *grouper) onList(list func(words []string) bool, first, last int) bool {
	if list == nil {
		return false
	}
	words := make([]string, 0, last-first)
	for i := first; i < last; i++ {
		words = append(words, g.toks[i].Text)
	}
	return list(words)
}

// organizationWord reports whether token i is a word that names an
// organization where an organization cue surrounds it: a camel-case word
// ("OpenAI", "eBay"), or a capitalized word on the lists of organizations
// (Options.ListedOrganization: "Apple", "Moderna"), which alone would often
// be something else.
func (g *grouper) organizationWord(i int) bool {
	t := g.toks[i].Text
	if isCamelCase(t) {
		return true
	}
	return g.opts.ListedOrganization != nil && isCapitalized(t) && isNameWord(g.norm(i)) && g.opts.ListedOrganization([]string{t})
}

// isCamelCase reports whether w has a capital letter after a lower-case
// one: "OpenAI", "xAI", "eBay", "DeepMind".
func isCamelCase(w string) bool {
	prevLower := false
	for i := 0; i < len(w); {
		if c := w[i]; c < utf8.RuneSelf {
			if prevLower && 'A' <= c && c <= 'Z' {
				return true
			}
			prevLower = 'a' <= c && c <= 'z'
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		if prevLower && unicode.IsUpper(r) {
			return true
		}
		prevLower = unicode.IsLower(r)
	}
	return false
}

// isAllCaps reports whether w has at least two letters and no lower-case
// one: "LONDON", "U.S.", "SAN".
func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2
}
