package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/ner"
)

// plainAcronyms returns, normalized, the acronyms the text defines by words
// in lower case right before them in brackets: "atp" for "adenosine
// triphosphate (ATP)", "ssts" and "sst" for "sea surface temperatures
// (SSTs)". Such an acronym stands for a thing, not a name, wherever the
// text uses it; one defined by capitalized words ("European Space Agency
// (ESA)") is a name. Returns nil if the tags hold no acronym or the text
// defines none.
func (g *grouper) plainAcronyms(tags []ner.Mention) map[string]bool {
	tagged := false
	for _, m := range tags {
		if m.Last == m.First+1 && m.First >= 0 && m.Last <= len(g.toks) && isAcronym(g.toks[m.First].Text) {
			tagged = true
			break
		}
	}
	if !tagged {
		return nil
	}
	var out map[string]bool
	for i := 1; i+2 < len(g.toks); i++ {
		if g.toks[i].Text != "(" || g.toks[i+2].Text != ")" {
			continue
		}
		acronym := g.toks[i+1].Text
		capitals := strings.TrimSuffix(acronym, "s") // "SSTs"
		if !isAcronym(acronym) || !g.spelledInLowerCase(capitals, i) {
			continue
		}
		if out == nil {
			out = map[string]bool{}
		}
		out[g.norm(i+1)] = true
		out[normalize(capitals)] = true
	}
	return out
}

// spelledInLowerCase reports whether words in lower case that end right
// before token end spell the capital letters of acronym: each word gives
// the next letter by its initial and perhaps the ones after from inside it
// ("adenosine triphosphate" for "ATP"), each part of a hyphenated word
// counts as a word ("two-scale model" for "TSM"), and function words may
// give a letter or be skipped ("years of life" for "YOL", "law of mass
// action" for "LMA").
func (g *grouper) spelledInLowerCase(acronym string, end int) bool {
	var letters []rune
	for _, r := range acronym {
		if unicode.IsUpper(r) {
			letters = append(letters, unicode.ToLower(r))
		}
	}
	if len(letters) < 2 {
		return false
	}
	// The words, last first, up to the first that is not in lower case;
	// function words do not count towards the letters.
	var words []spellWord
	content := 0
	for j := end - 1; j >= 0 && content < len(letters); j-- {
		w := g.toks[j].Text
		if lowerFunctionWords[w] {
			if len(words) > 0 {
				words = append(words, spellWord{w, true})
			}
			continue
		}
		parts := strings.Split(w, "-")
		for p := len(parts) - 1; p >= 0 && content < len(letters); p-- {
			if !isLowerWord(parts[p]) {
				return spells(letters, words)
			}
			words = append(words, spellWord{parts[p], false})
			content++
		}
	}
	return spells(letters, words)
}

// spellWord is a word that may spell part of an acronym; a function word
// may also be skipped.
type spellWord struct {
	text     string
	optional bool
}

// spells reports whether the first words of words, which are in reverse
// order, spell letters: each word, in text order, opens with its letter and
// holds the letters that follow it up to the next word's, in order.
func spells(letters []rune, words []spellWord) bool {
	for n := 1; n <= len(words); n++ {
		if !words[n-1].optional && spellsInOrder(letters, words[:n]) {
			return true
		}
	}
	return false
}

// spellsInOrder is spells for exactly the words given (in reverse order).
func spellsInOrder(letters []rune, words []spellWord) bool {
	if len(words) == 0 {
		return len(letters) == 0
	}
	last := len(words) - 1 // the first word in text order
	if words[last].optional && spellsInOrder(letters, words[:last]) {
		return true
	}
	w := words[last].text
	first, size := utf8.DecodeRuneInString(w)
	if len(letters) == 0 || first != letters[0] {
		return false
	}
	rest := w[size:]
	// The word gives letters[:k]; the other words the rest.
	for k := 1; k <= len(letters); k++ {
		if spellsInOrder(letters[k:], words[:last]) {
			return true
		}
		if k == len(letters) {
			return false
		}
		i := strings.IndexRune(rest, letters[k])
		if i < 0 {
			return false
		}
		rest = rest[i+utf8.RuneLen(letters[k]):]
	}
	return false
}
