package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// How far back pronoun and organization references are resolved.
const (
	lookbackTokens = 400
	lookbackParas  = 2
	maxContext     = 40 // tokens of context searched before and after a quotation
	// maxAside is the most tokens an aside in brackets between a speaker
	// and the verb takes, brackets included: "(R-Texas)", "(D-N.Y.)".
	maxAside = 6
	// maxFinalTag is the most tokens of a tag that ends the sentence of a
	// partial quotation, its comma included: ", a spokesman for the
	// ministry said on Friday".
	maxFinalTag = 12
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
		end := a.skipAside(j, a.trimAux(j, v))
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

// skipAside returns the token that opens a short aside in brackets ending
// just before token end, or end: the party and state of "Sen. Ted Cruz
// (R-Texas) said", the acronym of "the World Health Organization (WHO)
// said". It reads back no further than lo.
func (a *attributor) skipAside(lo, end int) int {
	if end-1 <= lo || a.toks[end-1].Text != ")" {
		return end
	}
	for k := end - 2; k > lo && k >= end-maxAside; k-- {
		switch a.toks[k].Text {
		case "(":
			return k
		case ")":
			return end
		}
	}
	return end
}

// partyTag returns the first token of a party-state tag that ends at token
// i, written without spaces ("R-Ky.", "D-N.Y.", "I-Vt."), or -1.
func (a *attributor) partyTag(lo, i int) int {
	k := i
	for k > lo && a.toks[k-1].End == a.toks[k].Start {
		k--
	}
	w := a.text[a.toks[k].Start:a.toks[i].End]
	if len(w) < 3 || w[1] != '-' || !unicode.IsUpper(rune(w[0])) || !partyInitials[strings.ToLower(w[:1])] || !unicode.IsUpper(firstRune(w[2:])) {
		return -1
	}
	return k
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
	end := a.skipAside(lo, a.trimAux(lo, v))
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
	i = a.skipAside(lo, i+1) - 1 // "Rep. Jane Doe (R-Ga.), who filed the motion, said"
	if t := a.partyTag(lo, i); t > lo+1 && a.toks[t-1].Text == "," {
		i = t - 2 // "Sen. Mitch McConnell, R-Ky., the minority leader, said"
	}
	if i < lo {
		return nounPhrase{}, false
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
	// "a spokesman for Exxon Corp", "a statement from the Justice
	// Department": keep the organization.
	if spokesNouns[a.lower(j-1)] && j+1 < hi && (a.lower(j) == "for" || a.lower(j) == "of" || a.lower(j) == "at" || a.lower(j) == "from") {
		k, the := j+1, a.lower(j+1) == "the" && j+2 < hi
		if the {
			k++
		}
		if a.isCap(k) {
			for k < hi && k-j < 7 && (a.isCap(k) || a.lower(k) == "of" && k+1 < hi && a.isCap(k+1)) {
				k++
			}
			if !the || k == hi || !a.npWord(k, lo, hi) {
				return nounPhrase{lo, k}, true // not "a spokeswoman of the Dutch criminal investigation service"
			}
		}
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
