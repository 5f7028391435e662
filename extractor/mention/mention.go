package mention

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/checkpoint"
	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Entity is a group of mentions of one real-world thing.
type Entity struct {
	Label      ner.Label
	Name       string   // canonical name: the fullest proper form of the name in the text
	Mentions   []Ref    // in text order
	Roles      []string // titles and roles seen next to a person ("President", "political analyst"), in text order
	Salience   float64  // importance to the text in [0,1], set by [Rank]
	Confidence float64  // in [0,1]: how sure the tagger is of this entity and its type
	Dateline   bool     // a place that a dateline names ("TOKYO (Reuters) -")

	speech int // mentions that are the subject of a verb of speech ("Peskov said"), for Rank
}

// Ref is one mention of an entity: toks[First:Last], text[Start:End]. The
// span holds the name only: titles before it ("President") and a possessive
// after it ("’s") are outside (see [Group]).
type Ref struct {
	First, Last int // token indices, half-open
	Start, End  int // byte offsets
	Confidence  float64
	// Recovered is true for a mention that the tagger missed and Group
	// added: the same name is tagged elsewhere in the text, or it is an
	// acronym the text defines in brackets.
	Recovered bool
	// Kind is Proper for a name; the coreference stage adds Nominal and
	// Pronoun mentions.
	Kind doc.Kind
}

// Tuning constants. They are conservative on purpose: a false merge or a
// false recovered mention costs more than a missed one.
const (
	// weakConfidence: a mention below it takes its name's majority type, and
	// a name whose tagged mentions average less than it may join an entity
	// of another type (the tagger was unsure of it). Chosen on the dev sets
	// with the current model (CoNLL-2003 dev / GUM dev / Universal NER EWT
	// cross-validated, F1 through Extract): 0.6 → 94.88 / 77.77 / 65.84,
	// 0.7 → 94.90 / 77.77 / 65.84, 0.8 → 94.75 / 77.77 / 65.81.
	weakConfidence = 0.7
	// sureConfidence: a mention at or above it keeps the type the tagger
	// gave it even when the words around another mention of the same name
	// say otherwise: the confident places "Moscow" stay places beside "the
	// Moscow Times", the river "Amazon" beside "Amazon founder".
	sureConfidence = 0.9
	// weakPlace is weakConfidence for a place name that may be the first
	// word of an organization's: "Chicago" of the "Chicago White Sox" is
	// usually the city.
	weakPlace = 0.6
	// minRecoverConfidence: a form is only looked for elsewhere in the text
	// when the tagger found it at least this confidently.
	minRecoverConfidence = 0.5
	// unsureConfidence: below it the tagger thought a span more likely no
	// name of its type than one.
	unsureConfidence = 0.5
	// recoveredFactor scales the confidence of a recovered mention.
	recoveredFactor = 0.9
)

// Options change what [GroupWith] does. The zero value is what [Group]
// does.
type Options struct {
	// NoRecovery turns off the recovery of missed mentions, to measure
	// what it is worth.
	NoRecovery bool
	// ListedOrganization, if set, reports whether words are a name on a
	// list of organizations (see [ner.Model.ListedOrganization]). Such a
	// word the tagger missed or could not place is an organization's where
	// the words around it say so ("Apple said", "shares of Moderna"), as a
	// camel-case word is ("OpenAI said").
	ListedOrganization func(words []string) bool
	// ListedCompany, if set, reports whether words are a company's or an
	// institution's name on the lists of organizations and on no list of
	// other names (see [ner.Model.ListedCompany]). Such a name of two words
	// or more the tagger took for a person's or a place's without being
	// sure is an organization's ("Wells Fargo").
	ListedCompany func(words []string) bool
	// LowerCasePlace, if set, reports whether words in lower case are a
	// place's name written carelessly (see [ner.Model.LowerCasePlace]).
	// Such words after "in", "to" or "from" that end their phrase are a
	// place where the text's capitals say something ("traveling to
	// lourdes for a day", "flying to san francisco next week").
	LowerCasePlace func(words []string) bool
}

// item is one mention being grouped.
type item struct {
	first, last int // the name's tokens, after trimming titles and possessives
	tagFirst    int // the first token of the tag, before trimming
	label       ner.Label
	conf        float64
	tagged      bool // found by the tagger, not added here
	notName     bool // no name where it stands (see noName): MISC, unless unsure and its name's other mentions outvote it
	words       int  // the number of words of the normalized name
	cluster     int
	next        int // the previous item of the same cluster, or -1
}

// cluster is the set of items with one label whose names are the same up to
// case, punctuation, a leading "the" and a trailing possessive.
type cluster struct {
	toks    []string // normalized name tokens
	key     string
	rep     int                   // the first item, whose tokens stand for the name
	head    int                   // the last item added; items link back through item.next
	tagged  int                   // how many items the tagger found
	acronym bool                  // some item is written as an acronym
	notName bool                  // its items are no names where they stand (see noName)
	mass    [ner.MISC + 1]float64 // confidence mass by label
	label   ner.Label
	parent  int
}

// grouper holds the state of one call to Group.
type grouper struct {
	keyBuf         []byte              // see isRolePhrase
	ck             *checkpoint.Counter // checks the call's context
	text           string
	toks           []tokenize.Token
	sents          []segment.Sentence
	opts           Options
	items          []item
	clusters       []cluster
	byKey          map[clusterKey]int
	words          []string             // backing store of the clusters' and items' normalized words
	occupied       []bool               // tokens covered by a mention of any label
	arena          strings.Builder      // holds normalized token texts, see normalizeInto
	nTagged        int                  // items[:nTagged] are the tagged items, in text order
	lower          map[string]bool      // see markLower
	positions      map[string][]int     // token text → its indices, made when first needed (indexPositions)
	bare           map[string]bool      // bareElsewhere's answers by sequence of words
	normed         []string             // norm's answers by token, "" where not asked yet
	datelines      [][2]int             // the tokens of the places of datelines, [first, last)
	labels         [][2]int             // the tokens of the names that label turns (see turnLabelTags)
	mixed          map[string]string    // lower-case word → its first capitalized form with lower case (recase)
	acronyms       map[string]bool      // acronyms of words in lower case (see plainAcronyms)
	aliases        map[string]ner.Label // short forms the text defines, with their names' types (see definedTerms)
	terms          map[string]bool      // terms of ordinary words the text defines (see definedTerms)
	domains        map[string]bool      // names of the text's web and mail domains (see domainNames)
	caselessAnswer textFact             // caseless's answer
	editedAnswer   textFact             // edited's answer
	eponyms        map[string]bool      // eponymOnly's answers by token text
	lineEnds       []int                // the byte offsets of the text's line breaks, and its length (see titleLine)
	titleLines     map[int]bool         // titleLine's answers by line
	skyAnswer      textFact             // aboutTheSky's answer
}

// Group turns tagged mentions into entities, in order of their first mention.
//
// Names the tagger ran together at a seam are set apart first (a signature
// and the next greeting, "Debra Perlingiere Tammi, Attached is"; a list of
// names without commas; an e-mail address between two names), an
// institution's name the tagger cut at "of" or a number is made whole
// ("[Army] of the [Rhine]", see longNameTags), and the names that label a
// transcript's turns are people's ("MARTINEZ: ...", see turnLabelTags).
// Mentions are then trimmed: a leading lower-case
// "the" and punctuation at the edges never belong to a mention (a closing bracket whose opening one is
// inside does), and for a person neither do leading titles and honorifics
// ("President", "Mr.", which become Roles). The tokenizer splits a possessive
// ("’s") off a name and taggers leave it out; one the tagger put inside its
// span is kept as part of a name ("Lord's"). Mentions are then grouped (see
// the package documentation); each entity's Label is its mentions'
// confidence-weighted majority label, its Name the fullest form in the text
// (most words, then not in capitals, then most frequent, then fewest tokens,
// then first; a form in capitals is recased, see canonicalName), and its
// Confidence the share of that label in the confidence
// mass times the most confident mention of that label. Entities whose label
// is MISC are dropped.
//
// Recovery: a name the tagger found (with confidence at least 0.5, or at
// least 0.5 on average with the entity's best mention), and the surname of
// a person whose full name it found, is added as a mention
// wherever else its exact tokens occur, except inside another mention, next
// to another capitalized word (a longer name), or, for a one-word name, when
// the word is a common English word ("May", "Bush"), a title or occurs in
// lower case in the text. A form that two entities share is not recovered. A
// recovered mention gets 0.9 times the form's best confidence.
//
// Tags that overlap an earlier tag or fall outside toks are ignored.
func Group(text string, toks []tokenize.Token, sents []segment.Sentence, tags []ner.Mention) []Entity {
	return GroupWith(text, toks, sents, tags, Options{})
}

// GroupWith is [Group] with options.
func GroupWith(text string, toks []tokenize.Token, sents []segment.Sentence, tags []ner.Mention, opts Options) []Entity {
	ents, _ := GroupContext(context.Background(), text, toks, sents, tags, opts)
	return ents
}

// GroupContext is [GroupWith], stopping with the context's error if ctx
// ends; each pass checks ctx every [checkpoint.Every] mentions, clusters or
// tokens.
func GroupContext(ctx context.Context, text string, toks []tokenize.Token, sents []segment.Sentence, tags []ner.Mention, opts Options) ([]Entity, error) {
	g := &grouper{text: text, toks: toks, sents: sents, opts: opts, byKey: make(map[clusterKey]int, len(tags)), occupied: make([]bool, len(toks)),
		ck: checkpoint.New(ctx)}
	g.arena.Grow(256)
	g.addTags(g.listTags(g.cueTags(g.datelineTags(g.turnLabelTags(g.longNameTags(g.addressNameTags(g.displayNameTags(g.seamTags(tags)))))))))
	if len(g.items) == 0 {
		return nil, g.ck.Err()
	}
	for _, pass := range []func(){g.addDefinedAcronyms, g.linkAcronyms, g.markLower, g.linkShortForms} {
		if err := g.ck.Err(); err != nil {
			return nil, err
		}
		pass()
	}
	ents := g.entities()
	if err := g.ck.Err(); err != nil {
		return nil, err
	}
	return ents, nil
}

// addTags trims the tagged mentions, settles the label of each and files
// them into clusters.
//
// Mentions of one name keep the labels the tagger gave them when it was sure
// (a city and its sports team, "Washington" the place and the person), but
// a mention whose confidence is below weakConfidence takes the name's
// confidence-weighted majority label.
func (g *grouper) addTags(tags []ner.Mention) {
	sorted := tags
	if !slices.IsSortedFunc(tags, func(a, b ner.Mention) int { return a.First - b.First }) {
		sorted = slices.Clone(tags)
		slices.SortStableFunc(sorted, func(a, b ner.Mention) int { return a.First - b.First })
	}
	g.items = make([]item, 0, len(tags)+len(tags)/4)
	n := 0
	for _, m := range tags {
		n += max(0, min(m.Last, len(g.toks))-max(m.First, 0))
	}
	g.words = make([]string, 0, n+n/4)
	keys := make([]string, 0, len(tags))
	words := make([][]string, 0, len(tags))
	// mass[byName[key]] is the confidence mass of each label for a name.
	byName := make(map[string]int, len(tags))
	mass := make([][ner.MISC + 1]float64, 0, len(tags))
	settled := map[int]ner.Label{} // byName index → the type cues gave the name
	var confirmed map[int]bool     // byName index → cues agreed with the tagger's organization
	var languages map[int]bool     // names of languages ("the Breton language")
	definedNames := map[int]bool{} // the names settled by a definition (see definedAs)
	g.clusters = make([]cluster, 0, len(tags)+len(tags)/4)
	particled := g.particledSurnames(sorted)
	lowerUses := g.ordinaryWords(sorted)
	g.acronyms = g.plainAcronyms(sorted)
	g.aliases, g.terms = g.definedTerms(sorted)
	end := 0
	for _, m := range sorted {
		if g.ck.Tick() != nil {
			return
		}
		if m.First < end || m.First < 0 || m.Last > len(g.toks) || m.First >= m.Last {
			continue
		}
		end = m.Last
		g.occupy(m.First, m.Last)
		first, last := g.trim(m.First, m.Last, m.Label)
		if first >= last || last == first+1 && g.isPronounUs(first) {
			// The pronoun "us" is no name at all, not even one that
			// takes the type of the country's mentions ("the us").
			continue
		}
		it := item{first: first, last: last, tagFirst: m.First, label: m.Label, conf: clamp01(m.Confidence), tagged: true}
		if it.label == ner.PER && g.realmAfter(m.First, first) {
			it.label = ner.LOC // "[Prince of] Villena": the realm, not the prince
		}
		cued := false // the words around the mention settled its type
		if f := g.extendParticles(first, last, particled); f < first {
			// "ten [Hag]" where the text names "Erik ten Hag": the particles
			// belong to the person's surname.
			g.occupy(f, first)
			it.first, it.tagFirst, it.label, it.conf = f, f, ner.PER, max(it.conf, weakConfidence)
			first, cued = f, true
		}
		if l := g.institutionEnd(last); last == m.Last && l > last {
			// "[Cedar Bluff] High School": the institution words belong to
			// the name, which is an organization's.
			g.occupy(last, l)
			last, end = l, l
			it.last, it.label, it.conf = l, ner.ORG, max(it.conf, weakConfidence)
		} else if l := g.placeEnd(last); last == m.Last && l > last && (it.label == ner.PER || it.label == ner.LOC) {
			// "[John F. Kennedy] International Airport": the place words
			// belong to the name, which is a place's. Not after an
			// organization's ("IAM District 751", a union's local).
			g.occupy(last, l)
			last, end = l, l
			it.last, it.label, it.conf = l, ner.LOC, max(it.conf, weakConfidence)
		} else if l := g.shopEnd(last); last == m.Last && l > last && it.label != ner.LOC {
			// "[Ray]'s Pizza", "[Joe]'s Crab Shack": the owner's name, the
			// possessive and the shop's words are the shop's name.
			g.occupy(last, l)
			last, end = l, l
			it.last, it.label, it.conf = l, ner.ORG, max(it.conf, weakConfidence)
		}
		if it.label == ner.PER && last == m.Last && last < len(g.toks) && (nameSuffixes[g.norm(last)] || g.regnalAt(last)) {
			// "Edmund Gorman [Jr.]", "Emperor Norton [I]": the suffix
			// belongs to the name.
			g.occupy(last, last+1)
			last++
			it.last, end = last, last
		}
		l, byCue, defined := g.contextLabel(first, last, it.label, it.conf)
		confirms := byCue && l == it.label
		if byCue && !confirms {
			// The words around the name say what it is: the mention votes
			// for that as if the tagger had been sure.
			it.label, it.conf, cued = l, max(it.conf, weakConfidence), true
		}
		// A sea or a region named by an adjective ("sailed the [Caribbean].")
		// is a place where it stands, whatever noName would say of the
		// adjective, and nowhere else: for the name's other mentions it votes
		// as the adjective it is there, so "Mediterranean cuisine" in the same
		// text stays one.
		region, regionWeight := last == first+1 && g.isRegion(first), it.conf
		if region {
			it.label, it.conf = ner.LOC, max(it.conf, weakConfidence)
		}
		cueLabel := it.label
		key, ntoks := g.name(first, last)
		if !region && g.noName(it, m, key, ntoks, lowerUses) {
			it.label, it.notName = ner.MISC, true
		}
		k, ok := byName[key]
		if !ok {
			k = len(mass)
			byName[key] = k
			mass = append(mass, [ner.MISC + 1]float64{})
		}
		if region {
			mass[k][ner.MISC] += regionWeight
		} else {
			mass[k][it.label] += it.conf
		}
		if languageNouns[g.lowerAt(last)] {
			if languages == nil {
				languages = map[int]bool{}
			}
			languages[k] = true
		}
		if confirms && it.label == cueLabel {
			if confirmed == nil {
				confirmed = map[int]bool{}
			}
			confirmed[k] = true
		}
		if cued && it.label == cueLabel {
			// The words around the mention settled its type, also when
			// they say it is none of the three ("Mangal Shobhajatra, an
			// annual procession").
			settled[k] = it.label
			if defined {
				definedNames[k] = true
			}
		}
		g.items = append(g.items, it)
		keys = append(keys, key)
		words = append(words, ntoks)
	}
	g.nTagged = len(g.items)
	// The words of the names cues set aside: "Phailin" after "Cyclone
	// Phailin", "Shobhajatra" after "Mangal Shobhajatra, an annual
	// procession", is no person either. Not those after "of": "Paris" of
	// "Treaty of Paris" is the place the name speaks of; nor those of a name
	// a definition sets aside: "Apple III is a personal computer" says
	// nothing of Apple; nor those before the word that ends an event's or a
	// plan's name, which name what it is of or after: "Edinburgh" of
	// "Edinburgh International Festival", "Marshall" of "Marshall Plan".
	var aside map[string]bool
	for i := range g.items {
		if n := len(words[i]); n > 0 && eventEnds[words[i][n-1]] {
			continue
		}
		if l, ok := settled[byName[keys[i]]]; ok && l == ner.MISC && !definedNames[byName[keys[i]]] {
			if aside == nil {
				aside = map[string]bool{}
			}
			for _, w := range words[i] {
				if w == "of" {
					break
				}
				aside[w] = true
			}
		}
	}
	for i := 0; len(languages) > 0 && i < len(g.items); i++ {
		// A language's name the tagger was sure of once, as one of the three
		// types, is that too: "Alabama" the state beside "the Alabama
		// language".
		if it, k := g.items[i], byName[keys[i]]; languages[k] && it.label != ner.MISC && it.conf >= sureConfidence {
			delete(languages, k)
		}
	}
	for i := range g.items {
		// A person the tagger was sure of votes for the surname alone
		// where the tagger read it both as a person's and as a place's,
		// never as an organization's: "Jordan said" beside "Neil Jordan",
		// where it was unsure whether "Jordan" is the country. Not a name
		// it never read as a place ("the Solow model" beside "Robert
		// Solow") nor a company named after its founder ("Brabham" beside
		// "Jack Brabham").
		if it := &g.items[i]; it.label == ner.PER && it.conf >= sureConfidence && plainFullName(words[i]) {
			if k, ok := byName[words[i][len(words[i])-1]]; ok && mass[k][ner.PER] > 0 && mass[k][ner.LOC] > 0 && mass[k][ner.ORG] == 0 {
				mass[k][ner.PER] += it.conf
			}
		}
	}
	companies := g.companyForms(words, func(name string) bool {
		k, ok := byName[name]
		return ok && argmax(mass[k]) == ner.LOC
	})
	for i := range g.items {
		it := &g.items[i]
		unsure := it.conf < sureConfidence || it.label == ner.MISC
		switch l, ok := settled[byName[keys[i]]]; {
		case ok && unsure:
			it.label = l // "Amazon founder Jeff Bezos" makes every "Amazon" the tagger was unsure of the company
		case confirmed[byName[keys[i]]] && (it.label == ner.PER || it.label == ner.ORG) && unsure && oneOfThree(mass[byName[keys[i]]]):
			// A cue that agrees with the tagger's organization settles the
			// name against its reading as a person: "Chelsea head coach"
			// beside "Chelsea pulled one back". Not against a place's
			// ("LIVERPOOL, England" beside "Liverpool manager"), nor where
			// the tagger read the name as another kind more than as one of
			// the three ("AI researchers" beside "strong AI").
			it.label = ner.ORG
		case unsure && g.aliases[keys[i]] != 0:
			it.label = g.aliases[keys[i]] // `Cascade Freight Solutions, Inc. ("Cascade")`
		case unsure && (companies.firstWords[keys[i]] || companies.founders[keys[i]] || it.label != ner.MISC && companies.bases[keys[i]]):
			it.label = ner.ORG // "Caesars" where the text names "Caesars World Inc"
		case len(words[i]) == 1 && aside[words[i][0]] && unsure:
			it.label = ner.MISC
		case languages[byName[keys[i]]] && unsure:
			// "Breton is a Celtic language" in a text on "the Breton
			// language"; not "Alabama" where the tagger was sure of the state.
			it.label = ner.MISC
		default:
			if l := argmax(mass[byName[keys[i]]]); l != it.label && it.conf < weakConfidence {
				it.label = l
			}
		}
		it.cluster = g.clusterOf(keys[i], words[i], it.label)
		g.fileItem(i)
	}
}

// plainFullName reports whether the normalized words of a person's name are
// a given name and a surname, perhaps with more names between, but no
// epithet, title or suffix at its end: "neil jordan", not "alfred the
// great", "eleanor of aquitaine" or "john paul ii".
func plainFullName(words []string) bool {
	if len(words) < 2 || !isNameWord(words[len(words)-1]) || isNameSuffix(words[len(words)-1]) {
		return false
	}
	for _, w := range words {
		if w == "of" || w == "the" {
			return false
		}
	}
	return true
}

// oneOfThree reports whether a name's confidence mass is more a person's,
// a place's or an organization's than another kind of name's.
func oneOfThree(mass [ner.MISC + 1]float64) bool {
	return mass[ner.PER]+mass[ner.LOC]+mass[ner.ORG] > mass[ner.MISC]
}

// companyNames are the short forms of the companies of a text (see
// companyForms), normalized and space-separated.
type companyNames struct {
	bases      map[string]bool // names without their legal form: "caesars world"
	firstWords map[string]bool // distinctive first words: "caesars"
	founders   map[string]bool // founders' surnames: "lilly" of "Eli Lilly and Co"
}

// companyForms returns the short forms of the companies the tagger was
// sure of whose names end in a legal form: the name without it and its
// first word ("caesars world" and "caesars" for "Caesars World Inc"), which
// are the company wherever the tagger was unsure. A first word is the
// company also where the tagger read another kind of name (MISC); the name
// without its legal form may be one ("Miss Universe", the pageant of Miss
// Universe Inc). Not a first word that is an ordinary word, one the text
// writes in lower case, a demonym, a given name or a name the text makes a
// place ("Ford", "College" of "College Corporation", "British", "Philip" of
// "Philip Morris Cos", "Saskatchewan" of "Saskatchewan Pork International
// Marketing Group"). words are the items' normalized words; place reports
// whether a name is mostly tagged a place.
func (g *grouper) companyForms(words [][]string, place func(name string) bool) companyNames {
	var c companyNames
	for i, it := range g.items {
		w := words[i]
		n := len(w)
		for n > 1 && corporateSuffixes[w[n-1]] {
			n--
		}
		if it.label != ner.ORG || it.conf < sureConfidence || n == len(w) {
			continue
		}
		if c.bases == nil {
			c.bases, c.firstWords, c.founders = map[string]bool{}, map[string]bool{}, map[string]bool{}
		}
		if n > 2 && (w[n-1] == "and" || w[n-1] == "&") {
			n-- // "Eli Lilly and Co"
		}
		if n > 1 {
			c.bases[strings.Join(w[:n], " ")] = true
		}
		if f := w[n-1]; n > 1 && n <= 3 && isNameWord(f) && !commonWords[f] && !demonyms[f] && !place(f) && g.foundersName(it.first, n-1) {
			c.founders[f] = true
		}
		// The first word, which is the whole name without its legal form in
		// "Dublin Corporation".
		if f := w[0]; isNameWord(f) && !commonWords[f] && !demonyms[f] && !place(f) && lexicon.NameGender(f) == lexicon.UnknownGender {
			c.firstWords[f] = true
		}
	}
	if len(c.firstWords) > 0 {
		for i, t := range g.toks {
			if c.firstWords[t.Text] && !g.occupied[i] && isLowerWord(t.Text) {
				delete(c.firstWords, t.Text) // "college", outside a name
			}
		}
	}
	return c
}

// regnalAt reports whether token i is a regnal number: a Roman numeral in
// capitals up to 39 ("VIII", "XV"), and "I" only where no word in lower case
// but "of" or "the" follows it, nor a contraction ("Norton I of the United
// States"; not "thanks Dan I will", "JEFFERY CLARK I 'm sorry"). Where the
// text's capitals say nothing, one of two letters or more may be in lower
// case ("sancho iv of castile"; not "i").
func (g *grouper) regnalAt(i int) bool {
	t := g.toks[i].Text
	if len(t) >= 2 && isLowerWord(t) && g.caseless() {
		t = strings.ToUpper(t)
	}
	if !isRomanNumeral(t) {
		return false
	}
	if t != "I" || i+1 == len(g.toks) {
		return true
	}
	next := g.toks[i+1].Text
	return !isLowerWord(next) && !strings.HasPrefix(next, "'") && !strings.HasPrefix(next, "’") || next == "of" || next == "the"
}

// isRomanNumeral reports whether w is a Roman numeral in capitals from I to
// XXXIX.
func isRomanNumeral(w string) bool {
	tens := strings.TrimLeft(w, "X")
	if len(w)-len(tens) > 3 {
		return false
	}
	switch tens {
	case "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX":
		return true
	}
	return tens == "" && w != ""
}

// isInitials reports whether w is initials run together with full stops,
// the last one trimmed: "M.W", "J.P".
func isInitials(w string) bool {
	parts := strings.Split(w, ".")
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
	}
	return len(parts) > 1
}

// foundersName reports whether the k words of the name at token first, a
// company's without its legal form, are a person's: given names or
// initials before a surname ("Eli Lilly", "M.W. Kellogg", "C. Czarnikow").
func (g *grouper) foundersName(first, k int) bool {
	for i := first; i < first+k; i++ {
		if t := strings.TrimSuffix(g.toks[i].Text, "."); !g.givenName(i) && !isInitial(t) && !isInitials(t) {
			return false
		}
	}
	return true
}

// nameParticles sit in lower case inside names: "Erik ten Hag", "Ursula von
// der Leyen", "Osama bin Laden".
var nameParticles = lexicon.Set("name-particles")

// particledSurnames returns, normalized and space-separated, the particles
// and surnames that end the person tags: "ten hag" and "bin laden", "von der
// leyen" and "der leyen".
func (g *grouper) particledSurnames(tags []ner.Mention) map[string]bool {
	out := map[string]bool{}
	for _, m := range tags {
		if m.Label != ner.PER || m.First < 0 || m.Last > len(g.toks) {
			continue
		}
		for i := m.First + 1; i < m.Last-1; i++ {
			if g.isParticle(i) {
				out[g.joinNorm(i, m.Last)] = true
			}
		}
	}
	return out
}

// extendParticles returns where the name toks[first:last] starts when the
// lower-case particles before it belong to it, because a person tag ends in
// the same particles and name; else first.
func (g *grouper) extendParticles(first, last int, particled map[string]bool) int {
	if len(particled) == 0 {
		return first
	}
	start := first
	for k := first - 1; k >= 0 && !g.occupied[k] && g.isParticle(k); k-- {
		if particled[g.joinNorm(k, last)] {
			start = k
		}
	}
	return start
}

func (g *grouper) isParticle(i int) bool {
	return nameParticles[g.toks[i].Text] // lower case only: "De Gaulle" is a name word
}

// joinNorm returns the normalized tokens toks[first:last] joined by spaces.
func (g *grouper) joinNorm(first, last int) string {
	var b strings.Builder
	for i := first; i < last; i++ {
		if i > first {
			b.WriteByte(' ')
		}
		b.WriteString(g.norm(i))
	}
	return b.String()
}

// trim drops what never belongs to a name from toks[first:last]: punctuation
// around it (but not a closing bracket whose opening one is inside, as in
// "Proleter ( Z )"), a trailing common word in lower case (see
// lowerWordEnds), a leading lower-case "the", and the words that open no
// name (see leadingNoName): a conjunction or an adverb that opens the
// sentence ("Although New Orleans"), leading common words in lower case, a
// time of day's "AM", joining words where capitals say nothing and, for a
// person, titles and honorifics, in any order ("[PRINCE OF VILLENA]"). A
// possessive the tagger put inside its span is kept: it is then part of a
// name ("Lord's", "McDonald's").
func (g *grouper) trim(first, last int, label ner.Label) (int, int) {
	for last-first > 1 && g.lowerWordEnds(first, last) {
		last-- // "the [Congo basin]", "[Sonoma county]"
	}
	for last > first && !hasWordRune(g.toks[last-1].Text) && !g.balancedClose(first, last-1) {
		last--
	}
	for first < last && (!hasWordRune(g.toks[first].Text) || g.toks[first].Text == "the") {
		first++
	}
	for last-first > 1 && g.leadingNoName(first, last, label) {
		first++
	}
	if label == ner.PER {
		for last-first > 1 && postNominals[g.norm(last-1)] && isAllCaps(g.toks[last-1].Text) {
			last--
		}
		if last-first > 1 && strings.HasSuffix(g.norm(last-1), "s") && speechVerbForms[g.norm(last-1)] {
			last-- // a headline's "BAILEY WARNS", "Cook Says": no name ends in a verb
		}
	}
	if label == ner.ORG && last-first > 1 && partyMembers[g.norm(last-1)] && isAllCaps(g.toks[last-1].Text) {
		last-- // "Labour MP": the party
	}
	if last-first > 1 && g.toks[first].Text == "The" && (first == 0 || !hasWordRune(g.toks[first-1].Text)) &&
		g.bareElsewhere(first+1, last) {
		// "The Fed's balance sheet" where the text also says "Fed": the
		// capital is the sentence's, not the name's ("The Hague").
		first++
	}
	return first, last
}

// lowerWordEnds reports whether the name toks[first:last], capitalized,
// ends in a word in lower case that no name ends in, in a text with
// capitals: a word the dictionary lists in lower case only ("Congo basin",
// "Sonoma county"), a preposition, a coordinator or a determiner. The
// labelled corpora leave such words out of names: the river, the county
// and the party after a name are outside it.
func (g *grouper) lowerWordEnds(first, last int) bool {
	t := g.toks[last-1].Text
	if !isLowerWord(t) || !isCapitalized(g.toks[first].Text) || g.caseless() || g.isBinomial(first, last) {
		return false
	}
	return lexicon.LowerOnly(t) || isSmallWord(t)
}

// lowerPersonEnd reports whether the person's name toks[first:last],
// capitalized, ends in a word in lower case in a text with capitals. No
// person's name in the labelled data does (a particle stands inside it:
// "Vincent van Gogh"); such a tag is a species ("Homo sapiens"), a title
// ("De pictura"), a phrase in another language ("ab urbe condita") or a
// product ("the Claude chatbot").
func (g *grouper) lowerPersonEnd(first, last int) bool {
	t := g.toks[last-1].Text
	return isLowerWord(t) && isCapitalized(g.toks[first].Text) && !nameParticles[t] && !nameSuffixes[t] && !g.caseless()
}

// leadingNoName reports whether token first of the name toks[first:last],
// tagged label, is a word that opens no name (see trim): a conjunction or
// an adverb that opens the sentence ("Although [New Orleans] was not to
// learn"), a common word in lower case before a capitalized one ("the [duo
// Barnes & Barnes]", "the [abbot of Tewkesbury]"), a time of day's "AM"
// ("09:01 [AM Rudwell Johnson]"), a joining word where capitals say
// nothing ("PGA ([AND LPGA]"), or a person's title or honorific, also
// before one of the others ("[PRINCE OF VILLENA]").
func (g *grouper) leadingNoName(first, last int, label ner.Label) bool {
	return sentenceOpeners[g.norm(first)] && g.opensSentence(first) ||
		g.commonWordBefore(first, last) ||
		g.timeOfDayAt(first) ||
		joiningWords[g.norm(first)] && g.caseless() ||
		label == ner.PER && (g.isTitleAt(first) || rulerTitles[g.norm(first)] && g.norm(first+1) == "of")
}

// realmAfter reports whether a person's tag that starts at token tagFirst
// opens with a ruler's title and "of" (or "of the") that trim left out
// of the name, which starts at token first: the name is then the realm's,
// a place ("Prince of Villena", "KING OF PORTUGAL"; in the labelled data a
// name after a title and "of" is a place 21 times, an organization's 12,
// never a person's).
func (g *grouper) realmAfter(tagFirst, first int) bool {
	if !rulerTitles[g.norm(tagFirst)] {
		return false
	}
	k := first - 1
	if k > tagFirst && g.norm(k) == "the" {
		k--
	}
	return k == tagFirst+1 && g.norm(k) == "of"
}

// rulerTitles are the titles of sovereigns and peers, whose "of" names a
// realm or a seat ("Earl of Clare"). A peer's title is a title only before
// "of": "Earl Woods" and "Duke Ellington" are names.
var rulerTitles = union(sovereignTitles, set(`duke duchess earl count countess baron baroness marquess marquis viscount`))

// timeOfDayAt reports whether token i is "AM" or "PM", in any case and
// with or without full stops, right after a time of day: "09:01 AM", "5
// p.m.".
func (g *grouper) timeOfDayAt(i int) bool {
	switch g.toks[i].Text {
	case "AM", "PM", "am", "pm", "A.M.", "P.M.", "a.m.", "p.m.", "Am", "Pm":
		return i > 0 && isTimeOfDay(g.toks[i-1].Text)
	}
	return false
}

// isTimeOfDay reports whether t is an hour, with its minutes and seconds
// after colons or not: "5", "09:01", "15:03:22".
func isTimeOfDay(t string) bool {
	parts := strings.Split(t, ":")
	for _, p := range parts {
		if !isDigits(p) || len(p) > 2 {
			return false
		}
	}
	return len(parts) <= 3
}

// joiningWords join names and never open one; where capitals say nothing
// the tagger may take one in ("OF VILLENA"). Not the prepositions that open
// names of companies and regions: "Under Armour", "Near East".
var joiningWords = set(`of and or from by with`)

// commonWordBefore reports whether token first of the name toks[first:last]
// is a word in lower case, no particle of a name ("van", "de", "al"), before
// a capitalized word of the name: a noun, an adjective or a verb the tagger
// took in ("duo Barnes & Barnes", "federal Bureau of Land Management",
// "chase Snowball"), or the "of" after one ("abbot of Tewkesbury"). The
// labelled corpora never open a name so.
func (g *grouper) commonWordBefore(first, last int) bool {
	if !isLowerWord(g.toks[first].Text) || nameParticles[g.toks[first].Text] {
		return false
	}
	for i := first + 1; i < last; i++ {
		if isCapitalized(g.toks[i].Text) {
			return true
		}
	}
	return false
}

// opensSentence reports whether token i is the first word of its sentence.
func (g *grouper) opensSentence(i int) bool {
	return g.sentenceStart(i, g.sentenceFirst(g.sentenceOf(i)))
}

// postNominalAfter reports whether toks[first:last] is one word of
// post-nominal letters in capitals right after a person's name and a comma:
// "QC" of "Mark Tedeschi, QC," (elsewhere "QC" may be Quebec).
func (g *grouper) postNominalAfter(first, last int) bool {
	if last-first != 1 || first < 2 || g.toks[first-1].Text != "," || !isAllCaps(g.toks[first].Text) || !postNominals[g.norm(first)] {
		return false
	}
	return g.labelEndingAt(first-1) == ner.PER
}

// occupy marks toks[first:last] as part of a mention.
func (g *grouper) occupy(first, last int) {
	for k := first; k < last; k++ {
		g.occupied[k] = true
	}
}

// institutionEnd returns where the name ending at token last ends when up
// to two capitalized words of its sentence follow it and the last of them
// ends company or school names ("High School", "Inc"; or, where capitals
// say something, a company's industry: "Ventures"); else last. A name
// the tagger found in those words is taken in ("[DRIEFONTEIN]
// CONSOLIDATED [LTD]"); one on the next line is not ("... IN LOS
// ANGELES\nTesla Inc.").
func (g *grouper) institutionEnd(last int) int {
	if k := g.endWordAfter(last, g.companyEndAt, false); k >= 0 {
		return k + 1
	}
	return last
}

// companyEndAt reports whether token k ends a company's or a school's name:
// a word of corporateEnds, or one of industryEnds that ends it where it
// stands ("[Granite Peak] Ventures", see industryEndAt).
func (g *grouper) companyEndAt(k int) bool { return corporateEnds[g.norm(k)] || g.industryEndAt(k) }

// placeEnd returns where the name ending at token last ends when, in a text
// with capitals, up to two capitalized words of its sentence follow it, none
// a preposition, a coordinator or a determiner, and the last of them ends
// the names of places, venues or natural features ("International Airport",
// "Heathrow Airport", "Stadium") and no capitalized word follows it; else
// last.
func (g *grouper) placeEnd(last int) int {
	if g.caseless() {
		return last
	}
	return g.closingWordsEnd(last, func(k int) bool { return placeEnds[g.norm(k)] })
}

// shopEnds end the names of shops after their owner's name and a
// possessive.
var shopEnds = lexicon.Set("shop-ends")

// shopEnd returns where the name ending at token last ends when, in a text
// with capitals, a possessive "'s" follows it and then a shop's closing
// words (see closingWordsEnd and shopEnds: "[Ray]'s Pizza", "[Barry]'s Auto
// Tech"); else last.
func (g *grouper) shopEnd(last int) int {
	if last >= len(g.toks) || !isPossessiveS(g.toks[last].Text) || g.caseless() {
		return last
	}
	if end := g.closingWordsEnd(last+1, func(k int) bool { return shopEnds[g.norm(k)] }); end > last+1 {
		return end
	}
	return last
}

// closingWordsEnd returns where the name ending at token last ends when up
// to two capitalized words of its sentence follow it, none a preposition, a
// coordinator or a determiner, the last of them a word that ends reports as
// an end, and the name does not go on after it (see nameGoesOn: "United
// States District [Court]", "Britain's Pizza Express"); else last.
func (g *grouper) closingWordsEnd(last int, ends func(k int) bool) int {
	if k := g.endWordAfter(last, ends, true); k >= 0 && !g.nameGoesOn(k) {
		return k + 1
	}
	return last
}

// nameGoesOn reports whether a capitalized word of token k's sentence
// follows it.
func (g *grouper) nameGoesOn(k int) bool {
	return k+1 < len(g.toks) && isCapitalized(g.toks[k+1].Text) && g.sameSentence(k, k+1)
}

// endWordAfter returns the index of the last word that ends reports as an
// end among the first two words after token last-1, in its sentence, that
// are capitalized, no other mention's and, with plain, no preposition,
// coordinator or determiner ("Kisen [Co. Ltd.]"); or -1.
func (g *grouper) endWordAfter(last int, ends func(k int) bool, plain bool) int {
	if last == 0 || last >= len(g.toks) || !g.sameSentence(last-1, last) {
		return -1
	}
	end := -1
	for k := last; k < len(g.toks) && k < last+2; k++ {
		t, w := g.toks[k].Text, g.norm(k)
		if g.occupied[k] || !isCapitalized(t) || !hasWordRune(t) ||
			plain && isSmallWord(w) {
			break
		}
		if ends(k) {
			end = k
		}
	}
	return end
}

// eponymOnly reports whether the one-word name at token first stands before
// a noun of science that makes an eponym ("the Doppler effect", "the
// Laplace equation") and so does every occurrence of its word in the text:
// a text that also writes "Fresnel studied" beside "the Fresnel equations"
// speaks of the man.
func (g *grouper) eponymOnly(first, last int) bool {
	if last == first+1 && g.eponymTitleAt(last) {
		return true
	}
	if last != first+1 || !eponymNouns[g.lowerAt(last)] {
		return false
	}
	w := g.toks[first].Text
	if only, ok := g.eponyms[w]; ok {
		return only // one scan per word: a text may repeat it thousands of times
	}
	g.indexPositions()
	only := true
	for _, p := range g.positions[w] {
		if !eponymNouns[g.lowerAt(p+1)] {
			only = false
			break
		}
	}
	if g.eponyms == nil {
		g.eponyms = map[string]bool{}
	}
	g.eponyms[w] = only
	return only
}

// maxEponymWords is how many capitalized words may stand between a name and
// the noun of science of the larger name it is part of: "Hall's Marriage
// Theorem".
const maxEponymWords = 2

// theoremNouns end the names of statements of mathematics and science, and
// ownedSkyNouns those of stars and comets after a possessive ("Barnard's
// Star", "Halley's Comet"; "Toronto Star" is a newspaper).
var (
	theoremNouns  = set(`conjecture criterion equation equations hypothesis inequality lemma paradox theorem`)
	ownedSkyNouns = set(`comet star`)
)

// eponymTitleAt reports whether the words from token k, right after a name,
// make it part of a larger proper name of science: a possessive or a dash
// and another name ("Cauchy–Schwarz"), perhaps other capitalized words,
// then a capitalized noun of a statement ("Hall's Theorem", "Bessel's
// Inequality", "Schwarz Inequality"), or a possessive and a star's or a
// comet's noun ("Barnard's Star"), or a possessive and a statement's noun
// in lower case ("König's theorem"). Such a mention is the theorem's, not
// the person's, even where the text names the person elsewhere. Not where
// capitals say nothing ("POLAND 'S PRESS DISTRIBUTION").
func (g *grouper) eponymTitleAt(k int) bool {
	if g.caseless() {
		return false
	}
	switch t := g.text1(k); {
	case isPossessive(t):
		if ownedSkyNouns[g.word(k+1)] && isCapitalized(g.text1(k+1)) || theoremNouns[g.lowerAt(k+1)] {
			return true // "Barnard's Star", "König's theorem"
		}
		k++
	case isDash(t):
		if !isCapitalized(g.text1(k + 1)) {
			return false
		}
		k += 2
	}
	for n := 0; n <= maxEponymWords && k < len(g.toks); n, k = n+1, k+1 {
		t := g.toks[k].Text
		if !isCapitalized(t) || !g.sameSentence(k-1, k) {
			return false
		}
		if theoremNouns[g.norm(k)] {
			return true
		}
	}
	return false
}

// indexPositions makes g.positions, the indices of each token text, if it
// is not made yet.
func (g *grouper) indexPositions() {
	if g.positions == nil {
		g.positions = make(map[string][]int)
		g.bare = make(map[string]bool)
		for i, t := range g.toks {
			g.positions[t.Text] = append(g.positions[t.Text], i)
		}
	}
}

// bareElsewhere reports whether the words toks[first:last] occur in the
// text without a capitalized "The" before them. The answer is kept per
// sequence of words, so a text of many "The X" costs one scan per name.
func (g *grouper) bareElsewhere(first, last int) bool {
	g.indexPositions()
	var key strings.Builder
	for i := first; i < last; i++ {
		key.WriteString(g.toks[i].Text)
		key.WriteByte(0)
	}
	if b, ok := g.bare[key.String()]; ok {
		return b
	}
	n, found := last-first, false
	for _, p := range g.positions[g.toks[first].Text] {
		if p+n > len(g.toks) || p > 0 && g.toks[p-1].Text == "The" {
			continue
		}
		same := true
		for k := 1; k < n && same; k++ {
			same = g.toks[p+k].Text == g.toks[first+k].Text
		}
		if same {
			found = true
			break
		}
	}
	g.bare[key.String()] = found
	return found
}

// allTitles reports whether toks[first:last], with the titles
// and honorifics just before it, has two words or more and all are titles
// or roles: "Deputy Director" tagged as a person, "Justice" of "Mr. Chief
// Justice".
func (g *grouper) allTitles(first, last int) bool {
	first = g.titlesBefore(first) // "Mr. Chief [Justice]"
	if last-first < 2 {
		return false
	}
	for i := first; i < last; i++ {
		n := g.norm(i)
		if !titles[n] && !honorifics[n] && !roleHeads[n] {
			return false
		}
	}
	return true
}

// balancedClose reports whether token i is a closing bracket whose opening
// bracket is in toks[first:i].
func (g *grouper) balancedClose(first, i int) bool {
	var open string
	switch g.toks[i].Text {
	case ")":
		open = "("
	case "]":
		open = "["
	default:
		return false
	}
	for j := i - 1; j > first; j-- {
		if g.toks[j].Text == open {
			return true
		}
	}
	return false
}

// addItem files it into the cluster of its normalized name and label and
// returns its index.
func (g *grouper) addItem(it item) int {
	key, ntoks := g.name(it.first, it.last)
	it.cluster = g.clusterOf(key, ntoks, it.label)
	if !it.tagged {
		it.tagFirst = it.first
	}
	g.items = append(g.items, it)
	g.fileItem(len(g.items) - 1)
	return len(g.items) - 1
}

// clusterKey identifies a cluster: a normalized name and a label.
type clusterKey struct {
	name  string
	label ner.Label
}

// clusterOf returns the cluster of the name key with label l, creating it.
func (g *grouper) clusterOf(key string, words []string, l ner.Label) int {
	k := clusterKey{key, l}
	c, ok := g.byKey[k]
	if !ok {
		c = len(g.clusters)
		g.byKey[k] = c
		g.clusters = append(g.clusters, cluster{toks: words, key: key, label: l, parent: c, rep: -1, head: -1})
	}
	return c
}

// fileItem adds item i to its cluster.
func (g *grouper) fileItem(i int) {
	it := &g.items[i]
	cl := &g.clusters[it.cluster]
	it.words = len(cl.toks)
	it.next = cl.head
	cl.head = i
	if cl.rep < 0 {
		cl.rep = i
		cl.notName = it.notName
	}
	cl.notName = cl.notName && it.notName
	if it.last-it.first == 1 && isAcronym(g.toks[it.first].Text) {
		cl.acronym = true
	}
	if it.tagged {
		cl.mass[it.label] += it.conf
		cl.tagged++
	}
}

// name returns the normalized name of toks[first:last], as a key and as
// words, leaving out a leading "the", a trailing possessive and the comma
// before a legal form. The words
// share one backing array, so they must not be appended to.
func (g *grouper) name(first, last int) (string, []string) {
	start := len(g.words)
	n := 0 // bytes of the key
	for i := first; i < last; i++ {
		w := g.norm(i)
		if w == "" || w == "the" && len(g.words) == start && i+1 < last || i == last-1 && i > first && isPossessive(g.toks[i].Text) ||
			w == "," && i == last-2 && legalForms[g.norm(last-1)] {
			continue // "Apple Inc." and "Apple, Inc." are one name
		}
		g.words = append(g.words, w)
		n += len(w) + 1
	}
	words := g.words[start:len(g.words):len(g.words)]
	switch len(words) {
	case 0:
		return "", words
	case 1:
		return words[0], words
	}
	g.arena.Grow(n)
	start = g.arena.Len()
	for i, w := range words {
		if i > 0 {
			g.arena.WriteByte(' ')
		}
		g.arena.WriteString(w)
	}
	return g.arena.String()[start:], words
}

func argmax(mass [ner.MISC + 1]float64) ner.Label {
	best := ner.Label(0)
	for l := ner.PER; l <= ner.MISC; l++ {
		if best == 0 || mass[l] > mass[best] {
			best = l
		}
	}
	return best
}

// meanConfidence is the mean confidence of the cluster's tagged items.
func (g *grouper) meanConfidence(c int) float64 {
	cl := &g.clusters[c]
	if cl.tagged == 0 {
		return 0
	}
	sum := 0.0
	for _, m := range cl.mass {
		sum += m
	}
	return sum / float64(cl.tagged)
}

// compatible reports whether cluster c may join an entity of type l: it was
// tagged l somewhere, or the tagger was unsure of it.
func (g *grouper) compatible(c int, l ner.Label) bool {
	cl := &g.clusters[c]
	return cl.label == l || cl.mass[l] > 0 || g.meanConfidence(c) < weakConfidence
}

func (g *grouper) find(c int) int {
	for g.clusters[c].parent != c {
		g.clusters[c].parent = g.clusters[g.clusters[c].parent].parent
		c = g.clusters[c].parent
	}
	return c
}

// union makes child's entity part of parent's; parent's root stays the root.
func (g *grouper) union(child, parent int) {
	rc, rp := g.find(child), g.find(parent)
	if rc != rp {
		g.clusters[rc].parent = rp
	}
}

// normalize returns the form of a token used to compare names: lower case,
// without periods or accents, with one kind of apostrophe, and with hyphens
// as spaces ("Coca-Cola" and "Coca Cola", "López" and "Lopez").
func normalize(s string) string {
	var arena strings.Builder
	return normalizeInto(&arena, s)
}

// normalizeInto is normalize writing into arena: the result is a substring of
// the arena's contents (or s itself), so normalizing many tokens allocates
// only as the arena grows. Strings returned earlier stay valid: a
// strings.Builder only appends.
func normalizeInto(arena *strings.Builder, s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == '.' || c == '-' || 'A' <= c && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	start := arena.Len()
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case c == '.':
			case c == '-':
				arena.WriteByte(' ')
			case c == '`':
				arena.WriteByte('\'')
			case 'A' <= c && c <= 'Z':
				arena.WriteByte(c + 'a' - 'A')
			default:
				arena.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '.':
			continue
		case '’', 'ʼ', '‘', '`':
			r = '\''
		case '-', '‐', '‑', '–', '—':
			r = ' '
		}
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			arena.WriteString(f)
			continue
		}
		arena.WriteRune(r)
	}
	return arena.String()[start:]
}

// isPossessiveS reports whether t is a possessive "'s", in any case and
// with either apostrophe; not an apostrophe alone, which may be a quote's.
func isPossessiveS(t string) bool {
	return isPossessive(t) && (strings.HasSuffix(t, "s") || strings.HasSuffix(t, "S"))
}

// isPossessive reports whether t is a possessive token: "'s" or an
// apostrophe alone ("Jones' book").
func isPossessive(t string) bool {
	switch t {
	case "'s", "’s", "'S", "’S", "'", "’":
		return true
	}
	return false
}

func hasWordRune(t string) bool {
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isCapitalized(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// norm returns the normalized text of token i (see normalize).
func (g *grouper) norm(i int) string {
	if g.normed == nil {
		g.normed = make([]string, len(g.toks))
	}
	// "" is also the form of a token of dots, which is quick to redo.
	if g.normed[i] == "" {
		g.normed[i] = normalizeInto(&g.arena, g.toks[i].Text)
	}
	return g.normed[i]
}

// noName reports whether tagged item it (the tag m, its name's key and
// normalized words ntoks) is no name of the three types where it stands, and is
// dropped with MISC; unlike noneOfThree, it settles no other mention of the
// name. lowerUses is ordinaryWords' answer. No name are:
//   - unknown labels;
//   - the words of noNameWord;
//   - a place's name that ends in a nationality adjective ("West German");
//   - a name before a language's or a people's noun ("Khmer language",
//     "Kansa tribe"), one the text names only in eponyms ("the Doppler
//     effect", see eponymOnly), one in a work's quoted title ("Elmer
//     Gantry" (1960), see quotedWork), a citation of a book of the Bible
//     ("Exodus 6:16"), a single letter ("E 9.5" embryos), a species named
//     by its genus's initial ("A. formosa", see isBinomial), one before the
//     word that ends an event's name ("[Marshall] Plan", see
//     eventEndAfter), a star's or a planet's in a text about the sky
//     ("Tau Ceti", "Mercury and Venus", see isSkyName and isPlanet), one
//     written in lower case in edited prose ("the lingua franca", see
//     lowerInEditedText);
//   - a short form or a term the text defines (see definedTerm);
//   - ordinary words on a line in title case that the tagger thought more
//     likely no name (a step of a list, "2. Launch Partner Portal"; a
//     table's heading, "| Region | Revenue |"; see plainWordsOnTitleLine);
//   - titles without a name ("Deputy Director").
func (g *grouper) noName(it item, m ner.Mention, key string, ntoks []string, lowerUses map[string]int) bool {
	first, last := it.first, it.last
	alias, term := g.definedTerm(key)
	switch {
	case it.label > ner.MISC || it.label == 0:
		return true
	case alias:
		return false // `Cascade Freight Solutions, Inc. ("Cascade")`, in quotes too
	case term:
		return true // `the other Party (the "Receiving Party")`
	case len(ntoks) == 1 && g.noNameWord(it, ntoks[0], lowerUses):
		return true
	case it.label == ner.LOC && demonyms[ntoks[len(ntoks)-1]]:
		return true // "West German", "South African"
	case languageNouns[g.lowerAt(last)] || peoplesNouns[g.lowerAt(last)] || g.eponymOnly(first, last) ||
		g.quotedWork(first, last) || g.isScripture(first, last) || g.eventEndAfter(last) ||
		g.isSkyName(first, last, key) || g.isPlanet(first, last):
		return true
	case last == first+1 && utf8.RuneCountInString(g.toks[first].Text) == 1, g.isBinomial(first, last),
		g.lowerInEditedText(first, last),
		it.conf < unsureConfidence && g.plainWordsOnTitleLine(first, last):
		return true
	}
	return it.label == ner.PER && (g.allTitles(m.First, m.Last) || g.lowerPersonEnd(first, last))
}

// noNameWord reports whether the name of one word w of item it is no name
// where it stands (see noName): a nationality adjective, or a region's
// adjective the tagger could not place ("Mediterranean cuisine"; where it
// names the region, see isRegion, noName is not asked); a lone "Jr.", a
// common abbreviation ("ASAP", "SVP"), a holiday ("Easter"), an acronym
// the text defines by words in lower case ("adenosine triphosphate (ATP)",
// see plainAcronyms), post-nominal letters after a person's name and a
// comma ("Mark Tedeschi, QC"), an adjective of state before a word ("the
// Federal budget"), an ordinary word capitalized that the tagger was
// unsure of ("Antimony", see ordinaryWord), a word the dictionary knows in
// lower case only after "a" or "an" where capitals say nothing ("A Blizzard
// Is", "AN OPERA"), a lone title after "the" ("the Sultan wished") and one
// the tagger was unsure was an organization ("Chancellor would").
func (g *grouper) noNameWord(it item, w string, lowerUses map[string]int) bool {
	first, last := it.first, it.last
	switch {
	case demonyms[w] || periodAdjectives[w] || regionAdjectives[w] && it.label == ner.MISC:
		return true // "Caribbean leaders", "Mediterranean cuisine", "the Renaissance"
	case nameSuffixes[w] || commonAbbreviations[w] || holidays[w] || g.acronyms[w] || g.postNominalAfter(first, last):
		return true
	case stateAdjectives[w] && isWord(g.text1(last)):
		return true
	case last == first+1 && (it.conf < weakConfidence || g.lowerInCasedText(first)) && g.ordinaryWord(first, lowerUses):
		return true
	case (g.word(first-1) == "a" || g.word(first-1) == "an") && g.caseless() && lexicon.LowerOnly(w):
		return true
	}
	return (titles[w] || roleHeads[w]) && (g.word(first-1) == "the" || it.label == ner.ORG && it.conf < weakConfidence)
}

// isBinomial reports whether toks[first:last] is a species' name with its
// genus abbreviated to an initial: "E. coli", "A. formosa"; not a person's
// initial and particle ("J. van Dijk").
func (g *grouper) isBinomial(first, last int) bool {
	if last != first+2 {
		return false
	}
	initial, species := g.toks[first].Text, g.toks[first+1].Text
	return len(initial) == 2 && initial[1] == '.' && 'A' <= initial[0] && initial[0] <= 'Z' &&
		isLowerWord(species) && !nameParticles[species]
}

// titlesBefore returns where the run of titles and honorifics
// just before token i starts ("Mr. Chief" before "Justice"), or i.
func (g *grouper) titlesBefore(i int) int {
	for i > 0 && g.isTitleAt(i-1) {
		i--
	}
	return i
}

// isTitleAt reports whether token i is a title or honorific.
func (g *grouper) isTitleAt(i int) bool {
	n := g.norm(i)
	return titles[n] || honorifics[n]
}

func clamp01(x float64) float64 {
	switch {
	case x > 1:
		return 1
	case x >= 0:
		return x
	}
	return 0
}

// fold maps accented lower-case Latin letters to their plain forms. It is
// built by its initializer, not an init function, so that the word lists
// normalized at their own initialization (see normalized) find it filled.
var fold = foldTable()

func foldTable() map[rune]string {
	fold := map[rune]string{}
	for _, p := range []string{"àáâãäåāăą a", "çćĉċč c", "ďđ d", "èéêëēĕėęě e", "ĝğġģ g", "ĥħ h",
		"ìíîïĩīĭįı i", "ĵ j", "ķ k", "ĺļľŀł l", "ñńņňŉ n", "òóôõöøōŏő o", "ŕŗř r", "śŝşšș s",
		"ţťŧț t", "ùúûüũūŭůűų u", "ŵ w", "ýÿŷ y", "źżž z", "ß ss", "æ ae", "œ oe"} {
		letters, plain, _ := strings.Cut(p, " ")
		for _, r := range letters {
			fold[r] = plain
		}
	}
	return fold
}
