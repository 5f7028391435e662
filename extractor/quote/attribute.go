package quote

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/ner"
)

// How far back pronoun and organization references are resolved.
const (
	lookbackTokens = 400
	lookbackParas  = 2
	maxContext     = 40 // tokens of context searched before and after a quotation
)

// lastQuotedRune is the last rune of the quoted words.
func (a *attributor) lastQuotedRune(g *group) rune {
	pc := a.pieces[g.last-1]
	r, _ := utf8.DecodeLastRuneInString(a.text[pc.start:pc.end])
	return r
}

// postContext returns the tokens after the quotation up to the end of its
// sentence, the next quotation or the paragraph end.
func (a *attributor) postContext(g *group) (int, int) {
	if g.unclosed {
		return g.closeTok, g.closeTok
	}
	lo := g.closeTok
	hi := lo
	for hi < len(a.toks) && hi-lo < maxContext && a.tokPara[hi] == g.lastPara && !a.inLong[hi] && !a.isTerminal(hi) {
		hi++
	}
	return lo, hi
}

// preContext returns the tokens before the quotation back to the start of
// its sentence, the previous quotation or the paragraph start.
func (a *attributor) preContext(g *group) (int, int) {
	hi := g.openTok
	lo := hi
	for lo > 0 && hi-lo < maxContext && a.tokPara[lo-1] == g.para && !a.inLong[lo-1] && !a.isTerminal(lo-1) {
		lo--
	}
	if lo == hi && lo > 0 && a.toks[lo-1].Text == ":" && a.tokPara[lo-1] == g.para-1 {
		// "Smith said:" ends the paragraph before the quotation.
		hi = lo
		for lo > 0 && hi-lo < maxContext && a.tokPara[lo-1] == g.para-1 && !a.inLong[lo-1] && !a.isTerminal(lo-1) {
			lo--
		}
	}
	return lo, hi
}

func (a *attributor) hasWords(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if isWordToken(a.toks[i].Text) {
			return true
		}
	}
	return false
}

// postCue matches the attribution after a quotation: `…," X said`,
// `…," said X`, `…" X told Reuters`, `…," according to X`.
func (a *attributor) postCue(g *group, lo, hi int) (nounPhrase, bool) {
	if r := a.lastQuotedRune(g); r == '.' && (lo >= hi || !unicode.IsLower(firstRune(a.toks[lo].Text))) {
		return nounPhrase{}, false // the quotation ends its sentence
	}
	j := lo
	for j < hi && isDash(a.toks[j].Text) {
		j++
	}
	if j >= hi {
		return nounPhrase{}, false
	}
	if a.lower(j) == "according" && j+1 < hi && a.lower(j+1) == "to" {
		return a.forwardNP(j+2, hi)
	}
	if a.isVerb(j) {
		return a.forwardNP(j+1, hi)
	}
	for v := j; v < hi && v-j < 30; v++ {
		if !a.isVerb(v) {
			continue
		}
		end := a.trimAux(j, v)
		if np, ok := a.subject(j, end); ok {
			return np, true
		}
		if v-1 > j && v-j <= 6 && a.toks[v-1].Text == "," {
			// "…" in talks, said Juan Carlos Pugliese
			return a.forwardNP(v+1, hi)
		}
		return nounPhrase{}, false
	}
	return nounPhrase{}, false
}

// preCue matches the attribution before a quotation: `X said: "…`,
// `X said that "…`, `according to X, "…`, and, loosely, a speech verb
// earlier in the sentence: `X said the plan was "…`.
func (a *attributor) preCue(lo, hi int) (np nounPhrase, tight, ok bool) {
	for k := lo; k+1 < hi; k++ {
		if a.lower(k) == "according" && a.lower(k+1) == "to" {
			if np, ok := a.forwardNP(k+2, hi); ok {
				rest := np.hi
				for rest < hi && isDash(a.toks[rest].Text) {
					rest++
				}
				return np, rest == hi, true
			}
		}
	}
	v := -1
	for k := hi - 1; k >= lo; k-- {
		if a.isVerb(k) {
			v = k
			break
		}
	}
	if v < 0 {
		for k := hi - 1; k >= lo; k-- {
			if looseVerbs[a.toks[k].Text] && (k == lo || !determiners[a.lower(k-1)]) {
				if np, ok := a.verbSubject(lo, k); ok {
					return np, false, true
				}
				return nounPhrase{}, false, false
			}
		}
		if hi-1 > lo && a.toks[hi-1].Text == ":" {
			// "Becker disagreed: “…”": a name or pronoun that starts the
			// clause before a colon.
			if np, ok := a.sentenceSubject(lo, hi-1); ok {
				head := np.hi - 1
				if np.hi-np.lo == 1 && pronouns[a.lower(head)] && a.lower(head) != "it" ||
					a.isCap(head) && !a.commonAtSentenceStart(head) && !notNames[a.lower(head)] {
					return np, false, true
				}
			}
		}
		return nounPhrase{}, false, false
	}
	tail := hi - v - 1
	last := ""
	if tail > 0 {
		last = a.lower(hi - 1)
	}
	tight = tail <= 8 && (tail == 0 || last == ":" || last == "," || last == "that" || isDash(last))
	if v > lo && modals[a.lower(v-1)] {
		tight = false // "said the support would continue “…”": an embedded verb
	}
	for k := v + 1; k < hi && tight; k++ {
		if a.isVerb(k) {
			tight = false
		}
	}
	if !tight {
		// A quotation inside the sentence belongs to the subject of its
		// main speech verb, the first one: "One official said that while
		// the actions urged by the seven …, the study shows “…”". A clause
		// of its own ("…, and Astrini warned that the gains “…”") has its
		// own main verb.
		start := lo
		for k := v - 1; k > lo; k-- {
			if a.toks[k].Text == ";" || a.toks[k].Text == "," && (a.lower(k+1) == "and" || a.lower(k+1) == "but") {
				start = k + 1
				break
			}
		}
		for k := start; k < v; k++ {
			if a.isVerb(k) {
				if np, ok := a.verbSubject(start, k); ok {
					return np, false, true
				}
			}
		}
	}
	np, ok = a.verbSubject(lo, v)
	return np, tight, ok
}

// verbSubject returns the subject of the speech verb at token v, reading
// back no further than lo.
func (a *attributor) verbSubject(lo, v int) (nounPhrase, bool) {
	// "the paper quoted him as saying", "Putin was quoted as saying"
	if a.lower(v) == "saying" && v-1 >= lo && a.lower(v-1) == "as" {
		for q := v - 2; q >= lo && q >= v-8; q-- {
			if l := a.lower(q); l == "quoted" || l == "cited" {
				if q+1 < v-1 {
					return a.subject(q+1, v-1)
				}
				end := q
				for end > lo && auxiliaries[a.lower(end-1)] {
					end--
				}
				return a.backwardNP(lo, end)
			}
		}
	}
	end := a.trimAux(lo, v)
	if end > lo {
		switch a.lower(end - 1) {
		case ",":
			// A participle: "Patel said, adding: …", "Powell struck a
			// similar tone, saying …": the subject of the clause before.
			if strings.HasSuffix(a.lower(v), "ing") {
				for k := end - 2; k >= lo; k-- {
					if a.isVerb(k) {
						return a.verbSubject(lo, k)
					}
				}
				return a.sentenceSubject(lo, end-1)
			}
		case "and", "but":
			// "Graham said … and added: …"
			for k := end - 2; k >= lo; k-- {
				if a.isVerb(k) {
					return a.verbSubject(lo, k)
				}
			}
			return nounPhrase{}, false
		}
	}
	return a.backwardNP(lo, end)
}

// sentenceSubject returns the name or pronoun that starts the clause
// toks[lo:hi]: "Federal Reserve Chair Jerome Powell struck …". The phrase
// ends at its last capitalized word before the first word that looks like a
// verb or a function word.
func (a *attributor) sentenceSubject(lo, hi int) (nounPhrase, bool) {
	if lo >= hi {
		return nounPhrase{}, false
	}
	if pronouns[a.lower(lo)] {
		return nounPhrase{lo, lo + 1}, true
	}
	last := -1
	for k := lo; k < hi && k-lo < 10; k++ {
		l := a.lower(k)
		if a.isCap(k) {
			last = k
			continue
		}
		if !a.npWord(k, lo, hi) || strings.HasSuffix(l, "ed") || auxiliaries[l] || speechVerbs[l] {
			break
		}
	}
	if last < 0 {
		return nounPhrase{}, false
	}
	return nounPhrase{lo, last + 1}, true
}

// leadIn finds the subject of a speech verb in the sentence that ends just
// before token at: `Sandner said the board would wait. "…"`.
func (a *attributor) leadIn(at int) (nounPhrase, bool) {
	end := at - 1 // the terminal punctuation of the previous sentence
	if end < 0 || !a.isTerminal(end) || a.tokPara[at]-a.tokPara[end] > 1 {
		return nounPhrase{}, false
	}
	if a.tokPara[end] != a.tokPara[at] && !a.paraIsQuote(at) {
		return nounPhrase{}, false
	}
	lo := end
	for lo > 0 && end-lo < maxContext*2 && a.tokPara[lo-1] == a.tokPara[end] && !a.inLong[lo-1] && !a.isTerminal(lo-1) {
		lo--
	}
	if lo > 0 && a.inLong[lo-1] {
		return nounPhrase{}, false // the attribution of the previous quotation
	}
	for v := lo; v < end; v++ {
		if !a.isVerb(v) {
			continue
		}
		if v == lo {
			return nounPhrase{}, false
		}
		// `…, James said.` at the end of the sentence, or the main verb.
		np, ok := a.verbSubject(lo, v)
		if !ok {
			return nounPhrase{}, false
		}
		if a.lower(np.lo) == "it" || a.lower(np.lo) == "they" {
			return nounPhrase{}, false
		}
		return np, true
	}
	return nounPhrase{}, false
}

// paraIsQuote reports whether the paragraph of token at holds nothing but
// the quotation that starts there: a paragraph-long quotation after a
// paragraph that reports its speaker ("Pickens said the safeguards should
// work.\n"It is a much more sophisticated system.").
func (a *attributor) paraIsQuote(at int) bool {
	k := at
	for k < len(a.toks) && a.tokPara[k] == a.tokPara[at] {
		if !a.inLong[k] {
			return false
		}
		k++
	}
	return true
}

// follows reports whether quotation g comes right after quotation p and its
// attribution, in the same paragraph or at the start of the next one.
func (a *attributor) follows(p, g *group) bool {
	switch g.para {
	case p.lastPara:
		return !a.hasWords(p.attrEnd, g.openTok)
	case p.lastPara + 1:
		k := p.attrEnd
		for k < g.openTok && a.tokPara[k] == p.lastPara {
			if isWordToken(a.toks[k].Text) {
				return false
			}
			k++
		}
		return !a.hasWords(k, g.openTok)
	}
	return false
}

// subject returns the speaker noun phrase in toks[lo:hi], a subject that
// stands before its verb: "political analyst Artyom Shraibman",
// "Smith, who heads the unit,", "he".
func (a *attributor) subject(lo, hi int) (nounPhrase, bool) {
	if hi <= lo {
		return nounPhrase{}, false
	}
	if hi-lo == 1 && pronouns[a.lower(lo)] {
		return nounPhrase{lo, hi}, true
	}
	end := hi
	for k := lo; k < hi; k++ {
		if a.toks[k].Text == "," {
			// "Smith, who heads the unit, said", "Mark Rogers, paper
			// analyst for Prudential Bache said"
			end = k
			break
		}
	}
	if end-lo > 9 {
		return nounPhrase{}, false
	}
	pp := false // seen a preposition after the head: "a spokesman for the company"
	for k := lo; k < end; k++ {
		if a.npWord(k, lo, end) {
			continue
		}
		if k > lo && !pp && prepositions[a.lower(k)] && k+1 < end && a.npWord(k+1, k+1, end) {
			pp = true
			continue
		}
		return nounPhrase{}, false
	}
	if end <= lo {
		return nounPhrase{}, false
	}
	return nounPhrase{lo, end}, true
}

// backwardNP returns the subject that ends just before token end, reading
// back no further than lo.
func (a *attributor) backwardNP(lo, end int) (nounPhrase, bool) {
	i := end - 1
	if i < lo {
		return nounPhrase{}, false
	}
	if a.lower(i) == "who" && i-1 >= lo {
		// "Pedro Aspe Armella, who said"
		i--
		if a.toks[i].Text == "," {
			i--
		}
		if i < lo {
			return nounPhrase{}, false
		}
	}
	var appos nounPhrase
	if a.toks[i].Text == "," {
		// An appositive: "Shad, appearing on Moneyline, said".
		k := i - 1
		for k >= lo && i-k < 25 && a.toks[k].Text != "," {
			k--
		}
		if k < lo || a.toks[k].Text != "," {
			return nounPhrase{}, false
		}
		appos = nounPhrase{k + 1, i}
		i = k - 1
		if i < lo {
			return nounPhrase{}, false
		}
	}
	if pronouns[a.lower(i)] {
		return nounPhrase{i, i + 1}, true
	}
	j := i
	for j >= lo && i-j < 9 && a.npWord(j, lo, i+1) {
		j--
	}
	if j-1 >= lo && j < i && prepositions[a.lower(j)] && a.npWord(j-1, lo, i+1) {
		// One post-modifier: "an aide to USDA undersecretary Daniel
		// Amstutz said", "Rosario Ilacqua of L.F. Rothschild said".
		j--
		for j >= lo && i-j < 12 && a.npWord(j, lo, i+1) {
			j--
		}
	}
	np := nounPhrase{j + 1, i + 1}
	if np.hi <= np.lo {
		return nounPhrase{}, false
	}
	// "The energy minister, Wilfredo Huayta, said": the name in the
	// appositive is the speaker.
	if appos.hi > appos.lo && !a.isCap(np.hi-1) && appos.hi-appos.lo <= 4 && a.isCap(appos.hi-1) {
		named := true
		for k := appos.lo; k < appos.hi; k++ {
			if !a.npWord(k, appos.lo, appos.hi) {
				named = false
			}
		}
		if named {
			return appos, true
		}
	}
	return np, true
}

// forwardNP returns the noun phrase that starts at token lo: the speaker
// after an inverted verb (`said Bill James, president of …`) or after
// "according to".
func (a *attributor) forwardNP(lo, hi int) (nounPhrase, bool) {
	if lo >= hi {
		return nounPhrase{}, false
	}
	if pronouns[a.lower(lo)] {
		return nounPhrase{lo, lo + 1}, true
	}
	j := lo
	for j < hi && j-lo < 10 && a.npWord(j, lo, hi) {
		j++
	}
	if j == lo || j-lo == 1 && notNames[a.lower(lo)] {
		return nounPhrase{}, false
	}
	// "a spokesman for Exxon Corp": keep the organization.
	if spokesNouns[a.lower(j-1)] && j+1 < hi && (a.lower(j) == "for" || a.lower(j) == "of" || a.lower(j) == "at" || a.lower(j) == "from") && a.isCap(j+1) {
		k := j + 1
		for k < hi && k-j < 6 && (a.isCap(k) || a.lower(k) == "of" && k+1 < hi && a.isCap(k+1)) {
			k++
		}
		return nounPhrase{lo, k}, true
	}
	return nounPhrase{lo, j}, true
}

// npWord reports whether token k can be part of a speaker noun phrase
// toks[lo:hi].
func (a *attributor) npWord(k, lo, hi int) bool {
	t := a.toks[k].Text
	l := strings.ToLower(t)
	switch {
	case a.inQuote[k]:
		return false
	case t == "'s" || t == "’s" || t == "&":
		return k > lo
	case l == "of":
		return k > lo && k+1 < hi && a.isCap(k-1) && a.isCap(k+1)
	case stopWords[l] && !(a.isCap(k) && k > lo) && !isAcronym(t), auxiliaries[l] && !a.isCap(k), speechVerbs[l] && !a.isCap(k):
		return false
	case nameParticles[l] || determiners[l]:
		return true
	}
	r := firstRune(t)
	if !unicode.IsLetter(r) && !(unicode.IsDigit(r) && strings.ContainsRune(t, '-')) {
		return false // but "26-year-old", "104th-ranked"
	}
	for _, c := range t {
		if !(unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsMark(c) || c == '-' || c == '.' || c == '\'' || c == '’') {
			return false
		}
	}
	return true
}

// speaker is a resolved speaker: the attributing words and the entity.
type speaker struct {
	start, end int
	entity     int
	named      bool // the words are a name (or a pronoun with an antecedent)
}

// speakerFrom turns a speaker noun phrase into the attributing words and
// the entity they refer to.
func (a *attributor) speakerFrom(np nounPhrase, gi, prev int) (speaker, bool) {
	lo, hi := np.lo, np.hi
	if l := a.lower(lo); hi-lo == 1 && (pronouns[l] || l == "him" || l == "her") {
		sp := speaker{start: a.toks[lo].Start, end: a.toks[lo].End, entity: -1}
		switch l {
		case "he", "she", "him", "her":
			ant := a.resolvePerson(lo, prev)
			sp.entity = ant.entity
			if ant.entity < 0 && ant.nominal.hi > ant.nominal.lo {
				// "a port official told Reuters. “…,” he said": the
				// description stands for the speaker.
				sp.start, sp.end = a.toks[ant.nominal.lo].Start, a.toks[ant.nominal.hi-1].End
				sp.named = true
			}
		case "it":
			sp.entity = a.resolveOrg(lo, prev, false)
		case "they":
			if prev >= 0 && a.near(a.groups[prev].closeTok, lo) {
				p := a.groups[prev]
				sp.entity = p.entity
			}
		}
		if e := a.corefAt[lo]; e >= 0 && sp.entity < 0 && !sp.named && a.ents[e].Label != ner.LOC {
			// The quotation's own resolver knows speakers and the
			// descriptions that stand for them; the coreference stage
			// answers when it does not.
			sp.entity = e
		}
		sp.named = sp.named || sp.entity >= 0
		return sp, true
	}
	h := a.headEnd(np)
	if h == lo {
		return speaker{}, false
	}
	head := h - 1
	demonym := a.lower(lo) == "the" && personDemonyms[a.lower(head)] && a.modifiersOnly(lo+1, head) // "the (27-year-old) Dutchman"
	if a.isCap(head) && !a.commonAtSentenceStart(head) && !notNames[a.lower(head)] && !demonym {
		r0 := head
		for r0-1 >= lo && (a.isCap(r0-1) || nameParticles[a.lower(r0-1)] || a.lower(r0-1) == "of" && r0-2 >= lo && a.isCap(r0-2)) {
			r0--
		}
		for t := head - 1; t >= r0; t-- {
			if titles[a.lower(t)] {
				r0 = t + 1
				break
			}
		}
		for r0 < head && (determiners[a.lower(r0)] || notNames[a.lower(r0)] || a.lower(r0) == "of" || a.commonAtSentenceStart(r0)) {
			r0++
		}
		sp := speaker{start: a.toks[r0].Start, end: a.toks[head].End, entity: -1, named: true}
		if e := a.entAt[head]; e >= 0 && a.ents[e].Label == ner.LOC {
			// "the Kremlin said": the words speak, but a place is no speaker.
		} else if e >= 0 && a.ents[e].Label != ner.MISC {
			sp.entity = a.namesake(e, a.toks[head].Start)
			if m := a.mentAt[head]; m >= lo && m > r0 {
				sp.start = a.toks[m].Start
			}
		} else {
			sp.entity = a.lookupName(r0, head+1)
		}
		return sp, true
	}
	sp := speaker{start: a.toks[lo].Start, end: a.toks[head].End, entity: -1}
	if e := a.corefAt[head]; e >= 0 && a.ents[e].Label != ner.LOC {
		// A description the coreference stage resolved: "the health
		// minister" of "According to the health minister, Muhammad Ali Pate,".
		sp.entity, sp.named = e, true
		return sp, true
	}
	if h < hi && hi-lo <= 9 && prepositions[a.lower(h)] {
		sp.end = a.toks[hi-1].End // "a dealer at one major U.S. bank"
	}
	word := a.lower(head)
	switch {
	case spokesNouns[word]:
		sp.end = a.toks[hi-1].End
		for k := hi - 1; k >= lo; k-- {
			if e := a.entAt[k]; e >= 0 && a.ents[e].Label == ner.ORG {
				sp.entity = e
				break
			}
		}
		if sp.entity < 0 {
			for k := lo; k < hi; k++ {
				if a.isCap(k) && !a.commonAtSentenceStart(k) && !determiners[a.lower(k)] {
					sp.entity = a.lookupName(k, k+1)
					break
				}
			}
		}
		if sp.entity < 0 && a.lower(lo) == "the" && head-lo == 1 {
			sp.entity = a.resolveOrg(lo, -1, true) // "the spokesman said": the organization named last
		}
	case orgNouns[word] && a.lower(lo) == "the" && head-lo <= 2:
		sp.entity = a.resolveOrg(lo, prev, false)
	case (titles[word] || personNouns[word] || demonym || strings.HasSuffix(word, "-year-old")) && a.lower(lo) == "the" && head-lo <= 3 && h == hi:
		// "the prime minister said", "the Labour leader told", "the
		// 45-year-old said", "the Dutchman said": a person seen with that
		// role, or else the person a pronoun there would refer to.
		if sp.entity = a.personWithRole(lo, head); sp.entity < 0 {
			sp.entity = a.resolvePerson(lo, prev).entity
		}
	}
	return sp, true
}

// modifiersOnly reports whether toks[lo:hi] are at most two lower-case
// words: "27-year-old", "former".
func (a *attributor) modifiersOnly(lo, hi int) bool {
	if hi-lo > 2 {
		return false
	}
	for k := lo; k < hi; k++ {
		if r, _ := utf8.DecodeRuneInString(a.toks[k].Text); !unicode.IsLower(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// headEnd returns the end of the head part of np, before any preposition:
// "a spokesman" in "a spokesman for Exxon", but all of "Bank of Japan
// Governor Satoshi Sumita".
func (a *attributor) headEnd(np nounPhrase) int {
	h := np.lo
	for h < np.hi && (!stopWords[a.lower(h)] || a.isCap(h) || a.nameOf(h, np.lo, np.hi)) {
		h++
	}
	return h
}

// nameOf reports whether the "of" at token k is part of a title or a name:
// "Secretary of State Antony Blinken", "Bank of Japan Governor", but not
// "Rosario Ilacqua of L.F. Rothschild".
func (a *attributor) nameOf(k, lo, hi int) bool {
	if a.lower(k) != "of" || k <= lo || k+1 >= hi || !a.isCap(k-1) || !a.isCap(k+1) {
		return false
	}
	l := a.lower(k - 1)
	return titles[l] || orgNouns[l] || ofNouns[l]
}

// commonAtSentenceStart reports whether the capitalized token k starts a
// sentence and is a common word the text also uses in lower case.
func (a *attributor) commonAtSentenceStart(k int) bool {
	atStart := k == 0 || a.tokPara[k-1] != a.tokPara[k] || a.isTerminal(k-1) || a.inQuote[k-1] && !a.inQuote[k]
	if !atStart {
		return false
	}
	l := strings.ToLower(a.toks[k].Text)
	if determiners[l] || notNames[l] {
		return true
	}
	if a.lowerUse == nil {
		// Words the text also uses in lower case are common words, not
		// names, when they start a sentence ("Officials said").
		a.lowerUse = map[string]bool{}
		for _, t := range a.toks {
			if unicode.IsLower(firstRune(t.Text)) {
				a.lowerUse[t.Text] = true
			}
		}
	}
	return a.lowerUse[l]
}

// near reports whether token j is within the lookback window of token i.
func (a *attributor) near(j, i int) bool {
	return j <= i && i-j <= lookbackTokens && a.tokPara[i]-a.tokPara[j] <= lookbackParas
}

// sentenceBefore returns the bounds of the sentence that holds token i,
// cut at token i+1 and at token floor: the tokens the segmenter put in one
// sentence with it.
func (a *attributor) sentenceBefore(i, floor int) (int, int) {
	j := i
	for j > 0 && j > floor && a.tokSent[j-1] == a.tokSent[i] && a.tokSent[i] >= 0 && a.tokPara[j-1] == a.tokPara[i] {
		j--
	}
	return j, i + 1
}

// antecedent is what a pronoun refers to: an entity or a description.
type antecedent struct {
	entity  int        // -1 if none
	nominal nounPhrase // a description such as "a port official", when entity is -1
}

// resolvePerson resolves "he" or "she" at token k. It reads back sentence by
// sentence: the subject of a speech verb is the antecedent when it names a
// person or describes one ("One Japanese trader said …"); a sentence whose
// subject is itself a pronoun goes on about someone named earlier; in other
// sentences the previous speaker, or else the first person named, is taken.
func (a *attributor) resolvePerson(k, prev int) antecedent {
	want := pronounGender(a.lower(k))
	fits := func(e int) bool {
		if want == unknownGender || e < 0 {
			return true
		}
		g := genderOf(a.ents[e].Name)
		return g == unknownGender || g == want
	}
	prevEnt, prevSpeaker := -1, -1
	if prev >= 0 && a.near(a.groups[prev].closeTok, k) {
		prevSpeaker = a.groups[prev].entity
		if e := prevSpeaker; e >= 0 && a.ents[e].Label == ner.PER && fits(e) {
			prevEnt = e
		}
	}
	none := antecedent{entity: -1}
	for i := k - 1; i >= 0 && a.near(i, k); {
		lo, hi := a.sentenceBefore(i, k-lookbackTokens)
		if hi > k {
			hi = k
		}
		i = lo - 1
		pronounSubject := false
		for v := lo; v < hi; v++ {
			if !a.isVerb(v) {
				continue
			}
			np, ok := a.verbSubject(lo, v)
			if !ok {
				continue
			}
			head := a.headEnd(np) - 1
			if head < np.lo {
				continue
			}
			l := a.lower(head)
			switch {
			case np.hi-np.lo == 1 && (l == "he" || l == "she"):
				pronounSubject = true
			case a.isCap(head) && !a.commonAtSentenceStart(head):
				e := a.entAt[head]
				if e < 0 {
					e = a.lookupName(head, head+1)
				}
				if e >= 0 && !fits(e) {
					continue // "she" after a man speaks
				}
				if e >= 0 && (a.ents[e].Label == ner.PER || e == prevSpeaker) {
					// A person, or the previous speaker whatever the
					// tagger called it.
					return antecedent{entity: e}
				}
				if e < 0 && !notNames[l] {
					// A name the tagger missed: better no entity than
					// someone named earlier.
					return antecedent{entity: -1, nominal: np}
				}
			case pronouns[l] || orgNouns[l] || titles[l] && a.lower(np.lo) == "the":
			case (!a.isCap(head) || a.commonAtSentenceStart(head)) && determiners[a.lower(np.lo)]:
				// "One Japanese trader said", "a port official told"
				return antecedent{entity: -1, nominal: np}
			}
			if pronounSubject {
				break
			}
		}
		var cands []int
		for j := lo; j < hi; j++ {
			if !a.inQuote[j] && a.entAt[j] >= 0 && a.mentAt[j] == j && a.ents[a.entAt[j]].Label == ner.PER && fits(a.entAt[j]) {
				cands = append(cands, a.entAt[j])
			}
		}
		if len(cands) == 0 {
			// A sentence that starts with a surname the tagger missed:
			// "Rifa'i dismissed the view …".
			if f := a.firstWord(lo, hi); f >= 0 && a.isCap(f) && !a.commonAtSentenceStart(f) {
				if e := a.lookupName(f, f+1); e >= 0 && a.ents[e].Label == ner.PER && fits(e) {
					return antecedent{entity: e}
				}
			}
			continue
		}
		if slices.Contains(cands, prevEnt) {
			return antecedent{entity: prevEnt}
		}
		if first := a.firstWord(lo, hi); pronounSubject || first >= 0 && (a.lower(first) == "he" || a.lower(first) == "she") {
			continue
		}
		return antecedent{entity: cands[0]}
	}
	if prevEnt >= 0 {
		return antecedent{entity: prevEnt}
	}
	return none
}

// personWithRole returns the person with a mention in the lookback window
// before token k whose roles end in the word at token head ("the prime
// minister" → the entity with the role "Prime Minister"), when exactly one
// person has it.
func (a *attributor) personWithRole(k, head int) int {
	word := a.lower(head)
	found := -1
	for i := k - 1; i >= 0 && a.near(i, k); i-- {
		e := a.entAt[i]
		if e < 0 || e == found || a.mentAt[i] != i || a.ents[e].Label != ner.PER {
			continue
		}
		for _, r := range a.ents[e].Roles {
			if f := strings.Fields(strings.ToLower(r)); len(f) > 0 && f[len(f)-1] == word {
				if found >= 0 {
					return -1 // two people with the role
				}
				found = e
				break
			}
		}
	}
	return found
}

// firstWord returns the first word outside quotations in toks[lo:hi], or -1.
func (a *attributor) firstWord(lo, hi int) int {
	for j := lo; j < hi; j++ {
		if !a.inQuote[j] && isWordToken(a.toks[j].Text) {
			return j
		}
	}
	return -1
}

// resolveOrg resolves "it" or "the company" at token k to an organization:
// the previous speaker prev if that is an organization; otherwise, among the
// organizations named before the first speech verb of a sentence in the
// lookback window ("Boeing said …", "A spokesperson for Alaska Airlines
// said …") or anywhere in a sentence with no speech verb, the one the text
// mentions most, the nearest on a tie. With nearest set the nearest one is
// taken ("the spokesman said" after "a spokesman for Acme").
func (a *attributor) resolveOrg(k, prev int, nearest bool) int {
	if prev >= 0 && a.near(a.groups[prev].closeTok, k) {
		if e := a.groups[prev].entity; e >= 0 && a.ents[e].Label == ner.ORG {
			return e
		}
	}
	best := -1
	for i := k - 1; i >= 0 && a.near(i, k); {
		lo, hi := a.sentenceBefore(i, k-lookbackTokens)
		if hi > k {
			hi = k
		}
		i = lo - 1
		end := hi
		for j := lo; j < hi; j++ {
			if a.isVerb(j) {
				end = j
				break
			}
		}
		for j := lo; j < end; j++ {
			e := a.entAt[j]
			if a.inQuote[j] || e < 0 || a.ents[e].Label != ner.ORG {
				continue
			}
			if nearest {
				return e
			}
			if best < 0 || len(a.ents[e].Mentions) > len(a.ents[best].Mentions) {
				best = e
			}
		}
	}
	return best
}

// lookupName finds the entity named by toks[lo:hi] when no mention covers
// them: an entity with that name, or a person whose name ends in the same
// word ("Shraibman" → "Artyom Shraibman").
func (a *attributor) lookupName(lo, hi int) int {
	if len(a.ents) == 0 {
		return -1
	}
	if a.names == nil {
		a.indexNames()
	}
	name := a.text[a.toks[lo].Start:a.toks[hi-1].End]
	if e, ok := a.names[name]; ok {
		return e
	}
	if e, ok := a.surnames[a.toks[hi-1].Text]; ok {
		return e
	}
	return -1
}

func (a *attributor) indexNames() {
	a.names = map[string]int{}
	a.surnames = map[string]int{}
	for ei, e := range a.ents {
		if e.Label != ner.PER && e.Label != ner.ORG {
			continue
		}
		if _, ok := a.names[e.Name]; !ok || e.Label == ner.PER {
			a.names[e.Name] = ei
		}
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End <= len(a.text) && m.Start < m.End {
				if _, ok := a.names[a.text[m.Start:m.End]]; !ok {
					a.names[a.text[m.Start:m.End]] = ei
				}
			}
		}
		if e.Label == ner.PER {
			f := strings.Fields(e.Name)
			if len(f) > 1 {
				last := f[len(f)-1]
				for _, w := range []string{last, stripParticle(last)} {
					if old, ok := a.surnames[w]; ok && old != ei {
						a.surnames[w] = -1 // ambiguous
					} else {
						a.surnames[w] = ei
					}
				}
			}
		}
	}
}

// bearer is a mention of a person whose name ends in a given word.
type bearer struct{ start, entity int }

// namesake returns, for e a person named by one word that ends the names of
// other people in the text ("Ambani" beside "Mukesh Ambani" and "Akash M.
// Ambani", left apart by the grouping stage), the one of them named last
// before byte offset pos; otherwise e.
func (a *attributor) namesake(e, pos int) int {
	name := a.ents[e].Name
	if a.ents[e].Label != ner.PER || strings.ContainsRune(name, ' ') {
		return e
	}
	if a.bearers == nil {
		a.bearers = map[string][]bearer{}
		for ei, o := range a.ents {
			f := strings.Fields(o.Name)
			if o.Label != ner.PER || len(f) < 2 {
				continue
			}
			for _, m := range o.Mentions {
				a.bearers[f[len(f)-1]] = append(a.bearers[f[len(f)-1]], bearer{m.Start, ei})
			}
		}
		for _, bs := range a.bearers {
			slices.SortFunc(bs, func(x, y bearer) int { return cmp.Compare(x.start, y.start) })
		}
	}
	bs := a.bearers[name]
	i, _ := slices.BinarySearchFunc(bs, pos, func(b bearer, p int) int { return cmp.Compare(b.start, p) })
	if i == 0 {
		return e
	}
	return bs[i-1].entity
}

// Token predicates.

func (a *attributor) lower(k int) string { return strings.ToLower(a.toks[k].Text) }

func (a *attributor) isCap(k int) bool { return isCapWord(a.toks[k].Text) }

// isCapWord reports whether w is capitalized, counting names with a
// lower-case particle such as "al-Rifa'i" and "d'Alema".
func isCapWord(w string) bool {
	r := firstRune(w)
	if unicode.IsUpper(r) || unicode.IsTitle(r) {
		return true
	}
	if rest := stripParticle(w); rest != w {
		r = firstRune(rest)
		return unicode.IsUpper(r)
	}
	return false
}

// stripParticle returns w without a lower-case name particle joined to it
// by a hyphen or apostrophe: "al-Rifa'i" → "Rifa'i".
func stripParticle(w string) string {
	for i, r := range w {
		if i > 4 {
			break
		}
		if r == '-' || r == '\'' || r == '’' {
			if i > 0 && i+utf8.RuneLen(r) < len(w) {
				rest := w[i+utf8.RuneLen(r):]
				if nr := firstRune(rest); unicode.IsUpper(nr) {
					return rest
				}
			}
			break
		}
		if !unicode.IsLower(r) {
			break
		}
	}
	return w
}

func (a *attributor) isTerminal(k int) bool {
	switch a.toks[k].Text {
	case ".", "!", "?", "…", "...", "?!", "!!", "!?", ";":
		return true
	}
	return false
}

// isVerb reports whether token k is a speech verb in lower case, and not an
// infinitive ("declined to comment").
func (a *attributor) isVerb(k int) bool {
	t := a.toks[k].Text
	if !speechVerbs[t] || a.inQuote[k] {
		return false
	}
	if k > 0 {
		// "declined to comment", "the report", "his reply", "Pelosi's remarks"
		if l := a.lower(k - 1); l == "to" || l == "'s" || l == "’s" || l != "that" && determiners[l] {
			return false
		}
	}
	if strings.HasPrefix(t, "point") {
		return k+1 < len(a.toks) && a.lower(k+1) == "out"
	}
	return true
}

// trimAux drops auxiliaries and adverbs that end the subject span
// toks[lo:end]: "Smith has also" → "Smith".
func (a *attributor) trimAux(lo, end int) int {
	for end > lo {
		l := a.lower(end - 1)
		if auxiliaries[l] || strings.HasSuffix(l, "ly") && !a.isCap(end-1) || l == "as" || l == "quoted" || l == "cited" {
			end--
			continue
		}
		break
	}
	return end
}

// isAcronym reports whether w is an all-capital abbreviation such as "WHO"
// or "US", which is a name even when its lower case is a common word.
func isAcronym(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && r != '.' && r != '&' {
			return false
		}
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isDash(s string) bool {
	switch s {
	case ",", "—", "–", "-", "--", "―":
		return true
	}
	return false
}
