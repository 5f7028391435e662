package coref

import (
	"cmp"
	"context"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/checkpoint"
	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
)

// How far back an antecedent is looked for, in sentences: a pronoun refers
// to an entity named in its own sentence or the ones just before it, and a
// description to one named a little further back.
const (
	pronounWindow     = 2
	descriptionWindow = 3
)

// pronounWords are the words a pronoun sieve may take: walk tries those
// sieves on no other token. A sieve taking a new list adds it here.
var pronounWords = lexicon.Union("pronouns-first-singular", "pronouns-first-contracted", "pronouns-demonstrative", "pronouns-second", "pronouns-male", "pronouns-female", "pronouns-neuter",
	"pronouns-plural-organization", "pronouns-plural-reported")

// pronounLengths turns away most other words before pronounWords is
// looked up.
var pronounLengths = lexicon.LengthsOf(pronounWords)

// Word lists, from the lexicon.
var (
	neuterPronouns  = lexicon.Set("pronouns-neuter")
	orgPlurals      = lexicon.Set("pronouns-plural-organization")
	orgSubjects     = lexicon.Set("pronouns-plural-reported")
	coordinators    = lexicon.Set("coordinators")
	firstSingular   = lexicon.Set("pronouns-first-singular")
	firstContracted = lexicon.Set("pronouns-first-contracted")
	orgDescriptions = lexicon.Set("organization-descriptions")
	cityWords       = lexicon.Set("city-descriptions")
	countryWords    = lexicon.Set("country-descriptions")
	ownerWords      = lexicon.Set("first-person-possessives")
	placeWords      = lexicon.Set("place-descriptions")
	personWords     = lexicon.Union("person-nouns", "person-demonyms", "age-descriptions")
	countries       = lexicon.Set("countries")
	stopWords       = lexicon.Set("speaker-stop-words")
	titles          = lexicon.Set("titles")
	articles        = lexicon.Set("articles")
	auxiliaries     = lexicon.Set("auxiliaries")
	femaleNames     = lexicon.Set("first-names-female")
	maleNames       = lexicon.Set("first-names-male")
	honorificsMale  = lexicon.Set("honorifics-male")
	honorificsFem   = lexicon.Set("honorifics-female")
	clauseOpeners   = lexicon.Set("clause-openers")
	copulas         = lexicon.Set("copulas")
	predicateVerbs  = lexicon.Set("predicate-verbs")
	copulaAdverbs   = lexicon.Set("predicate-adverbs")
	subjectPronouns = lexicon.Set("pronouns-subject")
	relationNouns   = lexicon.Set("relation-nouns")
	possessives     = lexicon.Set("possessives")
	demonstratives  = lexicon.Set("pronouns-demonstrative")
)

// event is a mention seen so far, for the resolution of later ones.
type event struct {
	tok, ent int
	sent     int
}

// resolver holds the state of one call to [Resolve].
type resolver struct {
	d      *doc.Document
	ents   []mention.Entity
	entAt  []int // entity of a name mention covering the token, or -1
	gender []lexicon.Gender
	roles  map[string]int // role phrase or head ("health minister", "minister") → person, -1 if several
	// appositives maps the first token of "the health minister" in "Pate,
	// the health minister," to its end and the person.
	appositives map[int]span
	events      []event
	topics      map[ner.Label]int // see topic
	added       [][]mention.Ref
	decided     []Decision
	turns       turns
	phraseBuf   []byte // see role

	// container marks a place named after another and a comma, so larger
	// than it: "Oregon" of "Portland, Oregon".
	container []bool
}

// Resolve adds to ents the descriptions and pronouns that refer to them, as
// mentions of kind [doc.Nominal] and [doc.Pronoun], and joins entities whose
// names are spelling variants of one name. It returns the entities in order
// of their first mention; the slice may be shorter than ents, and from[i]
// is the index in ents of the entity that became the i-th (ents is
// overwritten).
func Resolve(d *doc.Document, ents []mention.Entity) (out []mention.Entity, from []int) {
	out, from, _, _ = resolve(context.Background(), d, ents)
	return out, from
}

// ResolveContext is [Resolve] that stops with the context's error when ctx
// ends, checking it every [checkpoint.Every] tokens; ents may then be
// partly resolved.
func ResolveContext(ctx context.Context, d *doc.Document, ents []mention.Entity) (out []mention.Entity, from []int, err error) {
	out, from, _, err = resolve(ctx, d, ents)
	return out, from, err
}

// Decision is a mention a sieve added: toks[First:Last] refers to the
// entity at index Entity of the result.
type Decision struct {
	First, Last int
	Entity      int
	Sieve       string
}

// Trace is [Resolve] that also returns every mention it added, in text
// order, with the sieve that decided it.
func Trace(d *doc.Document, ents []mention.Entity) ([]mention.Entity, []Decision) {
	out, _, decided, _ := resolve(context.Background(), d, ents)
	return out, decided
}

// resolve is Resolve that also returns the decisions of the sieves.
func resolve(ctx context.Context, d *doc.Document, ents []mention.Entity) ([]mention.Entity, []int, []Decision, error) {
	ents, from := joinVariants(d, ents)
	if len(ents) == 0 || len(d.Toks) == 0 {
		return ents, from, nil, nil
	}
	r := &resolver{d: d, ents: ents, topics: map[ner.Label]int{}}
	r.index()
	r.learnRoles()
	r.findTurns()
	if err := r.walk(checkpoint.New(ctx)); err != nil {
		return ents, from, nil, err
	}
	for i := range ents {
		if len(r.added[i]) > 0 {
			ents[i].Mentions = append(ents[i].Mentions, r.added[i]...)
			slices.SortStableFunc(ents[i].Mentions, func(a, b mention.Ref) int { return a.First - b.First })
		}
	}
	return ents, from, r.decided, nil
}

// index marks the tokens of every name and sets each person's gender from
// a first name or an honorific.
func (r *resolver) index() {
	n := len(r.d.Toks)
	r.entAt = make([]int, n)
	for i := range r.entAt {
		r.entAt[i] = -1
	}
	r.gender = make([]lexicon.Gender, len(r.ents))
	r.added = make([][]mention.Ref, len(r.ents))
	for ei, e := range r.ents {
		for _, m := range e.Mentions {
			for k := max(m.First, 0); k < m.Last && k < n; k++ {
				r.entAt[k] = ei
			}
		}
		if e.Label == ner.PER {
			r.gender[ei] = r.nameGender(e)
		}
	}
	r.container = make([]bool, len(r.ents))
	for ei, e := range r.ents {
		if e.Label != ner.LOC {
			continue
		}
		for _, m := range e.Mentions {
			if r.containsPrevious(m.First, m.Last, ei) {
				r.container[ei] = true
				break
			}
		}
	}
}

// containsPrevious reports whether the name toks[first:last] of place ei
// follows another place and a comma and ends a phrase, not in a list:
// "Portland, Oregon." or "Portland, Oregon, so", not "Paris, London and
// Berlin" nor "in Poland, Łódź has".
func (r *resolver) containsPrevious(first, last, ei int) bool {
	if first < 2 || r.d.Lower[first-1] != "," {
		return false
	}
	prev := r.entAt[first-2]
	if prev < 0 || prev == ei || r.ents[prev].Label != ner.LOC {
		return false
	}
	if last >= len(r.d.Toks) {
		return true
	}
	if c, _ := utf8.DecodeRuneInString(r.d.Lower[last]); unicode.IsLetter(c) || unicode.IsDigit(c) {
		return false // "in Poland, Łódź has"
	}
	next := -1
	if last+1 < len(r.d.Toks) {
		next = r.entAt[last+1]
	}
	return r.d.Lower[last] != "," || next < 0 || r.ents[next].Label != ner.LOC
}

// nameGender is the gender a person's first names or honorifics give.
func (r *resolver) nameGender(e mention.Entity) lexicon.Gender {
	for _, m := range e.Mentions {
		first := r.d.Lower[m.First]
		if m.First > 0 {
			prev := trimDot(r.d.Lower[m.First-1])
			switch {
			case honorificsMale[prev]:
				return lexicon.Male
			case honorificsFem[prev]:
				return lexicon.Female
			}
		}
		if m.Last-m.First < 2 {
			continue
		}
		if g := lexicon.NameGender(first); g != lexicon.UnknownGender {
			return g
		}
	}
	return lexicon.UnknownGender
}

func trimDot(w string) string {
	if len(w) > 1 && w[len(w)-1] == '.' {
		return w[:len(w)-1]
	}
	return w
}

// walk goes through the text once, in order: every name is recorded as it
// is passed, and every other token is offered to the sieves in order.
func (r *resolver) walk(ck *checkpoint.Counter) error {
	starts := r.mentionStarts()
	for k := 0; k < len(r.d.Toks); {
		if err := ck.Tick(); err != nil {
			return err
		}
		for len(starts) > 0 && starts[0].tok <= k {
			if starts[0].tok == k {
				r.record(k, starts[0].ent)
			}
			starts = starts[1:]
		}
		if r.entAt[k] >= 0 {
			k++
			continue
		}
		end := k + 1
		w := r.d.Lower[k]
		pronoun, definite := pronounLengths.MayHave(w) && pronounWords[w], r.definite(k)
		try := sieves
		if !pronoun && !definite {
			try = ungatedSieves // the usual case: the others would not decide
		}
		for i := range try {
			s := &try[i]
			if s.kind == doc.Pronoun && !pronoun || s.definite && !definite {
				continue
			}
			if ei, last, ok := s.try(r, k); ok {
				r.add(k, last, ei, s)
				end = last
				break
			}
		}
		k = end
	}
	return nil
}

// nameStart is where a name of entity ent starts.
type nameStart struct{ tok, ent int }

// mentionStarts lists where the entities' names start, in text order (and
// in entity order at one token).
func (r *resolver) mentionStarts() []nameStart {
	n := 0
	for _, e := range r.ents {
		n += len(e.Mentions)
	}
	starts := make([]nameStart, 0, n)
	for ei, e := range r.ents {
		for _, m := range e.Mentions {
			starts = append(starts, nameStart{m.First, ei})
		}
	}
	slices.SortStableFunc(starts, func(a, b nameStart) int { return cmp.Compare(a.tok, b.tok) })
	return starts
}

// record notes a mention of entity ei at token k.
func (r *resolver) record(k, ei int) {
	r.events = append(r.events, event{tok: k, ent: ei, sent: r.d.SentenceOf(k)})
}

// pronounEnd returns where the pronoun of token k ends: the token's end, or
// after the "I" of a contraction kept whole ("I've").
func pronounEnd(d *doc.Document, k int) int {
	if firstContracted[d.Lower[k]] {
		return d.Toks[k].Start + len("I")
	}
	return d.Toks[k].End
}

// add makes toks[first:last] a mention of entity ei; of a contraction kept
// whole ("I've"), the pronoun alone.
func (r *resolver) add(first, last, ei int, s *sieve) {
	t := r.d.Toks
	end := t[last-1].End
	if last == first+1 {
		end = pronounEnd(r.d, first)
	}
	r.added[ei] = append(r.added[ei], mention.Ref{First: first, Last: last, Start: t[first].Start, End: end, Kind: s.kind})
	if !s.quiet {
		r.record(first, ei)
	}
	r.decided = append(r.decided, Decision{First: first, Last: last, Entity: ei, Sieve: s.name})
}

var speechVerbs = lexicon.SpeechVerbs()
