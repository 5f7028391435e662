package mention

import (
	"slices"
	"strings"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// versus sets the names of two sides apart, in lower case: "Costco vs
// Discount Tire", "Roe v. Wade".
var versus = set(`v v. vs vs. versus`)

var (
	messageOpeners = lexicon.Set("message-openers")
	greetedWith    = lexicon.Union("pronouns-first-singular", "pronouns-first-plural", "pronouns-second")
)

// seamTags returns tags with the names the tagger ran together at a seam set
// apart, and without the addresses it took into a name: a URL, an e-mail
// address or a file's name (see tokenize.IsAddress) is never part of one,
// and a tag that is only an address is dropped; nor is "vs" between two
// sides' names. Where a signature meets the next message's greeting
// ("Thanks, Debra Perlingiere Tammi, Attached is ...") or names are listed
// without commas ("Coach: Lisa Gilette Kristen Quinn"), nothing but capitals
// separates them. A person's span is cut before a given name that repeats
// the word before it ("Phillip Phillip"; an initial may repeat: "J. J.
// Thompson") or that starts a name of two words (outside edited prose, or in
// a label's list after a colon) or a greeting (a given name set off by a
// comma or colon before "I", "you", "we" or a word that opens a message),
// where it follows a surname or the words before it are a person's name the
// text writes apart elsewhere ("Scott Neal and Tom Martin … Attendees: Tom
// Martin Scott Neal"; a name of one word only before a greeting); and a word
// that opens a message ("Here", "Attached") is cut off the end of a person's
// or organization's span, and a greeting off its start ("HI KAREN"). A
// person's span ends before a dash that stands alone ("Brandon Luna -
// Analyst"). Where the text's capitals say nothing, every word but a
// particle or a small word counts as capitalized here (see nameCased).
func (g *grouper) seamTags(tags []ner.Mention) []ner.Mention {
	var out []ner.Mention // nil while no tag has changed
	var pieces []ner.Mention
	x := &tagIndex{g: g, tags: tags}
	for i, m := range tags {
		pieces = g.seams(m, x, pieces[:0])
		if out == nil && len(pieces) == 1 && pieces[0] == m {
			continue
		}
		if out == nil {
			out = slices.Clip(slices.Clone(tags[:i]))
		}
		out = append(out, pieces...)
	}
	if out == nil {
		return tags
	}
	return out
}

// seams appends to buf the pieces of tag m, one of x's tags (see seamTags):
// m itself when it has no seam.
func (g *grouper) seams(m ner.Mention, x *tagIndex, buf []ner.Mention) []ner.Mention {
	first, last := m.First, m.Last
	if first < 0 || last > len(g.toks) {
		return append(buf, m)
	}
	for k := first; k < last; k++ {
		t := g.toks[k].Text
		inside := g.unmatchedBracket(k, first, last) || g.commonWordInside(k, first, last)
		if tokenize.IsAddress(t) || inside || t != "" && t[0] == 'v' && versus[t] && k > first && k+1 < last &&
			isCapitalized(g.toks[k-1].Text) && isCapitalized(g.toks[k+1].Text) {
			// "Wilms lotte.wilms@kb.nl National Library": an address is no
			// part of a name, and it parts the names around it; so do "vs"
			// between capitalized words ("Costco vs Discount Tire"), a
			// bracket without its pair ("Professional Golf Association)
			// and LPGA") and an ordinary word in lower case ("Roman
			// historian Tacitus"), whose pieces lose their words in lower
			// case at their edges.
			for _, p := range [2][2]int{{first, k}, {k + 1, last}} {
				if inside {
					p[0], p[1] = g.trimLower(p[0], p[1])
				}
				if p[0] < p[1] {
					buf = g.seams(ner.Mention{First: p[0], Last: p[1], Label: m.Label, Confidence: m.Confidence}, x, buf)
				}
			}
			return buf
		}
	}
	if last-first < 2 || m.Label != ner.PER && m.Label != ner.ORG {
		return append(buf, m)
	}
	if first, last = g.withoutOpeners(first, last); first == last {
		return buf // "Hi Thanks": greetings only, no name
	}
	for k := first + 1; k < last && m.Label == ner.PER; k++ {
		if isDash(g.toks[k].Text) {
			last = k // a list's "Brandon Luna - Analyst": no name has a dash of its own
		}
	}
	listed := !g.edited() || first > 0 && g.toks[first-1].Text == ":"
	for k := first + 1; k < last && m.Label == ner.PER; k++ {
		if g.seamAt(x, first, k, last, listed) {
			buf = append(buf, ner.Mention{First: first, Last: k, Label: m.Label, Confidence: m.Confidence})
			first = k
		}
	}
	return g.appendLastPiece(buf, m, first, last)
}

// appendLastPiece appends to buf the last piece toks[first:last] of tag m,
// with the employer a signature runs into a person's name set apart (see
// employerAfter).
func (g *grouper) appendLastPiece(buf []ner.Mention, m ner.Mention, first, last int) []ner.Mention {
	if m.Label == ner.PER && !g.caseless() {
		if k := g.employerAfter(m.First, first, last); k < last {
			if k > first {
				buf = append(buf, ner.Mention{First: first, Last: k, Label: ner.PER, Confidence: m.Confidence})
			}
			return append(buf, ner.Mention{First: k, Last: last, Label: ner.ORG, Confidence: m.Confidence})
		}
	}
	return append(buf, ner.Mention{First: first, Last: last, Label: m.Label, Confidence: m.Confidence})
}

// employerAfter returns where a company's name starts that a signature runs
// into the person's name before it, within the last piece toks[first:last]
// of a person's span that starts at start ("Kevin A. Boone Accenture --
// Houston Consultant", "Kevin A. Boone [Wells Fargo]" after a seam): its
// last word or two, a name the lists know only as a company's (see
// grouper.listedCompany), after at least two words of the span that do not
// end in an initial. Else it returns last. Where capitals say nothing, the
// words of a title are as often on the lists ("L'ESTOIRE DE LA GUERRE
// SAINTE"), so the caller asks only where they do.
func (g *grouper) employerAfter(start, first, last int) int {
	for k := max(last-2, first); k < last; k++ {
		if k-start >= 2 && (k-first >= 2 || k == first) && !isInitial(g.norm(k-1)) && g.listedCompany(k, last) {
			return k
		}
	}
	return last
}

// withoutOpeners returns the span toks[first:last] without a word that
// opens a message at either end: "Sean [Here] you go", "[HI] KAREN" (a
// greeting opens no name either, where it opens a sentence or follows
// punctuation; inside one it may: "loves Hello Kitty").
func (g *grouper) withoutOpeners(first, last int) (int, int) {
	if g.nameCased(first) && messageOpeners[g.norm(first)] && (g.opensSentence(first) || first > 0 && !hasWordRune(g.toks[first-1].Text)) {
		first++
	}
	if g.nameCased(last-1) && messageOpeners[g.norm(last-1)] {
		last--
	}
	return first, last
}

// unmatchedBracket reports whether token k of the span toks[first:last] is
// a round or square bracket whose pair is not in the span.
func (g *grouper) unmatchedBracket(k, first, last int) bool {
	var pair string
	var rest []tokenize.Token
	switch g.toks[k].Text {
	case "(":
		pair, rest = ")", g.toks[k+1:last]
	case "[":
		pair, rest = "]", g.toks[k+1:last]
	case ")":
		pair, rest = "(", g.toks[first:k]
	case "]":
		pair, rest = "[", g.toks[first:k]
	default:
		return false
	}
	return !slices.ContainsFunc(rest, func(x tokenize.Token) bool { return x.Text == pair })
}

// minCommonWordInside is the length in bytes of the shortest ordinary word
// that parts a name: shorter ones are as often particles of other
// languages' names ("Simon bar Kochba", "Bergen op Zoom", "Alcácer do Sal").
const minCommonWordInside = 4

// commonWordInside reports whether token k, inside the capitalized span
// toks[first:last] of text with capitals, is an ordinary word in lower case
// (the dictionary lists it so only) that no name holds: not a preposition,
// an article, a conjunction or a particle ("Tasmanian capital Hobart",
// "Ugaritic hero Aqht", "Ames metropolitan area"; not "Bank of America",
// "Dar es Salaam").
func (g *grouper) commonWordInside(k, first, last int) bool {
	t := g.toks[k].Text
	return k > first && k < last-1 && len(t) >= minCommonWordInside && isLowerWord(t) && isCapitalized(g.toks[first].Text) &&
		lexicon.LowerOnly(t) && !nameParticles[t] && !isSmallWord(t) && !g.caseless()
}

// trimLower returns the span toks[first:last] without the tokens at its
// edges that open with neither a capital nor a digit.
func (g *grouper) trimLower(first, last int) (int, int) {
	nameLike := func(i int) bool {
		t := g.toks[i].Text
		return isCapitalized(t) || t != "" && '0' <= t[0] && t[0] <= '9'
	}
	for first < last && !nameLike(first) {
		first++
	}
	for last > first && !nameLike(last-1) {
		last--
	}
	return first, last
}

// seamAt reports whether a new person's name starts at token k of the
// person's span toks[start:last], one of x's tags; listed tells whether the
// span may be a list of names run together (see seams).
func (g *grouper) seamAt(x *tagIndex, start, k, last int, listed bool) bool {
	t, prev := g.toks[k].Text, g.toks[k-1].Text
	switch {
	case !g.nameCased(k):
		return false
	case t == prev && !isInitial(strings.TrimSuffix(t, ".")):
		return true // "Phillip Phillip", "Traci Traci Warner"; not "J. J. Thompson"
	case !g.givenName(k) || !g.nameCased(k-1) || isInitial(strings.TrimSuffix(prev, ".")) || g.isTitleAt(k-1) ||
		isAllCaps(t) && isAllCaps(prev):
		// "John F. Kennedy", "Prime Minister Boris Johnson"; in capitals,
		// "JOOST VAN DER WESTHUIZEN" tells nothing.
		return false
	case g.writtenApart(x, start, k):
		// "Tom Martin" written alone elsewhere: "Tom Martin Scott Neal".
		// A name of one word only before a greeting that opens a message:
		// a text may write "Martin" alone and "Martin Luther King" whole,
		// or "Nathan" alone and "Nathan Spencer, I offer you help".
		if k-start < 2 {
			return last-k == 1 && g.greeting(last) && messageOpeners[g.norm(last+1)]
		}
		if last-k == 1 {
			return g.greeting(last) // "Debra Perlingiere Jill: As discussed"
		}
	case k-start < 2 || g.givenName(k-1) && !isInitial(strings.TrimSuffix(g.toks[k-2].Text, ".")):
		// "Sarah Jessica Parker", "Kristin Scott Thomas"; after an initial
		// a word is a surname, whatever the name lists say ("Marlene D.
		// Hilliard Ginny, Please").
		return false
	}
	if last-k >= 2 {
		// "Coach: Lisa Gilette Kristen Quinn": lists and mail run names
		// together; edited prose writes one person's long name so ("Hugo
		// Alvar Henrik Aalto"), but for a label's list after a colon.
		return listed && g.nameCased(k+1)
	}
	// A given name alone: a greeting ("Debra Perlingiere Priscilla, I do").
	return g.greeting(last) && (messageOpeners[g.norm(last+1)] || greetedWith[g.norm(last+1)])
}

// greeting reports whether the name that ends before token last is set off
// by a comma or colon before a capitalized word, as a greeting is.
func (g *grouper) greeting(last int) bool {
	return last+1 < len(g.toks) && (g.toks[last].Text == "," || g.toks[last].Text == ":") && g.nameCased(last+1)
}

// nameCased reports whether token i is written as a name's word may be:
// capitalized, or, where the text's capitals say nothing, any word but a
// particle or a small word ("debra perlingiere jill: as discussed"; not
// "el" of "grupo de acción por el biobío").
func (g *grouper) nameCased(i int) bool {
	t := g.toks[i].Text
	return isCapitalized(t) || g.caseless() && isWord(t) && !nameParticles[g.norm(i)] && !g.smallWord(i)
}

// writtenApart reports whether a person's tag among x's has the words of
// toks[first:last] and no others: the text writes the name apart.
func (g *grouper) writtenApart(x *tagIndex, first, last int) bool {
	if x.people == nil {
		x.people = map[string]bool{}
		for _, m := range x.tags {
			if m.Label == ner.PER && m.First >= 0 && m.Last <= len(g.toks) {
				x.people[g.joinNorm(m.First, m.Last)] = true
			}
		}
	}
	return x.people[g.joinNorm(first, last)]
}

// givenName reports whether token i is a first name the name lists know.
func (g *grouper) givenName(i int) bool {
	return lexicon.NameGender(g.norm(i)) != lexicon.UnknownGender
}

// maxDisplayNameWords is how many words a display name has on either side
// of its comma: "Hodge, Jeffrey T.".
const maxDisplayNameWords = 3

// displayNameTags returns tags with a person's name that an e-mail's
// display name writes surname first, in quotes ("Lenhart, Matthew"
// <mlenhart@…>), made one person's tag: one to three capitalized words,
// a comma and one to three more, between quotes, all tagged as people's
// ("Richard Diamond, Private Detective", a title, is not one).
func (g *grouper) displayNameTags(tags []ner.Mention) []ner.Mention {
	var out []ner.Mention // nil while no tag has changed
	for i := 0; i < len(tags); i++ {
		m := tags[i]
		comma, end, ok := g.displayNameAt(m.First)
		j, covered := i, m.First
		for ok && j < len(tags) && tags[j].First < end {
			t := tags[j]
			ok = t.Last <= end && t.Label == ner.PER && (t.First == covered || t.First == comma+1 && covered == comma)
			covered = t.Last
			m.Confidence = max(m.Confidence, t.Confidence)
			j++
		}
		if !ok || covered != end || j == i+1 { // one tag over it all has nothing to join
			if out != nil {
				out = append(out, tags[i])
			}
			continue
		}
		if out == nil {
			out = slices.Clone(tags[:i])
		}
		out = append(out, ner.Mention{First: m.First, Last: end, Label: ner.PER, Confidence: m.Confidence})
		i = j - 1
	}
	if out == nil {
		return tags
	}
	return out
}

// displayNameAt returns where the comma and the closing quote of a display
// name written surname first that starts at token first are.
func (g *grouper) displayNameAt(first int) (comma, end int, ok bool) {
	if first < 1 || first >= len(g.toks) || !isDoubleQuote(g.toks[first-1].Text) || g.gapAfter(first-1) != "" {
		// Quotes hug what they enclose: `"Okke" Virtanen, Rasmus "rasco"`
		// has none around "Virtanen, Rasmus".
		return 0, 0, false
	}
	comma = -1
	for k := first; k < len(g.toks) && k <= first+2*maxDisplayNameWords+1; k++ {
		t := g.toks[k].Text
		switch {
		case t == "," && comma < 0 && k > first:
			comma = k
		case isDoubleQuote(t):
			return comma, k, comma > 0 && k > comma+1 && comma-first <= maxDisplayNameWords && k-comma-1 <= maxDisplayNameWords &&
				g.gapAfter(k-1) == ""
		case !isCapitalized(t):
			return 0, 0, false
		}
	}
	return 0, 0, false
}
