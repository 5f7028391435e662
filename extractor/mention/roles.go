package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
)

// maxRoleModifiers is how many words may come before a role's head word:
// "chief financial officer" has two.
const maxRoleModifiers = 2

// maxRoles is the most roles an entity gets: the first ones in the text.
const maxRoles = 8

// roles returns the titles and roles next to the mentions of a person, in
// text order and without repeats (ignoring case), at most maxRoles.
func (g *grouper) roles(items []int) []string {
	var out []string
	add := func(r string) {
		if r == "" || len(out) == maxRoles {
			return
		}
		for _, o := range out {
			if strings.EqualFold(o, r) {
				return
			}
		}
		out = append(out, r)
	}
	for _, i := range items {
		it := g.items[i]
		s := g.sentenceOf(it.first)
		add(g.roleBefore(it.first, it.first, s))
		add(g.roleAfter(it.last, s))
		// "An FBI spokeswoman, Laura Eimiller, said": a role, a comma and
		// the name set off by commas.
		if it.first > 0 && it.last < len(g.toks) && g.toks[it.first-1].Text == "," && g.toks[it.last].Text == "," {
			add(g.roleBefore(it.first-1, it.first, s))
		}
	}
	return out
}

// sentenceOf returns the index of the sentence that holds token i.
func (g *grouper) sentenceOf(i int) int { return sentenceIndex(g.sents, i) }

func (g *grouper) sentenceFirst(s int) int {
	if s < len(g.sents) {
		return g.sents[s].First
	}
	return 0
}

func (g *grouper) sentenceLast(s int) int {
	if s < len(g.sents) {
		return g.sents[s].Last
	}
	return len(g.toks)
}

// roleBefore returns the role phrase that ends just before token end, for
// the name that starts at token name:
// "President" in "Russian President Vladimir Putin", "opposition leader" in
// "Belarusian opposition leader Svyatlana Tsikhanouskaya". The phrase ends in
// a role word and may start with up to three lower-case modifiers or
// capitalized title words; it stops at function words, verbs of speech and
// other names ("Russian").
func (g *grouper) roleBefore(end, name, s int) string {
	first := g.sentenceFirst(s)
	j := end - 1
	if j < first || g.occupiedByOther(j, name) {
		return ""
	}
	head := g.toks[j].Text
	// A title of several words ends here ("Chief Financial Officer"), or a
	// role word does ("analyst"); up to maxRoleModifiers words may come
	// before either.
	start := g.rolePhraseEnding(j, first, name)
	if start < 0 {
		if !roleHeads[g.norm(j)] || !isWord(head) {
			return ""
		}
		start = j
	}
	capsOnly := isCapitalized(g.toks[start].Text)
	for k := start - 1; k >= first && start-k <= maxRoleModifiers; k-- {
		if g.occupiedByOther(k, name) || !g.roleModifier(k, first) {
			break
		}
		// A capitalized title ("Prime Minister") takes only capitalized
		// words: "meet Prime Minister X" is a verb and a title.
		if capsOnly && !isCapitalized(g.toks[k].Text) {
			break
		}
		start = k
	}
	if !hasLower(g.text[g.toks[start].Start:g.toks[j].End]) && !roleAcronyms[g.norm(j)] {
		return "" // a headline in capitals: "CHAMPION X"
	}
	words := make([]string, 0, end-start)
	for k := start; k < end; k++ {
		w := g.toks[k].Text
		if k == first && k < j && isCapitalized(w) && !titles[g.norm(k)] {
			w = lowerFirst(w) // "Political analyst X": the capital is the sentence's
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// rolePhrases are the titles of several words ("chief financial officer",
// "secretary of state"), by normalized text.
var rolePhrases = lexicon.Set("role-phrases")

// maxRolePhrase is the most tokens a role phrase spans.
const maxRolePhrase = 5

// rolePhraseEnding returns the first token of the longest role phrase that
// ends at token j and starts at or after token first, with no token of a
// mention other than the one whose name starts at token name; or -1.
func (g *grouper) rolePhraseEnding(j, first, name int) int {
	best := -1
	for k := j; k >= first && j-k < maxRolePhrase; k-- {
		if !isWord(g.toks[k].Text) || g.occupiedByOther(k, name) {
			break
		}
		if g.isRolePhrase(k, j+1) {
			best = k
		}
	}
	return best
}

// rolePhraseStarting returns the token after the longest role phrase that
// starts at token k and ends before token last and outside any mention, or
// -1.
func (g *grouper) rolePhraseStarting(k, last int) int {
	best := -1
	for j := k; j < last && j-k < maxRolePhrase; j++ {
		if !isWord(g.toks[j].Text) || g.occupied[j] {
			break
		}
		if g.isRolePhrase(k, j+1) {
			best = j + 1
		}
	}
	return best
}

// isRolePhrase reports whether the normalized words toks[first:last] are a
// role phrase. Their key is built in a buffer the grouper keeps, so looking
// it up allocates nothing.
func (g *grouper) isRolePhrase(first, last int) bool {
	g.keyBuf = g.keyBuf[:0]
	for i := first; i < last; i++ {
		if i > first {
			g.keyBuf = append(g.keyBuf, ' ')
		}
		g.keyBuf = append(g.keyBuf, g.norm(i)...)
	}
	return rolePhrases[string(g.keyBuf)]
}

// occupiedByOther reports whether token k belongs to a tagged mention other
// than the one whose (trimmed) name starts at token name. A title trimmed from
// the start of a tag ("President Putin" tagged whole) counts as free.
func (g *grouper) occupiedByOther(k, name int) bool {
	if !g.occupied[k] {
		return false
	}
	// Free if every token from k up to the name is inside the same tag: the
	// tag's title words were trimmed off and are not part of any item.
	j, ok := g.itemStartingAt(name)
	return !ok || g.items[j].tagFirst > k
}

// itemStartingAt returns the tagged item whose name starts at token i.
func (g *grouper) itemStartingAt(i int) (int, bool) {
	j := g.itemAt(i)
	return j, j >= 0
}

// roleModifier reports whether token k can start or continue a role phrase
// before its head word.
func (g *grouper) roleModifier(k, first int) bool {
	w := g.toks[k].Text
	if !isWord(w) {
		return false
	}
	n := g.norm(k)
	if isCapitalized(w) {
		if titles[n] || roleHeads[n] {
			return true
		}
		// The sentence's first word is capitalized anyway ("Political analyst
		// X"), but it may be a proper adjective ("Russian President X",
		// "Russian opposition leader X"): only a word followed by a lower-case
		// one and not shaped like a nationality counts.
		return k == first && k+1 < len(g.toks) && !isCapitalized(g.toks[k+1].Text) && !strings.Contains(w, "-") &&
			!roleStop[n] && !commonWords[n] && isPlainModifier(n) && !nationalityShape(n)
	}
	return !roleStop[n] && isPlainModifier(n)
}

// isPlainModifier rules out most verbs and adverbs, which end a role phrase
// when walking back from a name ("met analyst X", "jailed opposition leader
// X"), keeping a few adjectives that are part of roles.
func isPlainModifier(n string) bool {
	switch n {
	case "acting", "outgoing", "incoming", "ruling", "governing", "managing", "leading", "founding",
		"presiding", "reigning", "visiting", "retired", "elected", "appointed", "designated", "ranking":
		return true
	}
	return !strings.HasSuffix(n, "ed") && !strings.HasSuffix(n, "ing") && !strings.HasSuffix(n, "ly")
}

// roleAfter returns the role in an apposition after a name: "Artyom
// Shraibman, a political analyst at ...", "Navalny, the anti-corruption
// crusader, ...", "Lukashenka, president of Belarus", "John Smith, Acme's
// chief executive, ...". The role is lower-case words ending in a role word,
// after a comma, an optional article and an optional possessive name, and
// must be followed by a comma, a full stop or "at", "of", "for", "with",
// "in", "on", "who".
func (g *grouper) roleAfter(i, s int) string {
	last := g.sentenceLast(s)
	if i >= last || g.toks[i].Text != "," {
		return ""
	}
	k := i + 1
	if k < last {
		switch strings.ToLower(g.toks[k].Text) {
		case "a", "an", "the":
			k++
		}
	}
	// "John Smith, Acme's chief executive, said": skip a name and its
	// possessive.
	if j := g.itemAt(k); j >= 0 && g.items[j].tagFirst == k && g.items[j].last < last && isPossessive(g.toks[g.items[j].last].Text) {
		k = g.items[j].last + 1
	}
	start := k
	// "Ralf Thomas, chief financial officer of Siemens".
	if end := g.rolePhraseStarting(start, last); end > 0 && end < last && followsRole(g.toks[end].Text) &&
		(!isCapitalized(g.toks[start].Text) || titles[g.norm(start)]) {
		words := make([]string, 0, end-start)
		for _, t := range g.toks[start:end] {
			words = append(words, t.Text)
		}
		return strings.Join(words, " ")
	}
	for ; k < last && k-start <= maxRoleModifiers; k++ {
		w := g.toks[k].Text
		if g.occupied[k] || !isWord(w) || isCapitalized(w) && !titles[g.norm(k)] {
			return ""
		}
		n := g.norm(k)
		if roleStop[n] {
			return ""
		}
		if roleHeads[n] && k+1 < last && followsRole(g.toks[k+1].Text) {
			words := make([]string, 0, k+1-start)
			for _, t := range g.toks[start : k+1] {
				words = append(words, t.Text)
			}
			return strings.Join(words, " ")
		}
	}
	return ""
}

// nationalityShape reports whether the lower-case word n ends like a
// nationality or language adjective: "russian", "chinese", "british".
func nationalityShape(n string) bool {
	for _, suf := range []string{"an", "ese", "ish", "i", "ic", "ch"} {
		if strings.HasSuffix(n, suf) {
			return true
		}
	}
	return false
}

func followsRole(t string) bool {
	switch t {
	case ",", ".", ";", "at", "of", "for", "with", "in", "on", "who", ")":
		return true
	}
	return false
}

// isWord reports whether t is made of letters, with hyphens or periods
// inside ("anti-corruption", "Gen."), and is not a possessive ending.
func isWord(t string) bool {
	if isPossessive(t) {
		return false
	}
	letters := 0
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == '-' || r == '.' || r == '’' || r == '\'':
		default:
			return false
		}
	}
	return letters > 0
}

func lowerFirst(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToLower(r)) + w[size:]
}
