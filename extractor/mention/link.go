package mention

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// addDefinedAcronyms finds acronyms that the text defines in brackets,
// "Federal Security Service (FSB)" or "FSB (Federal Security Service)", and
// joins the two names. An acronym the tagger missed is added as a mention.
func (g *grouper) addDefinedAcronyms() {
	n := len(g.items)
	for i := 0; i < n; i++ {
		if g.ck.Tick() != nil {
			return
		}
		it := g.items[i]
		if !it.tagged || it.label == ner.PER {
			continue
		}
		// The bracket must follow the mention directly (a possessive or a
		// trimmed punctuation mark in between is not a definition).
		open := it.last
		if open+2 >= len(g.toks) || g.toks[open].Text != "(" || g.toks[open+2].Text != ")" {
			continue
		}
		inner := open + 1
		long := it.last-it.first > 1
		switch {
		case long && isAcronym(g.toks[inner].Text):
			// "Federal Security Service (FSB)"; but "Toshiba Information
			// Systems (U.K.)" names a country, not the company.
			if j := g.itemAt(inner); j >= 0 {
				if g.definitionCompatible(g.items[j].cluster, it.cluster) {
					g.link(g.items[j].cluster, it.cluster)
				}
			} else if !g.occupied[inner] && g.initialsFit(g.toks[inner].Text, it.first, it.last) {
				g.occupied[inner] = true
				j := g.addItem(item{first: inner, last: inner + 1, label: it.label, conf: it.conf})
				g.link(g.items[j].cluster, it.cluster)
			}
		case !long && isAcronym(g.toks[it.first].Text):
			// "FSB (Federal Security Service)": only a tagged expansion.
			if j := g.itemAt(inner); j >= 0 && g.items[j].last-g.items[j].first > 1 && g.definitionCompatible(it.cluster, g.items[j].cluster) {
				g.link(it.cluster, g.items[j].cluster)
			}
		}
	}
}

// itemAt returns the tagged item whose name starts at token i, or -1.
func (g *grouper) itemAt(i int) int {
	j, ok := slices.BinarySearchFunc(g.items[:g.nTagged], i, func(it item, i int) int { return it.first - i })
	if ok {
		return j
	}
	return -1
}

// link makes a's entity part of b's. If their types differ and the tagger was
// unsure of one of them (which is what let them link), the unsure one takes
// the other's type, so that it cannot outvote it: a weak "DoD" tagged MISC
// twice does not turn the "U.S. Department of Defense" into MISC.
func (g *grouper) link(a, b int) {
	la, lb := g.clusters[a].label, g.clusters[b].label
	if la != lb {
		switch {
		case g.meanConfidence(a) < weakConfidence:
			g.relabel(a, lb)
		case g.meanConfidence(b) < weakConfidence:
			g.relabel(b, la)
		}
	}
	g.union(a, b)
}

// relabel gives cluster c and its items the label l.
func (g *grouper) relabel(c int, l ner.Label) {
	cl := &g.clusters[c]
	cl.label = l
	cl.mass = [ner.MISC + 1]float64{}
	for i := cl.head; i >= 0; i = g.items[i].next {
		it := &g.items[i]
		it.label = l
		if it.tagged {
			cl.mass[l] += it.conf
		}
	}
}

// definitionCompatible reports whether a name and the one in brackets after
// it may be one entity: the tagger gave them one type, or was unsure of one.
// (Initials may be of another language: "Popular Revolutionary Army (EPR)".)
func (g *grouper) definitionCompatible(a, b int) bool {
	return g.clusters[a].label == g.clusters[b].label ||
		g.meanConfidence(a) < weakConfidence || g.meanConfidence(b) < weakConfidence
}

// initialsFit reports whether the acronym acr starts with the initial of a
// word of toks[first:last]: an untagged "(FSB)" after "Federal Security
// Service" is its acronym, an untagged "(UK)" after "Toshiba Information
// Systems" is not.
func (g *grouper) initialsFit(acr string, first, last int) bool {
	a, _ := utf8.DecodeRuneInString(acr)
	for i := first; i < last; i++ {
		if r, _ := utf8.DecodeRuneInString(g.toks[i].Text); unicode.IsUpper(r) && r == a {
			return true
		}
	}
	return false
}

// aliasCompatible reports whether clusters a and b, an acronym and its
// expansion, may be one entity: a person, place or organization may be
// tagged as another of the three (the "EU" as a place), but a name tagged
// MISC with confidence is another kind of thing ("BSE" the index, not the
// "Budapest Stock Exchange").
func (g *grouper) aliasCompatible(a, b int) bool {
	la, lb := g.clusters[a].label, g.clusters[b].label
	switch {
	case la == lb:
		return true
	case la == ner.MISC:
		return g.meanConfidence(a) < weakConfidence
	case lb == ner.MISC:
		return g.meanConfidence(b) < weakConfidence
	}
	return true
}

// isAcronym reports whether t looks like an acronym: two to eight letters or
// digits, possibly with periods or "&", not starting in lower case, with two
// capitals or a capital and a digit, and no more lower-case letters than
// capitals ("EU", "U.S.", "AT&T", "DoD", "G7", "3M"; not "Tass" or "Ltd").
func isAcronym(t string) bool {
	letters, caps, digits := 0, 0, 0
	for i, r := range t {
		switch {
		case r == '.' || r == '&':
		case unicode.IsUpper(r):
			letters++
			caps++
		case unicode.IsDigit(r):
			letters++
			digits++
		case unicode.IsLower(r) && i > 0:
			letters++
		default:
			return false
		}
	}
	return (caps >= 2 || caps == 1 && digits > 0) && letters >= 2 && letters <= 8 && letters-caps-digits <= caps
}

// linkAcronyms joins each acronym to the one longer name in the text whose
// initials it is ("EU" and "European Union", "NATO" and "North Atlantic
// Treaty Organization"). Function words may count or not ("DOJ" and "DJ" both
// fit "Department of Justice"). An acronym that fits two names joins none.
func (g *grouper) linkAcronyms() {
	type expansion struct {
		cluster   int
		ambiguous bool
	}
	var byInitials map[string]expansion
	for c := range g.clusters {
		if g.ck.Tick() != nil {
			return
		}
		cl := &g.clusters[c]
		if len(cl.toks) < 2 || cl.label == ner.PER {
			continue
		}
		it := g.items[cl.rep]
		for _, ini := range initials(g.toks, it.first, it.last) {
			if byInitials == nil {
				byInitials = map[string]expansion{}
			}
			e, ok := byInitials[ini]
			switch {
			case !ok:
				byInitials[ini] = expansion{cluster: c}
			case g.find(e.cluster) != g.find(c):
				byInitials[ini] = expansion{cluster: e.cluster, ambiguous: true}
			}
		}
	}
	if byInitials == nil {
		return
	}
	for c := range g.clusters {
		cl := &g.clusters[c]
		if len(cl.toks) != 1 || cl.label == ner.PER || !g.clusterHasAcronymForm(c) {
			continue
		}
		key := strings.ToUpper(strings.ReplaceAll(cl.key, "&", ""))
		if e, ok := byInitials[key]; ok && !e.ambiguous && g.aliasCompatible(c, e.cluster) {
			g.link(c, e.cluster)
		}
	}
}

// clusterHasAcronymForm reports whether some mention of c is written as an
// acronym.
func (g *grouper) clusterHasAcronymForm(c int) bool { return g.clusters[c].acronym }

// initials returns the acronyms that toks[first:last] can stand for, in
// upper case: the initials of its capitalized words, of all its words, and
// with hyphenated words counted as several ("Anti-Corruption Foundation").
func initials(toks []tokenize.Token, first, last int) []string {
	var skip, all, hyph strings.Builder
	for i := first; i < last; i++ {
		t := toks[i].Text
		r, _ := utf8.DecodeRuneInString(t)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if t == "&" {
				continue
			}
			return nil
		}
		u := unicode.ToUpper(r)
		all.WriteRune(u)
		if lowerFunctionWords[strings.ToLower(t)] {
			continue
		}
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			// A lower-case word in a name other than a function word: the
			// initials would be a guess.
			return nil
		}
		skip.WriteRune(u)
		for j, part := range strings.Split(t, "-") {
			if pr, _ := utf8.DecodeRuneInString(part); j == 0 || unicode.IsUpper(pr) {
				hyph.WriteRune(unicode.ToUpper(pr))
			}
		}
	}
	out := make([]string, 0, 3)
	for _, s := range []string{skip.String(), all.String(), hyph.String()} {
		if utf8.RuneCountInString(s) >= 2 && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// linkShortForms joins part of a name to the one longer name it is part of.
//
// For people: a suffix of the name ("Putin", "van Gogh"), its first word
// ("Vladimir"), or its first and last words without the middle ones ("George
// Bush" for "George W. Bush"). For organizations: its first words
// ("Carnegie" for "Carnegie Moscow Center", "Apple" for "Apple Inc."). Longer
// names are linked first, so "Putin" → "Vladimir Putin" → "Vladimir
// Vladimirovich Putin". A short form that fits two different longer names
// stays on its own.
//
// People also take a middle word of a name of three words or more ("Lula"
// for "Luiz Inácio Lula da Silva"), when no name starts or ends with it.
// Organizations also take their last word ("Commission" for "European
// Commission") and their first word cut short ("Fed" for "Federal
// Reserve"), and places the words after "of" ("Congo" for "Democratic
// Republic of Congo").
func (g *grouper) linkShortForms() {
	order := make([]int, len(g.clusters))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(g.clusters[b].toks), len(g.clusters[a].toks)) })
	idx := shortFormIndex{m: make(map[shortForm]rootPair, len(g.clusters))}
	var cands []int
	for _, c := range order {
		if g.ck.Tick() != nil {
			return
		}
		cl := &g.clusters[c]
		cands = cands[:0]
		if cl.notName || len(cl.toks) == 1 && (!isNameWord(cl.toks[0]) || g.lower[cl.toks[0]]) {
			// An ordinary word the tagger took for a name ("Center" of an
			// untagged "Kennedy Center", when "center" is in the text too)
			// is no short form, nor is a name that is none where it stands
			// (see noName: "British" voters beside British Petroleum, "the
			// Federal budget" beside the Federal Government).
			continue
		}
		if g.compatible(c, ner.PER) {
			// A regnal number or "Jr." after the name says nothing of whose
			// it is: "Norton I" is Joshua Abraham Norton's.
			key, toks := cl.key, cl.toks
			if n := len(toks); n > 1 && isNameSuffix(toks[n-1]) {
				key, toks = key[:len(key)-len(toks[n-1])-1], toks[:n-1]
			}
			cands = idx.lookup(g, cands, shortForm{kind: suffixForm, a: key})
			if len(toks) == 1 {
				cands = idx.lookup(g, cands, shortForm{kind: firstForm, a: key})
				if len(cands) == 0 {
					// A middle word only when no name starts or ends with it:
					// "Carlos" is Carlos Alcaraz beside Juan Carlos Ferrero.
					cands = idx.lookup(g, cands, shortForm{kind: middleForm, a: key})
				}
			} else {
				cands = idx.lookup(g, cands, shortForm{kind: pairForm, a: toks[0], b: toks[len(toks)-1]})
			}
		}
		if g.compatible(c, ner.ORG) && (cl.label != ner.LOC || g.meanConfidence(c) < weakPlace) {
			// A name with a corporate suffix before one it opens: "American
			// Airlines" is "American Airlines, Inc.", not "American
			// Airlines Group, Inc.". An acronym joins only the first: "IBM"
			// is "IBM Corp." but "U.N." is not the "U.N. Council".
			n := len(cands)
			cands = idx.lookup(g, cands, shortForm{kind: baseForm, a: cl.key})
			if len(cands) == n && !g.clusterHasAcronymForm(c) {
				cands = idx.lookup(g, cands, shortForm{kind: prefixForm, a: cl.key})
			}
			if len(cl.toks) == 1 && cl.label == ner.ORG {
				cands = idx.lookup(g, cands, shortForm{kind: lastForm, a: cl.key})
				cands = idx.lookup(g, cands, shortForm{kind: clipForm, a: cl.key})
			}
		}
		if cl.label == ner.LOC {
			cands = idx.lookup(g, cands, shortForm{kind: ofForm, a: cl.key})
		}
		if len(cands) == 1 && g.find(c) != cands[0] && !g.outweighs(c, cands[0]) {
			g.link(c, cands[0])
		}
		if len(cl.toks) > 1 {
			idx.register(g, c)
		}
	}
}

// outweighs reports whether the tagger's evidence for the type of cluster c
// is stronger than for the other type of entity r, so that c is no short
// form of r: "Athens", a place fifteen times, is not "Old Athens" the one
// time the tagger took that for a person.
func (g *grouper) outweighs(c, r int) bool {
	a, b := &g.clusters[c], &g.clusters[r]
	return a.label != b.label && a.mass[a.label] > b.mass[b.label]
}

// shortFormIndex maps the short forms of the longer names seen so far to the
// entities (root clusters) they may stand for.
type shortFormIndex struct {
	m map[shortForm]rootPair
}

// shortForm is a short form of a name: for a person, a suffix of its words
// ("Putin", "van Gogh"), its first word ("Vladimir"), or its first and last
// words; for an organization, its leading words or its name without a
// corporate suffix. a and b are substrings of the normalized name.
type shortForm struct {
	kind byte
	a, b string
}

// The kinds of short forms.
const (
	suffixForm = 's'
	firstForm  = 'f'
	pairForm   = 'p'
	prefixForm = 'o'
	baseForm   = 'b'
	lastForm   = 'l' // an organization's last word: "Commission" for "European Commission"
	clipForm   = 'c' // an organization's first word cut short: "Fed" for "Federal Reserve"
	ofForm     = 'y' // a place's words after "of": "Congo" for "Democratic Republic of Congo"
	middleForm = 'm' // a middle word of a person's name of three or more: "Lula" for "Luiz Inácio Lula da Silva"
)

// minClip is the fewest letters of a clipped first word ("Fed").
const minClip = 3

// rootPair holds up to two entities (root clusters): two already make a
// short form ambiguous.
type rootPair struct {
	r [2]int32
	n uint8
}

func (x *shortFormIndex) lookup(g *grouper, cands []int, k shortForm) []int {
	e := x.m[k]
	for _, r := range e.r[:e.n] {
		cands = addRoot(cands, g.find(int(r)))
	}
	return cands
}

func addRoot(roots []int, r int) []int {
	if slices.Contains(roots, r) {
		return roots
	}
	return append(roots, r)
}

func (x *shortFormIndex) add(k shortForm, r int) {
	e := x.m[k]
	if e.n == 2 || e.n == 1 && e.r[0] == int32(r) {
		return
	}
	e.r[e.n] = int32(r)
	e.n++
	x.m[k] = e
}

// siteEnds end the names of sites that may be named after their owner:
// the owner's name is no short form of the site's ("Apple", "Apple Park").
var siteEnds = normalized(lexicon.Union("landform-ends", "place-ends", "site-ends"))

// register adds the short forms of cluster c's name.
func (x *shortFormIndex) register(g *grouper, c int) {
	cl := &g.clusters[c]
	r := g.find(c)
	n := len(cl.toks)
	switch cl.label {
	case ner.PER:
		// "Adam of Bremen" is no "Bremen": the words from "of" on name a
		// place, not the person.
		n = epithetAt(cl.toks)
		end := len(cl.toks[0]) // where word n-1 ends in cl.key
		for _, w := range cl.toks[1:n] {
			end += 1 + len(w)
		}
		off := 0 // where word j starts in cl.key
		for j := 1; j < n; j++ {
			off += len(cl.toks[j-1]) + 1
			// "Gogh" and "van Gogh" for "Vincent van Gogh", but not "van".
			if isNameWord(cl.toks[j]) || j < n-1 && !isInitial(cl.toks[j]) {
				x.add(shortForm{kind: suffixForm, a: cl.key[off:end]}, r)
			}
		}
		if isNameWord(cl.toks[0]) {
			x.add(shortForm{kind: firstForm, a: cl.toks[0]}, r)
		}
		if n > 2 {
			x.add(shortForm{kind: pairForm, a: cl.toks[0], b: cl.toks[n-1]}, r)
		}
		for _, w := range cl.toks[1:max(n-1, 1)] {
			if isNameWord(w) && !nameParticles[w] {
				x.add(shortForm{kind: middleForm, a: w}, r)
			}
		}
	case ner.ORG:
		end := -1 // where word j ends in cl.key
		site := siteEnds[cl.toks[n-1]]
		for j := 1; j < n; j++ {
			end += len(cl.toks[j-1]) + 1
			if w := cl.toks[j-1]; !site && !lowerFunctionWords[w] && (j > 1 || isNameWord(w)) {
				x.add(shortForm{kind: prefixForm, a: cl.key[:end]}, r)
			}
		}
		if corporateSuffixes[cl.toks[n-1]] {
			x.add(shortForm{kind: baseForm, a: cl.key[:end]}, r)
		} else if w := cl.toks[n-1]; isNameWord(w) && !(n == 2 && compassWords[cl.toks[0]]) {
			// Not "Stirling" for "East Stirling": another club.
			x.add(shortForm{kind: lastForm, a: w}, r)
		}
		if w := []rune(cl.toks[0]); len(w) > minClip+2 && isNameWord(cl.toks[0]) {
			// "Fed", "Fede" and "Feder" for "Federal Reserve": at least two
			// letters short of the word.
			for k := minClip; k <= len(w)-2; k++ {
				x.add(shortForm{kind: clipForm, a: string(w[:k])}, r)
			}
		}
	case ner.LOC:
		off := 0
		for j := 1; j < n; j++ {
			off += len(cl.toks[j-1]) + 1
			if cl.toks[j-1] == "of" {
				x.add(shortForm{kind: ofForm, a: cl.key[off:]}, r)
			}
		}
	}
}

// epithetAt returns the index of the "of" of a person's name in which a
// place names the person ("Adam of Bremen", "Philip II of Macedon"), or
// len(toks).
func epithetAt(toks []string) int {
	for j := 1; j < len(toks)-1; j++ {
		if toks[j] == "of" {
			return j
		}
	}
	return len(toks)
}

// isNameSuffix reports whether the normalized word w follows a person's
// name without being part of whose it is: "jr", a regnal number ("viii").
func isNameSuffix(w string) bool {
	return nameSuffixes[w] || w != "" && len(w) <= 6 && strings.IndexByte("ivx", w[0]) >= 0 && isRomanNumeral(strings.ToUpper(w))
}

// isNameWord reports whether the normalized word w can be a short form of a
// name on its own: not an initial, a title, a function word, a corporate
// suffix or "Jr.".
func isNameWord(w string) bool {
	return len(w) > 1 && utf8.RuneCountInString(w) > 1 && !notNameWords[w] && hasWordRune(w)
}

// notNameWords is the union of the lists isNameWord rules out.
var notNameWords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []map[string]bool{titles, honorifics, lowerFunctionWords, corporateSuffixes, nameSuffixes} {
		for w := range list {
			m[w] = true
		}
	}
	return m
}()

// markLower sets g.lower: the normalized one-word names of the clusters and
// the last words of longer names (the surnames recovery looks for), each
// true if the text also has it in lower case (an ordinary word).
func (g *grouper) markLower() {
	g.lower = make(map[string]bool, len(g.clusters))
	// A cheap filter before the map: the first byte of each word and its
	// length.
	var lengths lexicon.Lengths
	for i := range g.clusters {
		if cl := &g.clusters[i]; len(cl.toks) > 0 {
			w := cl.toks[len(cl.toks)-1]
			g.lower[w] = false
			lengths.Add(w)
		}
	}
	for i, t := range g.toks {
		if g.ck.Tick() != nil {
			return
		}
		if lengths[t.Text[0]] == 0 && t.Text[0] < utf8.RuneSelf {
			continue // normalization keeps ASCII lower-case letters
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLower(r) {
			continue
		}
		if n := g.norm(i); lengths.MayHave(n) {
			if _, ok := g.lower[n]; ok {
				g.lower[n] = true
			}
		}
	}
}

// isInitial reports whether the normalized word w is an initial ("w" of
// "George W. Bush").
func isInitial(w string) bool { return utf8.RuneCountInString(w) == 1 }
