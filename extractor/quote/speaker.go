package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/ner"
)

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
		return a.pronounSpeaker(lo, prev), true
	}
	h := a.headEnd(np)
	if h == lo {
		return speaker{}, false
	}
	head := h - 1
	demonym := a.lower(lo) == "the" && personDemonyms[a.lower(head)] && a.modifiersOnly(lo+1, head) // "the (27-year-old) Dutchman"
	if a.isCap(head) && !a.commonAtSentenceStart(head) && !notNames[a.lower(head)] && !demonym {
		return a.nameSpeaker(lo, head), true
	}
	return a.descriptionSpeaker(np, head, prev, demonym), true
}

// pronounSpeaker resolves the pronoun at token lo that attributes a
// quotation: by the quotation stage's own resolver, which knows speakers and
// the descriptions that stand for them, else through the coreference stage.
func (a *attributor) pronounSpeaker(lo, prev int) speaker {
	sp := speaker{start: a.toks[lo].Start, end: a.toks[lo].End, entity: -1}
	switch a.lower(lo) {
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
			sp.entity = a.groups[prev].entity
		}
	}
	if e := a.corefAt[lo]; e >= 0 && sp.entity < 0 && !sp.named && a.ents[e].Label != ner.LOC {
		sp.entity = e
	}
	sp.named = sp.named || sp.entity >= 0
	return sp
}

// nameSpeaker takes the capitalized name that ends at token head (and
// starts no earlier than lo), without titles and determiners before it, and
// the entity it names. A place is no speaker entity ("the Kremlin said").
func (a *attributor) nameSpeaker(lo, head int) speaker {
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
	switch e := a.entAt[head]; {
	case e >= 0 && a.ents[e].Label == ner.LOC:
	case e >= 0 && a.ents[e].Label != ner.MISC:
		sp.entity = a.namesake(e, a.toks[head].Start)
		if m := a.mentAt[head]; m >= lo && m > r0 {
			sp.start = a.toks[m].Start
		}
	default:
		sp.entity = a.lookupName(r0, head+1)
	}
	return sp
}

// descriptionSpeaker takes a speaker described, not named: "a port
// official", "a Kepco spokesman", "the company", "the prime minister".
func (a *attributor) descriptionSpeaker(np nounPhrase, head, prev int, demonym bool) speaker {
	lo, hi, h := np.lo, np.hi, head+1
	sp := speaker{start: a.toks[lo].Start, end: a.toks[head].End, entity: -1}
	if e := a.corefAt[head]; e >= 0 && a.ents[e].Label != ner.LOC {
		// A description the coreference stage resolved: "the health
		// minister" of "According to the health minister, Muhammad Ali Pate,".
		sp.entity, sp.named = e, true
		return sp
	}
	if h < hi && hi-lo <= 9 && prepositions[a.lower(h)] {
		sp.end = a.toks[hi-1].End // "a dealer at one major U.S. bank"
	}
	word := a.lower(head)
	switch {
	case spokesNouns[word]:
		sp.end = a.toks[hi-1].End
		sp.entity = a.spokesOrg(lo, hi, head)
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
	return sp
}

// spokesOrg is the organization a spokesman in toks[lo:hi] speaks for: one
// named in the phrase ("a Kepco spokesman", "a spokeswoman for Exxon"), or
// for "the spokesman" the organization named last.
func (a *attributor) spokesOrg(lo, hi, head int) int {
	for k := hi - 1; k >= lo; k-- {
		if e := a.entAt[k]; e >= 0 && a.ents[e].Label == ner.ORG {
			return e
		}
	}
	for k := lo; k < hi; k++ {
		if a.isCap(k) && !a.commonAtSentenceStart(k) && !determiners[a.lower(k)] {
			if e := a.lookupName(k, k+1); e >= 0 {
				return e
			}
			break
		}
	}
	if a.lower(lo) == "the" && head-lo == 1 {
		return a.resolveOrg(lo, -1, true) // "the spokesman said": the organization named last
	}
	return -1
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
