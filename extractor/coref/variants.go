package coref

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
)

// Two words are spelling variants of one name when they start with the same
// letter, have at least minVariantLen letters, and differ in at most one
// edit in every variantLetters letters: "Lukashenka" and "Lukashenko",
// "Muhammad" and "Mohammed".
const (
	minVariantLen  = 5
	variantLetters = 4
)

// joinVariants joins entities of one label whose names are spelling
// variants of each other, word for word, unless the text keeps them apart:
// both are named in one sentence, or their first names say different
// genders. The entity named first keeps its place.
// It returns the entities left and the index in ents each came from.
func joinVariants(d *doc.Document, ents []mention.Entity) ([]mention.Entity, []int) {
	gone := make([]bool, len(ents))
	joinAliases(ents, gone)
	buckets := map[variantBucket][]int{}
	for i, e := range ents {
		k := variantKey(e)
		if len(buckets[k]) < maxBucket {
			buckets[k] = append(buckets[k], i)
		}
	}
	for _, b := range buckets {
		for x, i := range b {
			for _, j := range b[x+1:] {
				if gone[i] || gone[j] || !variantNames(ents[i].Name, ents[j].Name, ents[i].Label == ner.PER) || shareSentence(d, ents[i], ents[j]) {
					continue
				}
				mention.Join(&ents[i], ents[j])
				gone[j] = true
			}
		}
	}
	out, from := ents[:0], make([]int, 0, len(ents))
	for i, e := range ents {
		if !gone[i] {
			out = append(out, e)
			from = append(from, i)
		}
	}
	return out, from
}

// placeAliases maps another name of a country, without full stops, to the
// name it stands for: "us" → "united states".
var placeAliases = func() map[string]string {
	m := map[string]string{}
	for _, line := range lexicon.Words("place-aliases") {
		alias, name, _ := strings.Cut(line, ": ")
		m[alias] = name
	}
	return m
}()

// joinAliases joins places named by aliases of one name ("the US",
// "America", "the United States"), marking in gone the ones joined into
// the first.
func joinAliases(ents []mention.Entity, gone []bool) {
	first := map[string]int{}
	for i, e := range ents {
		if e.Label != ner.LOC {
			continue
		}
		name := strings.ToLower(strings.ReplaceAll(e.Name, ".", ""))
		if alias, ok := placeAliases[name]; ok {
			name = alias
		} else if !aliasNames[name] {
			continue
		}
		if j, ok := first[name]; ok {
			mention.Join(&ents[j], ents[i])
			gone[i] = true
			continue
		}
		first[name] = i
	}
}

// aliasNames are the names the aliases stand for.
var aliasNames = func() map[string]bool {
	names := map[string]bool{}
	for _, name := range placeAliases {
		names[name] = true
	}
	return names
}()

// maxBucket bounds the entities compared with each other: only names with
// the same label and the same initial of the last word are, and in a text
// with more than maxBucket of those the rest are left alone.
const maxBucket = 64

// variantBucket is a label and the first letter, in lower case, of a
// name's last word (0 for a name of no words).
type variantBucket struct {
	label  ner.Label
	letter rune
}

func variantKey(e mention.Entity) variantBucket {
	name := strings.TrimRightFunc(e.Name, unicode.IsSpace)
	if name == "" {
		return variantBucket{label: e.Label}
	}
	if i := strings.LastIndexFunc(name, unicode.IsSpace); i >= 0 {
		_, size := utf8.DecodeRuneInString(name[i:])
		name = name[i+size:]
	}
	r, _ := utf8.DecodeRuneInString(name)
	return variantBucket{e.Label, unicode.ToLower(r)}
}

// variantNames reports whether a and b have the same number of words, each
// the same or a spelling variant of the other, and at least one a variant;
// or, for people, whether one is a single word that is a variant of the
// other's last, a surname ("Lukashenka", "Alexander Lukashenko"). An
// organization's last word is no short form of it ("Librarians" is not
// "Digital Humanities and Libraries").
func variantNames(a, b string, people bool) bool {
	wa, wb := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if len(wa) != len(wb) {
		if !people {
			return false
		}
		if len(wb) == 1 {
			wa, wb = wb, wa
		}
		last := wb[len(wb)-1]
		// The same surname is the grouping stage's to join or keep apart.
		return len(wa) == 1 && wa[0] != last && spellingVariant(wa[0], last)
	}
	variants := 0
	for i := range wa {
		switch {
		case wa[i] == wb[i]:
		case spellingVariant(wa[i], wb[i]):
			if femaleNames[wa[i]] && maleNames[wb[i]] || maleNames[wa[i]] && femaleNames[wb[i]] {
				return false
			}
			variants++
		default:
			return false
		}
	}
	return variants > 0
}

func spellingVariant(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	n := min(len(ra), len(rb))
	if n < minVariantLen || ra[0] != rb[0] {
		return false
	}
	return editDistance(ra, rb) <= max(len(ra), len(rb))/variantLetters
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c = 1 + min(prev[j-1], prev[j], cur[j-1])
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// shareSentence reports whether a and b are named in one sentence.
func shareSentence(d *doc.Document, a, b mention.Entity) bool {
	seen := map[int]bool{}
	for _, m := range a.Mentions {
		seen[d.SentenceOf(m.First)] = true
	}
	for _, m := range b.Mentions {
		if seen[d.SentenceOf(m.First)] {
			return true
		}
	}
	return false
}
