package mention

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// languageNouns, right after a name, make it a language's ("the Khmer
// language"), and peoplesNouns a people's or a tradition's ("the Kansa
// tribe", "Norse mythology").
var (
	languageNouns = lexicon.Set("language-nouns")
	peoplesNouns  = lexicon.Set("peoples-nouns")
)

// eponymNouns, right after a name, make it part of an eponym: "the Doppler
// effect", "the Riemann hypothesis" (see eponymOnly).
var eponymNouns = lexicon.Set("eponym-nouns")

// prepositions are the words after which "us" is the pronoun.
var prepositions = lexicon.Set("prepositions")

// minLowerUses is how many times a text must write a word in lower case for
// that word, capitalized alone, to be taken for an ordinary word rather
// than a name: "Antimony is a chemical element" in a text that says
// "antimony" again.
const minLowerUses = 2

// ordinaryWords returns the words of the tags that could be ordinary words
// capitalized (see ordinaryWord), each with the number of times the text
// writes it in lower case, or nil if there are none. A word of a one-word
// tag that dictionaryWords returns counts as written so minLowerUses times
// more when no longer tag of the text has it ("Marbles" beside "Jenny
// Marbles").
func (g *grouper) ordinaryWords(tags []ner.Mention) map[string]int {
	words := g.dictionaryWords(tags)
	// A cheap filter before the map, as in markLower.
	var lengths lexicon.Lengths
	for _, m := range tags {
		if m.Confidence >= weakConfidence || m.First < 0 || m.Last > len(g.toks) {
			continue
		}
		for i := m.First; i < m.Last; i++ {
			if isTitleWord(g.toks[i].Text) {
				if words == nil {
					words = map[string]int{}
				}
				w := g.norm(i)
				if _, ok := words[w]; !ok {
					words[w] = 0
				}
				lengths.Add(w)
			}
		}
	}
	if words == nil {
		return nil
	}
	for i, t := range g.toks {
		if g.ck.Tick() != nil {
			return nil
		}
		if t.Text == "" || t.Text[0] < utf8.RuneSelf && !lengths.MayHave(t.Text) || !isLowerWord(t.Text) {
			continue // normalization keeps ASCII lower-case letters
		}
		w := g.norm(i)
		if n, ok := words[w]; ok {
			words[w] = n + 1
		}
	}
	return words
}

// dictionaryWords returns the words of the one-word tags that the
// dictionary knows in lower case only, each counted minLowerUses times,
// where the text's capitals say nothing and the tagger was unsure of the
// tag, or where the tag is written in lower case in a text with capitals
// (see lowerInCasedText; the word's capitalized uses in that text are then
// ordinary words too where the tagger was unsure of them: "Alpha" beside
// "the alpha particle"); else nil.
func (g *grouper) dictionaryWords(tags []ner.Mention) map[string]int {
	var words map[string]int
	for _, m := range tags {
		if m.Last == m.First+1 && m.First >= 0 && m.Last <= len(g.toks) &&
			(m.Confidence < weakConfidence && g.caseless() || g.lowerInCasedText(m.First)) && lexicon.LowerOnly(g.norm(m.First)) {
			if words == nil {
				words = map[string]int{}
			}
			words[g.norm(m.First)] = minLowerUses
		}
	}
	if words == nil {
		return nil
	}
	for _, m := range tags {
		for i := max(m.First, 0); m.Last-m.First > 1 && i < min(m.Last, len(g.toks)); i++ {
			delete(words, g.norm(i))
		}
	}
	return words
}

// ordinaryWord reports whether the one-word name at token i is an ordinary
// word: capitalized where the tagger was unsure of it, and the text writes
// it in lower case at least minLowerUses times ("Antimony" at the start of
// sentences of an article about antimony, "Gumbo", "Chaparral"), or its
// capitals say nothing and the dictionary knows it in lower case only (see
// ordinaryWords), and no "the" makes a name of it ("the Acropolis", "the
// Council"; where capitals say nothing, only of a plural: "THE EAGLES", a
// band, but not "THE BASIN", "the fossil"); or written in lower case in a
// text with capitals and known to the dictionary in lower case only,
// whatever the tagger's confidence and the words before it ("the opera",
// "was it tequila?"). lowerUses is ordinaryWords' answer.
func (g *grouper) ordinaryWord(i int, lowerUses map[string]int) bool {
	if lowerUses[g.norm(i)] < minLowerUses {
		return false
	}
	if g.lowerInCasedText(i) {
		// A name such a text writes in lower case is written so more than
		// once too ("costco"): only the dictionary tells.
		return lexicon.LowerOnly(g.norm(i))
	}
	if g.caseless() {
		return g.word(i-1) != "the" || !strings.HasSuffix(g.norm(i), "s")
	}
	return isTitleWord(g.toks[i].Text) && g.lowerAt(i-1) != "the"
}

// lowerInCasedText reports whether token i is written in lower case in a
// text with capitals (the tagger reads a sentence without capitals as text
// in lower case: "was it tequila?") and is no team's name before its score
// ("bury 4 bristol city 1" in a table of results).
func (g *grouper) lowerInCasedText(i int) bool {
	return isLowerWord(g.toks[i].Text) && !isDigits(g.text1(i+1)) && !g.caseless()
}

// lowerInEditedText reports whether every word of toks[first:last] is
// written in lower case in an edited text (see edited): there a name in
// lower case is a common or a foreign word ("the lingua franca", "ab
// initio", "orang kaya"), whatever the tagger made of it.
func (g *grouper) lowerInEditedText(first, last int) bool {
	for i := first; i < last; i++ {
		if !isLowerWord(g.toks[i].Text) {
			return false
		}
	}
	return g.edited()
}

// minEditedSentences is how many sentences opening with a capital a text
// needs before edited calls it edited: one sentence alone says little.
const minEditedSentences = 3

// edited reports whether the text is edited prose, as news, books and
// encyclopedias are, where names are capitalized: minEditedSentences of
// its sentences or more open with a capital, nine in ten of those that open
// with a letter, it never writes "i" alone and holds no e-mail address (a
// mail's header writes names in lower case: "X-To: james steffew"). Chat,
// mail and web posts, where names may be written in lower case, are not,
// nor is a text in lower case or a table of results.
func (g *grouper) edited() bool {
	if g.editedAnswer == unasked {
		g.editedAnswer = factOf(g.editedProse())
	}
	return g.editedAnswer == factTrue
}

// editedProse is edited's answer, worked out.
func (g *grouper) editedProse() bool {
	letter, upper := 0, 0
	for _, s := range g.sents {
		for i := s.First; i < s.Last; i++ {
			t := g.toks[i].Text
			if !hasWordRune(t) {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(t); unicode.IsLetter(r) {
				letter++
				if unicode.IsUpper(r) {
					upper++
				}
			}
			break
		}
	}
	return upper >= minEditedSentences && (letter-upper)*10 <= letter &&
		!slices.ContainsFunc(g.toks, func(t tokenize.Token) bool { return t.Text == "i" || isMailAddress(t.Text) })
}

// caseless reports whether the text's capitals say nothing: it is prose
// (one word in ten or more a determiner, a preposition or "and", "or") in
// lower case, in capitals, or title-cased, as the tagger classifies a text
// (of its words of two letters or more, at least eight: one in fifty
// capitalized or fewer, nine in ten in capitals, four in five
// capitalized). A table of results ("Bath 21 Leicester 14") is no prose:
// there every word may be a name.
func (g *grouper) caseless() bool {
	if g.caselessAnswer == unasked {
		g.caselessAnswer = factOf(g.capitalsSayNothing())
	}
	return g.caselessAnswer == factTrue
}

// capitalsSayNothing is caseless's answer, worked out.
func (g *grouper) capitalsSayNothing() bool {
	letters, upperStart, allCaps := 0, 0, 0
	for _, t := range g.toks {
		if lowerStart := letters - upperStart; lowerStart*5 > len(g.toks) && upperStart*50 > len(g.toks) {
			// Enough words of both cases for no class to be left: one
			// in five of all tokens in lower case, one in fifty
			// capitalized.
			return false
		}
		if t.Text == "" {
			continue
		}
		var upper bool
		if c := t.Text[0]; c < utf8.RuneSelf {
			// Most words are ASCII: no decoding.
			if upper = 'A' <= c && c <= 'Z'; !upper && (c < 'a' || c > 'z') || len(t.Text) < 2 {
				continue
			}
		} else {
			r, _ := utf8.DecodeRuneInString(t.Text)
			if !unicode.IsLetter(r) || utf8.RuneCountInString(t.Text) < 2 {
				continue
			}
			upper = unicode.IsUpper(r)
		}
		letters++
		if upper {
			upperStart++
			if isAllCaps(t.Text) {
				allCaps++
			}
		}
	}
	return letters >= 8 && (upperStart*50 <= letters || allCaps*10 >= letters*9 || upperStart*10 >= letters*8) && g.prose(letters)
}

// prose reports whether one in ten or more of the text's words of two
// letters or more (letters of them) is a determiner, a preposition or "and",
// "or".
func (g *grouper) prose(letters int) bool {
	small := 0
	for i, t := range g.toks {
		if n := len(t.Text); n < 2 || n > maxSmallWord {
			continue
		}
		if g.smallWord(i) {
			small++
		}
	}
	return small*10 >= letters
}

// maxSmallWord is the length in bytes of the longest determiner,
// preposition or coordinator prose needs ("throughout").
const maxSmallWord = 10

// proseCoordinators join words in prose: "and", "or", "&", "with".
var proseCoordinators = lexicon.Set("coordinators")

// A textFact is a yes-or-no answer about the whole text, worked out the
// first time it is asked (caseless, edited, isPlanet's aboutTheSky).
type textFact uint8

const (
	unasked textFact = iota
	factFalse
	factTrue
)

func factOf(b bool) textFact {
	if b {
		return factTrue
	}
	return factFalse
}

// isTitleWord reports whether w is a capital letter followed by lower-case
// letters only ("Antimony"; not "US", "McDonald" or "Scientology.org").
func isTitleWord(w string) bool {
	n := 0
	for _, r := range w {
		if n == 0 && !unicode.IsUpper(r) || n > 0 && !unicode.IsLower(r) {
			return false
		}
		n++
	}
	return n > 1
}

// isLowerWord reports whether w is made of lower-case letters only.
func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// isPronounUs reports whether the name "us" at token i is the pronoun, not
// the country: written in lower case, where "the" does not come before it
// ("tell us", "each of us"; chat writes the country "the us"), or in
// capitals after a preposition in capitals, or after any other word but
// "the" where capitals say nothing ("THE UNITED STATES (US)" is the
// country), and before the end of the text, punctuation other than a hyphen,
// slash or dollar sign, or a word that does not follow the country's name
// used as an adjective ("US TROOPS"): a preposition, a coordinator, "all" or
// "both", or an auxiliary or adverb of the lexicon "auxiliaries" ("EACH OF
// US,", "KEEPS US FROM", "THEY BEAT US ALL", "ALL OF US DIDN'T", "FOR US
// NOW"). In the labelled data the country is written so once, and then
// before a currency ("at US $8.00").
func (g *grouper) isPronounUs(i int) bool {
	switch g.toks[i].Text {
	case "us":
		return g.lowerAt(i-1) != "the"
	case "US", "Us":
		afterPreposition := i > 0 && isAllCaps(g.toks[i-1].Text) && prepositions[g.norm(i-1)]
		if !afterPreposition && !(g.caseless() && i > 0 && hasWordRune(g.toks[i-1].Text) && g.norm(i-1) != "the") {
			return false
		}
		if i+1 == len(g.toks) {
			return true
		}
		next := g.toks[i+1].Text
		if !hasWordRune(next) {
			return next != "$" && next != "-" && next != "/"
		}
		n := g.norm(i + 1)
		return prepositions[n] || proseCoordinators[n] || objectFollowers[n] || n == "all" || n == "both"
	}
	return false
}

// objectFollowers are auxiliaries and adverbs (lexicon "auxiliaries"):
// after "US" in capitals they make it the pronoun ("ALL OF US DID").
var objectFollowers = lexicon.Set("auxiliaries")

// plainWordsOnTitleLine reports whether toks[first:last] are capitalized
// words that the dictionary knows in lower case only, joined by small words
// ("Partner Portal", "Board of Directors"), on a line in title case (see
// titleLine): a heading, a table's row or a list's item, whose capitals say
// nothing of names.
func (g *grouper) plainWordsOnTitleLine(first, last int) bool {
	words := 0
	for i := first; i < last; i++ {
		if g.smallWord(i) {
			continue
		}
		if !isTitleWord(g.toks[i].Text) || !lexicon.LowerOnly(g.norm(i)) {
			return false
		}
		words++
	}
	return words > 0 && g.titleLine(g.toks[first].Start)
}

// titleLine reports whether the line holding byte offset at is in title
// case: every word of four letters or more on it is capitalized, and it
// does not end in a sentence's closing mark.
func (g *grouper) titleLine(at int) bool {
	if g.lineEnds == nil {
		// Where each line ends, found once: a text of one long line with
		// many names is not scanned again for each.
		for i := 0; ; {
			k := strings.IndexByte(g.text[i:], '\n')
			if k < 0 {
				g.lineEnds = append(g.lineEnds, len(g.text))
				break
			}
			g.lineEnds = append(g.lineEnds, i+k)
			i += k + 1
		}
		g.titleLines = make(map[int]bool)
	}
	li, _ := slices.BinarySearch(g.lineEnds, at) // the line's index
	if ok, asked := g.titleLines[li]; asked {
		return ok
	}
	start := 0
	if li > 0 {
		start = g.lineEnds[li-1] + 1
	}
	line := strings.TrimSpace(g.text[start:g.lineEnds[li]])
	ok := line != "" && !strings.ContainsAny(line[len(line)-1:], ".!?")
	letters, capital := 0, false // of the word so far; whether its first is a capital
	for _, r := range line {
		if !ok {
			break
		}
		switch {
		case !unicode.IsLetter(r):
			letters = 0
		case letters == 0:
			letters, capital = 1, unicode.IsUpper(r)
		default:
			letters++
			ok = letters < 4 || capital
		}
	}
	g.titleLines[li] = ok
	return ok
}
