// Package definition types a name by the head noun of the phrase that
// defines it: "X is an American rock band" (ORG), "X is a city in …" (LOC),
// "X, a British politician, …" (PER), "X is a 1995 film" (MISC). The head
// nouns and their types are data: heads.txt beside this file.
//
// Basic usage, with the words after a copula or an apposition's comma:
//
//	if t, _, ok := definition.Predicate([]string{"an", "American", "rock", "band"}); ok {
//		fmt.Println(t) // ORG
//	}
package definition

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// Type is what a definition says a name is.
type Type int

// The types of names. Of marks a head that only says "one of" ("member",
// "kind"): the head of the phrase after its "of" counts instead.
const (
	PER Type = iota
	LOC
	ORG
	MISC // works, events, products, languages, peoples, species, ideas
	NumTypes
	Of
)

var typeNames = [NumTypes]string{"PER", "LOC", "ORG", "MISC"}

func (t Type) String() string {
	if t >= 0 && t < NumTypes {
		return typeNames[t]
	}
	if t == Of {
		return "OF"
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

//go:embed heads.txt
var headsFile string

var (
	headsOnce sync.Once
	heads     map[string]Type
)

// Heads returns the head nouns of heads.txt and their types. The file is
// part of the binary; TestHeadsFile checks that it reads.
func Heads() map[string]Type {
	headsOnce.Do(func() {
		heads, _ = ReadHeads(strings.NewReader(headsFile))
	})
	return heads
}

// ReadHeads reads a heads file: TYPE <TAB> head, one or two lower-case
// words, TYPE one of PER, LOC, ORG, MISC and OF; "#" starts a comment line.
func ReadHeads(r io.Reader) (map[string]Type, error) {
	heads := map[string]Type{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		typ, head, ok := strings.Cut(line, "\t")
		if !ok || head == "" || strings.Count(head, " ") > 1 || head != strings.ToLower(head) {
			return nil, fmt.Errorf("line %d: want TYPE<TAB>head (one or two lower-case words): %q", n, line)
		}
		t := Type(slices.Index(typeNames[:], typ))
		if typ == "OF" {
			t = Of
		}
		if t < 0 {
			return nil, fmt.Errorf("line %d: unknown type %q", n, typ)
		}
		if old, dup := heads[head]; dup && old != t {
			return nil, fmt.Errorf("line %d: %q has two types", n, head)
		}
		heads[head] = t
	}
	return heads, sc.Err()
}

// Predicate returns the type of the head noun of a defining phrase that
// begins with a determiner ("a", "an", "the") or "one of", as in the words
// after "X is": the last word before a preposition, a relative, a
// conjunction or punctuation. When the phrase has a head that heads.txt
// does not type, it returns that head (singular) and false.
func Predicate(words []string) (t Type, head string, ok bool) {
	return predicate(words, maxPhraseWords)
}

// maxNearWords is how many words a noun phrase may have, its head
// included, for PredicateNear.
const maxNearWords = 4

// PredicateNear is Predicate for an indefinite phrase ("a", "an", "one of")
// whose head comes within four words of its determiner ("an English rock
// band", "one of the largest cities") and is followed by no "and", "or" or
// possessive: a definite phrase names a role ("the official
// representative"), a longer one is too often read past its real head ("a
// parliamentary member representing the AVP political party" is not a
// party), and a noun before "and" or a possessive may modify another ("a
// film and television actor" is not a film, "the world's largest company").
func PredicateNear(words []string) (t Type, head string, ok bool) {
	return predicate(words, maxNearWords)
}

// predicate is Predicate with noun phrases of at most maxWords words.
func predicate(words []string, maxWords int) (Type, string, bool) {
	i := 0
	for i < len(words) && (words[i] == "also" || words[i] == "now" || words[i] == "originally") {
		i++
	}
	if i >= len(words) {
		return 0, "", false
	}
	switch strings.ToLower(words[i]) {
	case "the":
		if maxWords < maxPhraseWords {
			return 0, "", false // "the official representative" names a role
		}
		i++
	case "a", "an":
		i++
	case "one": // "one of the largest cities"
	default:
		return 0, "", false
	}
	return headOf(words[i:], 0, maxWords)
}

// Copula reports whether w links a name to the phrase that defines it:
// "is", "was", "are", "were".
func Copula(w string) bool {
	switch w {
	case "is", "was", "are", "were":
		return true
	}
	return false
}

// stops end the noun phrase of a definition.
var stops = map[string]bool{
	"of": true, "in": true, "on": true, "at": true, "for": true, "from": true, "by": true, "with": true,
	"to": true, "that": true, "which": true, "who": true, "whose": true, "where": true, "and": true,
	"or": true, "but": true, "located": true, "based": true, "founded": true, "headquartered": true,
	"known": true, "born": true, "between": true, "near": true, "situated": true, "whom": true,
	"is": true, "was": true, "are": true, "were": true, "consisting": true, "made": true, "named": true,
	"written": true, "directed": true, "published": true, "released": true, "produced": true,
	"formed": true, "established": true, "created": true, "developed": true, "used": true, "set": true,
	"during": true, "since": true, "than": true, "as": true, "about": true, "after": true, "before": true,
	"under": true, "within": true, "across": true, "along": true, "around": true, "into": true,
	"starring": true, "featuring": true, "operating": true, "serving": true, "owned": true,
}

// maxPhraseWords is how many words a defining noun phrase may have before
// its head.
const maxPhraseWords = 8

// headOf finds the head of a noun phrase (words start after its
// determiner) of at most maxWords words, or none if the phrase goes on.
// depth counts the "one of" steps taken.
func headOf(words []string, depth, maxWords int) (Type, string, bool) {
	end := 0
	for end < len(words) && end < maxWords {
		w := words[end]
		if stops[w] || !IsWord(w) {
			break
		}
		end++
	}
	if end == 0 {
		return 0, "", false
	}
	if near := maxWords < maxPhraseWords; near && end < len(words) {
		next := words[end]
		if end == maxWords && !stops[next] && IsWord(next) || (next == "and" || next == "or") && !secondPredicate(words[end+1:]) || possessive(next) {
			// The phrase goes on past the words it may have, its noun may
			// be a modifier of one after it ("a film and television
			// actor"), or it is a possessive ("the world's largest
			// company").
			return 0, "", false
		}
	}
	h := words[end-1]
	if h != strings.ToLower(h) {
		return 0, "", false
	}
	t, ok := Type(-1), false
	if end >= 2 {
		t, ok = lookup(words[end-2] + " " + h)
	}
	if !ok {
		t, ok = lookup(h)
	}
	if !ok {
		return 0, singular(h), false
	}
	if t != Of {
		return t, h, true
	}
	// "one of the largest cities", "a member of the Democratic Party": the
	// phrase after "of".
	if depth > 1 || end >= len(words) || words[end] != "of" {
		return 0, "", false
	}
	rest := words[end+1:]
	if len(rest) > 0 && (rest[0] == "the" || rest[0] == "a" || rest[0] == "an") {
		rest = rest[1:]
	}
	return headOf(rest, depth+1, maxWords)
}

// predicateOpeners open a second predicate after "and": "Cécile is a
// hairdresser and has just moved", not "a film and television actor".
var predicateOpeners = map[string]bool{
	"has": true, "have": true, "had": true, "is": true, "was": true, "are": true, "were": true,
	"will": true, "would": true, "can": true, "could": true, "just": true, "also": true,
	"lives": true, "lived": true, "works": true, "worked": true, "loves": true, "moved": true,
}

// secondPredicate reports whether words, after "and" or "or", open a
// second predicate of the name (see predicateOpeners).
func secondPredicate(words []string) bool {
	return len(words) > 0 && predicateOpeners[words[0]]
}

// possessive reports whether w is a possessive ending: "'s", "’s", "'".
func possessive(w string) bool {
	switch w {
	case "'s", "’s", "'", "’", "'S", "’S":
		return true
	}
	return false
}

// HeadType returns the type heads.txt gives the lower-case head noun w, in
// the singular or the plural ("city", "cities": LOC), and whether it lists
// it.
func HeadType(w string) (Type, bool) { return lookup(w) }

// lookup types a head, trying its singular if it is not listed.
func lookup(h string) (Type, bool) {
	hs := Heads()
	if t, ok := hs[h]; ok {
		return t, true
	}
	t, ok := hs[singular(h)]
	return t, ok
}

// singular strips a plural ending: "cities" → "city", "bands" → "band",
// "churches" → "church".
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// IsWord reports whether w is a word of letters, digits and hyphens (not
// punctuation or a symbol).
func IsWord(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r >= '0' && r <= '9' || r > 127 && r != '–' && r != '—')
	}) < 0
}
