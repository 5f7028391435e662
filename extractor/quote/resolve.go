package quote

import (
	"cmp"
	"slices"
	"strings"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
)

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
	want := lexicon.PronounGender(a.lower(k))
	fits := func(e int) bool {
		if want == lexicon.UnknownGender || e < 0 {
			return true
		}
		g := genderOf(a.ents[e].Name)
		return g == lexicon.UnknownGender || g == want
	}
	prevEnt, prevSpeaker := -1, -1
	if prev >= 0 && a.near(a.groups[prev].closeTok, k) {
		prevSpeaker = a.groups[prev].entity
		if e := prevSpeaker; e >= 0 && a.ents[e].Label == ner.PER && fits(e) {
			prevEnt = e
		}
	}
	for i := k - 1; i >= 0 && a.near(i, k); {
		lo, hi := a.sentenceBefore(i, k-lookbackTokens)
		if hi > k {
			hi = k
		}
		i = lo - 1
		ant, decided, pronounSubject := a.speechSubject(lo, hi, fits, prevSpeaker)
		if decided {
			return ant
		}
		if ant, ok := a.sentencePerson(lo, hi, fits, prevEnt, pronounSubject); ok {
			return ant
		}
	}
	if prevEnt >= 0 {
		return antecedent{entity: prevEnt}
	}
	return antecedent{entity: -1}
}

// speechSubject reads the subjects of the verbs of toks[lo:hi]: a person's
// name (or the previous speaker's), a name the tagger missed, or a
// description ("One Japanese trader said") decides. pronounSubject reports
// a sentence whose subject is "he" or "she".
func (a *attributor) speechSubject(lo, hi int, fits func(int) bool, prevSpeaker int) (ant antecedent, decided, pronounSubject bool) {
	for v := lo; v < hi && !pronounSubject; v++ {
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
				// A person, or the previous speaker whatever the tagger
				// called it.
				return antecedent{entity: e}, true, false
			}
			if e < 0 && !notNames[l] {
				// A name the tagger missed: better no entity than someone
				// named earlier.
				return antecedent{entity: -1, nominal: np}, true, false
			}
		case pronouns[l] || orgNouns[l] || titles[l] && a.lower(np.lo) == "the":
		case (!a.isCap(head) || a.commonAtSentenceStart(head)) && determiners[a.lower(np.lo)]:
			// "One Japanese trader said", "a port official told"
			return antecedent{entity: -1, nominal: np}, true, false
		}
	}
	return antecedent{}, false, pronounSubject
}

// sentencePerson picks the person toks[lo:hi] is about when no speech verb
// decided: the previous speaker if named there, else the first person named
// (unless the sentence's subject is a pronoun, which goes on about someone
// named earlier), else a surname the tagger missed at its start.
func (a *attributor) sentencePerson(lo, hi int, fits func(int) bool, prevEnt int, pronounSubject bool) (antecedent, bool) {
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
				return antecedent{entity: e}, true
			}
		}
		return antecedent{}, false
	}
	if slices.Contains(cands, prevEnt) {
		return antecedent{entity: prevEnt}, true
	}
	if first := a.firstWord(lo, hi); pronounSubject || first >= 0 && (a.lower(first) == "he" || a.lower(first) == "she") {
		return antecedent{}, false
	}
	return antecedent{entity: a.notPossessor(lo, hi, cands)}, true
}

// notPossessor returns the first of the people named in toks[lo:hi]
// (cands, in order) whose name is not a possessive, as a possessor is
// seldom the one a sentence is about ("Trump's lawyer, Alina Habba, spoke
// outside"), or the first if every name is one.
func (a *attributor) notPossessor(lo, hi int, cands []int) int {
	i := 0
	for j := lo; j < hi && i < len(cands); j++ {
		if a.inQuote[j] || a.entAt[j] != cands[i] || a.mentAt[j] != j {
			continue
		}
		k := j
		for k < hi && a.entAt[k] == cands[i] {
			k++
		}
		if k >= hi || a.toks[k].Text != "'s" && a.toks[k].Text != "’s" {
			return cands[i]
		}
		i++
	}
	return cands[0]
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
