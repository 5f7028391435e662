package coref

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
)

// Scores of an antecedent of a pronoun (in the manner of Lappin and Leass,
// without syntax): a mention in the pronoun's own sentence scores most,
// each sentence further back halves it; a sentence's first mention (usually
// its subject) adds subjectBonus. The best candidate must beat the next by
// margin, or the pronoun is left unresolved; by farMargin only when it is
// named in the pronoun's sentence or the one before and the next is not
// named in the pronoun's sentence (two people of one gender there leave it
// unresolved).
const (
	sameSentence = 100.0
	subjectBonus = 60.0
	margin       = 30.0
	farMargin    = 10.0
	// topicBonus is added to the person the text is about: named (or
	// referred to) at least twice as often so far as any other person.
	topicBonus = 50.0
	// nearestBonus is added to the person named last before the pronoun
	// in its own sentence: "… Navalny … a nerve agent he blames on …".
	nearestBonus = 40.0
	// frontedTokens is how far into a sentence a fronted phrase's comma
	// is looked for: "Founded in 1871, it has become …".
	frontedTokens = 15
)

// personalPronoun: he, him, his, himself; she, her, hers, herself, for the
// person of that gender (or of none known yet) that scores best; inside a
// quotation, only among the people named earlier in that quotation.
func (r *resolver) personalPronoun(k int) (int, int, bool) {
	w := r.d.Lower[k]
	want := lexicon.PronounGender(w)
	if want == lexicon.UnknownGender {
		return 0, 0, false
	}
	from := 0
	if r.d.InQuote[k] {
		// the speaker is not known yet: only a person named earlier in
		// the same quotation ("Gloria spent the last months of her life")
		for from = k; from > 0 && r.d.InQuote[from-1]; from-- {
		}
	}
	e, ok := r.best(k, from, func(e int) bool {
		return r.ents[e].Label == ner.PER && (r.gender[e] == lexicon.UnknownGender || r.gender[e] == want)
	})
	if !ok {
		return 0, 0, false
	}
	if r.gender[e] == lexicon.UnknownGender {
		r.gender[e] = want
	}
	return e, k + 1, true
}

// neuterPronoun: its and itself for the organization or place that scores
// best, "it" before a verb of speech ("it said") for an organization, and
// "it" for the organization or place named as the subject just before.
func (r *resolver) neuterPronoun(k int) (int, int, bool) {
	w := r.d.Lower[k]
	if !neuterPronouns[w] || r.d.InQuote[k] {
		return 0, 0, false
	}
	speaks := k+1 < len(r.d.Toks) && speechVerbs[r.d.Lower[k+1]]
	if w == "it" && !speaks {
		// usually no entity ("it is", "it was raining"), but the subject
		// of the clause before when that was named: "Coron is a town. It …"
		e, ok := r.subjectBefore(k)
		if !ok {
			e, ok = r.reportedBy(k)
		}
		return e, k + 1, ok
	}
	e, ok := r.best(k, 0, func(e int) bool {
		l := r.ents[e].Label
		return l == ner.ORG || l == ner.LOC && !speaks
	})
	return e, k + 1, ok
}

// best returns the entity ok accepts whose mentions in the window before
// token k (and not before token from) score highest, when it beats every
// other by margin. Mentions inside a quotation are not candidates for a
// pronoun outside one.
func (r *resolver) best(k, from int, ok func(e int) bool) (int, bool) {
	s := r.d.SentenceOf(k)
	scores := map[int]float64{}
	firstIn := map[int]int{} // sentence → the entity ok accepted first in it (its subject)
	lo := len(r.events)
	for lo > 0 && r.events[lo-1].sent >= s-pronounWindow {
		lo--
	}
	for _, ev := range r.events[lo:] {
		if !r.candidate(ev, k, from, ok) {
			continue
		}
		if _, seen := firstIn[ev.sent]; !seen {
			firstIn[ev.sent] = ev.ent
		}
		decay := float64(int(1) << (s - ev.sent))
		v := sameSentence / decay
		if firstIn[ev.sent] == ev.ent {
			v += subjectBonus / decay
		}
		scores[ev.ent] = max(scores[ev.ent], v)
	}
	for i := len(r.events) - 1; i >= lo; i-- {
		if ev := r.events[i]; ev.sent == s && r.candidate(ev, k, from, ok) {
			scores[ev.ent] += nearestBonus
			break
		}
	}
	for _, l := range []ner.Label{ner.PER, ner.ORG} {
		if t := r.topic(l); t >= 0 && ok(t) && (from == 0 || scores[t] > 0) {
			scores[t] += topicBonus
		}
	}
	first, second, e, runnerUp := 0.0, 0.0, -1, -1
	for ent, v := range scores {
		switch {
		case v > first:
			first, second, e, runnerUp = v, first, ent, e
		case v > second:
			second, runnerUp = v, ent
		}
	}
	need := margin
	if e >= 0 && (r.namedIn(e, s, lo, k) || r.namedIn(e, s-1, lo, k)) && (runnerUp < 0 || !r.namedIn(runnerUp, s, lo, k)) {
		need = farMargin
	}
	return e, e >= 0 && first-second >= need
}

// candidate reports whether the mention ev may be the antecedent of the
// pronoun at token k: before it and not before from, on the same side of a
// quotation mark, of an entity ok accepts, and no object of a participle
// clause the pronoun is the subject of.
func (r *resolver) candidate(ev event, k, from int, ok func(e int) bool) bool {
	return ev.tok < k && ev.tok >= from && r.d.InQuote[ev.tok] == r.d.InQuote[k] && ok(ev.ent) && !r.frontedObject(ev.tok, k)
}

// namedIn reports whether entity e is mentioned in sentence s before token
// k, looking at the events from lo on.
func (r *resolver) namedIn(e, s, lo, k int) bool {
	for _, ev := range r.events[lo:] {
		if ev.ent == e && ev.sent == s && ev.tok < k {
			return true
		}
	}
	return false
}

// topic returns the person, organization or place the text is about (see
// mostNamed), or -1.
func (r *resolver) topic(label ner.Label) int {
	if t, ok := r.topics[label]; ok {
		return t
	}
	t := r.mostNamed(func(e int) bool { return r.ents[e].Label == label })
	r.topics[label] = t
	return t
}

// mostNamed returns the entity ok accepts that is named at least twice as
// often as any other it accepts, and at least twice; or -1. Only names
// count, in the whole text, so that a pronoun resolved wrongly cannot make
// its entity the topic.
func (r *resolver) mostNamed(ok func(e int) bool) int {
	first, second, e := 0, 0, -1
	for i, ent := range r.ents {
		if !ok(i) {
			continue
		}
		n := 0
		for _, m := range ent.Mentions {
			if m.Kind == doc.Proper {
				n++
			}
		}
		switch {
		case n > first:
			first, second, e = n, first, i
		case n > second:
			second = n
		}
	}
	if e < 0 || first < 2 || first < 2*second {
		return -1
	}
	return e
}

// only returns the one entity ok accepts that was mentioned within window
// sentences before token k; none or several give false.
func (r *resolver) only(k, window int, ok func(e int) bool) (int, bool) {
	s := r.d.SentenceOf(k)
	e := -1
	for i := len(r.events) - 1; i >= 0 && r.events[i].sent >= s-window; i-- {
		ev := r.events[i]
		if ev.tok >= k || !ok(ev.ent) {
			continue
		}
		if e >= 0 && e != ev.ent {
			return -1, false
		}
		e = ev.ent
	}
	return e, e >= 0
}

// subjectBefore returns the organization or place named as the subject of
// the clause before "it" at token k: the previous sentence's when "it" is
// its own sentence's subject (opening it, or after a fronted phrase:
// "Founded in 1871, it has become"), or when a clause opener opens the
// sentence ("Although it had a prestigious past"); its own sentence's after
// a clause opener inside it ("Athens was a village when it was chosen").
// The subject (a name, or an "it" so resolved) must be followed by a form
// of be or have ("Coron is", "Athens (Greek: Αθήνα) is"): after another
// verb "it" is as often the weather ("Gazprom raised prices. It is cold").
func (r *resolver) subjectBefore(k int) (int, bool) {
	s := r.d.SentenceOf(k)
	switch {
	case s < 0:
		return -1, false
	case k == r.subjectAt(s) || k > 0 && k-1 == r.d.Sents[s].First && clauseOpeners[r.d.Lower[k-1]]:
		s--
	case k == 0 || !clauseOpeners[r.d.Lower[k-1]]:
		return -1, false
	}
	if s < 0 {
		return -1, false
	}
	first := r.subjectAt(s)
	e, end := r.entAt[first], first+1
	if e >= 0 {
		end = r.nameEnd(first, e)
	} else {
		e = r.resolvedAt(first)
	}
	if e < 0 || r.d.InQuote[first] || r.ents[e].Label != ner.ORG && r.ents[e].Label != ner.LOC {
		return -1, false
	}
	end = r.skipAside(end, k)
	if end >= len(r.d.Toks) || end >= k || !copulas[r.d.Lower[end]] {
		return -1, false
	}
	return e, true
}

// subjectAt returns the token where the subject of sentence s stands: its
// first, or the one after a fronted phrase that ends in a comma and names
// nobody ("In the past, Coron was", "At an elevation of 335 m, it is").
func (r *resolver) subjectAt(s int) int {
	first, last := r.d.Sents[s].First, r.d.Sents[s].Last
	if r.entAt[first] >= 0 || r.d.Lower[first] == "it" {
		return first
	}
	for k := first + 1; k < last && k < first+frontedTokens; k++ {
		switch {
		case r.entAt[k] >= 0 || r.d.InQuote[k] || neuterPronouns[r.d.Lower[k]]:
			return first
		case r.d.Lower[k] == ",":
			return k + 1
		}
	}
	return first
}

// frontedObject reports whether the name at token j stands inside a
// participle clause that opens the sentence and ends just before the
// pronoun at k: the pronoun is the clause's understood subject, so not one
// of its objects ("Placed under the care of a Dr. Bailey, he was
// encouraged", "Born to Charles and Mary Lamb, she").
func (r *resolver) frontedObject(j, k int) bool {
	if k < 2 || r.d.Lower[k-1] != "," || j >= k-1 {
		return false
	}
	s := r.d.SentenceOf(k)
	first := r.d.Sents[s].First
	for first < j && !hasLetter(r.d.Lower[first]) {
		first++ // a note mark left before the sentence: "[17] Placed under …"
	}
	if j <= first || r.d.SentenceOf(j) != s || k-first > frontedTokens || !participle(r.d.Lower[first]) {
		return false
	}
	for i := first; i < k-1; i++ {
		if r.d.Lower[i] == "," {
			return false // a list or an aside, not one clause
		}
	}
	return true
}

// hasLetter reports whether w has a letter: a word, not a mark or number.
func hasLetter(w string) bool {
	return strings.IndexFunc(w, unicode.IsLetter) >= 0
}

// participle reports whether w looks like a participle opening a clause:
// "placed", "having", "born".
func participle(w string) bool {
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) || w == "born"
}

// afterPreposition reports whether the name starting at token j follows a
// preposition, with an article or titles between: "of a Dr. Bailey", "of
// the High Court".
func (r *resolver) afterPreposition(j int) bool {
	for j--; j >= 0 && (articles[r.d.Lower[j]] || titles[r.d.Lower[j]]); j-- {
	}
	return j >= 0 && prepositions[r.d.Lower[j]]
}

// resolvedAt returns the entity a pronoun at token k was resolved to, or -1.
func (r *resolver) resolvedAt(k int) int {
	for i := len(r.decided) - 1; i >= 0 && r.decided[i].First >= k; i-- {
		if r.decided[i].First == k {
			return r.decided[i].Entity
		}
	}
	return -1
}

// skipAside returns the token after an aside in brackets, and a comma
// closing it, that starts at token k ("Athens (Greek: Αθήνα), is"), or k;
// never beyond limit.
func (r *resolver) skipAside(k, limit int) int {
	if k >= limit || r.d.Lower[k] != "(" {
		return k
	}
	for j := k + 1; j < limit; j++ {
		if r.d.Lower[j] == ")" {
			if j+1 < limit && r.d.Lower[j+1] == "," {
				return j + 2
			}
			return j + 1
		}
	}
	return k
}

// reportedBy returns the organization or place whose words report what
// "it" or "they" at token k does: "North Korea stated it would attack",
// "the Senate said that it"; not a name after a preposition, which is no
// subject, nor a pronoun that is the verb's object (see objectAfter).
func (r *resolver) reportedBy(k int) (int, bool) {
	j := k - 1
	if j >= 0 && r.d.Lower[j] == "that" {
		j--
	} else if r.objectAfter(k) {
		return -1, false // the verb's object: "declared it one of the Wonders"
	}
	if j < 1 || !speechVerbs[r.d.Lower[j]] {
		return -1, false
	}
	for j--; j >= 0 && auxiliaries[r.d.Lower[j]]; j-- {
	}
	if j < 0 || r.entAt[j] < 0 || r.d.InQuote[j] {
		return -1, false
	}
	e := r.entAt[j]
	j = r.nameStart(j, e)
	if r.afterPreposition(j) {
		return -1, false // "Judge Chan of the High Court said it was …": the speaker is the judge
	}
	return e, r.ents[e].Label == ner.ORG || r.ents[e].Label == ner.LOC
}

// objectAfter reports whether the pronoun at token k, right after a verb,
// is its object rather than the subject of a reported clause: a noun phrase
// or the end of the clause follows it ("declared it one of the Wonders",
// "called it a success", "denied it."), where a reported clause goes on
// with its verb ("said it expects").
func (r *resolver) objectAfter(k int) bool {
	if k+1 >= len(r.d.Toks) {
		return true
	}
	w := r.d.Lower[k+1]
	c, _ := utf8.DecodeRuneInString(w)
	return !unicode.IsLetter(c) || articles[w] || possessives[w] || w == "one"
}

// organizationPlural: "their" for the organization or place (a team, a
// country's side) that is the subject of its sentence, with no other name,
// no coordination and no quotation mark between them ("Derbyshire kept up
// the hunt for their first title"; not "Google and Apple … their"); "they"
// right after a verb of speech whose subject is an organization ("Acme
// said they would appeal").
func (r *resolver) organizationPlural(k int) (int, int, bool) {
	if r.d.InQuote[k] {
		return 0, 0, false
	}
	if orgSubjects[r.d.Lower[k]] {
		// "Acme said they would appeal"
		e, ok := r.reportedBy(k)
		return e, k + 1, ok && r.ents[e].Label == ner.ORG
	}
	if !orgPlurals[r.d.Lower[k]] {
		return 0, 0, false
	}
	s := r.d.SentenceOf(k)
	if s < 0 {
		return 0, 0, false
	}
	first := r.subjectAt(s)
	e := r.entAt[first]
	if e < 0 || first >= k || r.d.InQuote[first] || r.ents[e].Label == ner.PER {
		return 0, 0, false
	}
	for j := r.nameEnd(first, e); j < k; j++ {
		if r.entAt[j] >= 0 || r.d.InQuote[j] || coordinators[r.d.Lower[j]] {
			return 0, 0, false
		}
	}
	return e, k + 1, true
}
