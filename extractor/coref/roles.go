package coref

import (
	"strings"

	"github.com/entityextraction/extractd/extractor/ner"
)

// maxRoleWords is the longest role phrase learned from an appositive.
const maxRoleWords = 4

// learnRoles collects the roles the text gives each person: titles before
// the name ("Health Minister Muhammad Ali Pate") and appositives after it
// ("Pate, the health minister,") or before it ("the health minister,
// Muhammad Ali Pate"). Each role is known by its whole phrase and by its
// last word ("minister"); one held by two people belongs to neither.
func (r *resolver) learnRoles() {
	r.roles = map[string]int{}
	r.appositives = map[int]span{}
	for ei, e := range r.ents {
		if e.Label != ner.PER {
			continue
		}
		for _, role := range e.Roles {
			r.giveRole(strings.ToLower(role), ei)
		}
		for _, m := range e.Mentions {
			if p, lo, hi := r.appositiveAfter(m.Last); p != "" {
				r.giveRole(p, ei)
				r.appositives[lo] = span{hi, ei}
			}
			if p, lo, hi := r.appositiveBefore(m.First, m.Last); p != "" {
				r.giveRole(p, ei)
				r.appositives[lo] = span{hi, ei}
			}
		}
	}
	for ei, e := range r.ents {
		switch e.Label {
		case ner.PER:
			for _, m := range e.Mentions {
				if hi := r.indefiniteAfter(m.First, m.Last); hi > 0 {
					r.appositives[m.Last+1] = span{hi, ei}
				}
			}
		case ner.ORG:
			for _, m := range e.Mentions {
				p, lo, hi := r.appositiveAfter(m.Last)
				r.orgAppositive(p, lo, hi, ei)
				p, lo, hi = r.appositiveBefore(m.First, m.Last)
				r.orgAppositive(p, lo, hi, ei)
			}
		}
	}
}

// orgAppositive records the appositive p at toks[lo:hi] as a description of
// organization e when its last word describes organizations ("Unite, the
// union," and "the union, Unite,") and no person's appositive is there.
func (r *resolver) orgAppositive(p string, lo, hi, e int) {
	if p == "" {
		return
	}
	head := p[strings.LastIndexByte(p, ' ')+1:]
	if _, taken := r.appositives[lo]; taken || !orgDescriptions[head] {
		return
	}
	r.appositives[lo] = span{hi, e}
}

// indefiniteAfter reads ", a <words>" after the person's name
// toks[first:last], up to the first word that is no content word ("Thomas
// Sam, a practising homeopath, instead"), and returns the end of "a
// <words>", or 0. A name after a fronted preposition has none: "In Sydney,
// a man was arrested".
func (r *resolver) indefiniteAfter(first, last int) int {
	if last+2 >= len(r.d.Toks) || r.d.Lower[last] != "," || r.d.Lower[last+1] != "a" && r.d.Lower[last+1] != "an" {
		return 0
	}
	if first > 0 && prepositions[r.d.Lower[first-1]] && (first == 1 || r.sentenceStart(first-1)) {
		return 0
	}
	end := r.descriptionEnd(last + 2)
	if end == last+2 || end < len(r.d.Toks) && r.d.Lower[end] != "," && r.d.Lower[end] != "." && !prepositions[r.d.Lower[end]] {
		return 0
	}
	return end
}

func (r *resolver) giveRole(phrase string, e int) {
	words := strings.Fields(phrase)
	if len(words) == 0 {
		return
	}
	keys := []string{phrase}
	if head := words[len(words)-1]; len(words) > 1 && (titles[head] || personWords[head]) {
		keys = append(keys, head)
	}
	if len(words) == 1 && !titles[phrase] && !personWords[phrase] {
		return // a single word is a role only when it is known as one
	}
	for _, key := range keys {
		if old, ok := r.roles[key]; ok && old != e {
			r.roles[key] = -1
		} else {
			r.roles[key] = e
		}
	}
}

// span is the end of a run of tokens and the entity it refers to.
type span struct{ last, ent int }

// appositiveAfter reads ", the <words>," (or ", his <words>,") after a name
// that ends at token k: the words (or "") and the tokens of "the <words>"
// (of "<words>" after a possessive, which is a pronoun of its own).
func (r *resolver) appositiveAfter(k int) (string, int, int) {
	if k+2 >= len(r.d.Toks) || r.d.Lower[k] != "," || r.d.Lower[k+1] != "the" && !possessives[r.d.Lower[k+1]] {
		return "", 0, 0
	}
	lo := k + 1
	if possessives[r.d.Lower[k+1]] {
		lo = k + 2
	}
	for j := k + 2; j < len(r.d.Toks) && j-(k+2) <= maxRoleWords; j++ {
		if w := r.d.Lower[j]; w == "," || w == "." {
			if j == k+2 || lo == k+2 && !r.contentWords(k+2, j) {
				break
			}
			return r.phrase(k+2, j), lo, j
		}
	}
	return "", 0, 0
}

// contentWords reports whether toks[lo:hi] are all words a description can
// be made of (see predicateWord).
func (r *resolver) contentWords(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if !r.predicateWord(i) {
			return false
		}
	}
	return true
}

// appositiveBefore reads "the <words>, " (or "their <words>, " opening a
// sentence, or closed after the name) before the name toks[k:last]: the
// words (or "") and the tokens of "the <words>" (of "<words>" after a
// possessive).
func (r *resolver) appositiveBefore(k, last int) (string, int, int) {
	if k < 3 || r.d.Lower[k-1] != "," {
		return "", 0, 0
	}
	closed := last < len(r.d.Toks) && (r.d.Lower[last] == "," || r.d.Lower[last] == ".")
	for j := k - 2; j >= 0 && (k-1)-j <= maxRoleWords+1; j-- {
		if r.d.Lower[j] == "the" {
			if j == k-2 || j > 0 && prepositions[r.d.Lower[j-1]] && !closed {
				// no description, or a fronted phrase: "In the past, Coron
				// was"; but "According to the health minister, Pate, …"
				break
			}
			return r.phrase(j+1, k-1), j, k - 1
		}
		if possessives[r.d.Lower[j]] {
			// "Their son, Thomas," opening a sentence, or "the death of
			// their child, Gloria." closed after the name; not a fronted
			// phrase ("In his observations, Smith noticed")
			if j == k-2 || !r.sentenceStart(j) && !closed || !r.contentWords(j+1, k-1) {
				break
			}
			return r.phrase(j+1, k-1), j + 1, k - 1
		}
	}
	return "", 0, 0
}

// appositive: "the health minister" in "Pate, the health minister," or
// "the health minister, Muhammad Ali Pate," is a description of Pate.
func (r *resolver) appositive(k int) (int, int, bool) {
	a, ok := r.appositives[k]
	return a.ent, a.last, ok
}
