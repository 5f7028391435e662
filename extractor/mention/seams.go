package mention

import (
	"slices"
	"strings"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

var (
	messageOpeners = lexicon.Set("message-openers")
	greetedWith    = lexicon.Union("pronouns-first-singular", "pronouns-first-plural", "pronouns-second")
)

// seamTags returns tags with the names the tagger ran together at a seam
// set apart, and without the addresses it took into a name: a URL, an
// e-mail address or a file's name (see tokenize.IsAddress) is never part
// of one, and a tag that is only an address is dropped. Where a signature
// meets the next message's greeting ("Thanks, Debra Perlingiere Tammi,
// Attached is ...") or names are listed without
// commas ("Coach: Lisa Gilette Kristen Quinn"), nothing but capitals
// separates them. A person's span is cut before a given name that repeats
// the word before it ("Phillip Phillip") or that follows a surname and
// starts a name of two words or a greeting (a given name set off by a comma
// or colon before "I", "you", "we" or a word that opens a message); and a
// word that opens a message ("Here", "Attached") is cut off the end of a
// person's or organization's span. A person's span ends before a dash that
// stands alone ("Brandon Luna - Analyst").
func (g *grouper) seamTags(tags []ner.Mention) []ner.Mention {
	var out []ner.Mention // nil while no tag has changed
	var pieces []ner.Mention
	for i, m := range tags {
		pieces = g.seams(m, pieces[:0])
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

// seams appends to buf the pieces of tag m (see seamTags): m itself when it
// has no seam.
func (g *grouper) seams(m ner.Mention, buf []ner.Mention) []ner.Mention {
	first, last := m.First, m.Last
	if first < 0 || last > len(g.toks) {
		return append(buf, m)
	}
	for k := first; k < last; k++ {
		if tokenize.IsAddress(g.toks[k].Text) {
			// "Wilms lotte.wilms@kb.nl National Library": an address is no
			// part of a name, and it parts the names around it.
			if k > first {
				buf = g.seams(ner.Mention{First: first, Last: k, Label: m.Label, Confidence: m.Confidence}, buf)
			}
			if k+1 < last {
				buf = g.seams(ner.Mention{First: k + 1, Last: last, Label: m.Label, Confidence: m.Confidence}, buf)
			}
			return buf
		}
	}
	if last-first < 2 || m.Label != ner.PER && m.Label != ner.ORG {
		return append(buf, m)
	}
	if isCapitalized(g.toks[last-1].Text) && messageOpeners[g.norm(last-1)] {
		last--
	}
	for k := first + 1; k < last && m.Label == ner.PER; k++ {
		if isDash(g.toks[k].Text) {
			last = k // a list's "Brandon Luna - Analyst": no name has a dash of its own
		}
	}
	for k := first + 1; k < last && m.Label == ner.PER; k++ {
		if g.seamAt(first, k, last) {
			buf = append(buf, ner.Mention{First: first, Last: k, Label: m.Label, Confidence: m.Confidence})
			first = k
		}
	}
	return append(buf, ner.Mention{First: first, Last: last, Label: m.Label, Confidence: m.Confidence})
}

// seamAt reports whether a new person's name starts at token k of the
// person's span toks[start:last].
func (g *grouper) seamAt(start, k, last int) bool {
	t, prev := g.toks[k].Text, g.toks[k-1].Text
	switch {
	case !isCapitalized(t):
		return false
	case t == prev:
		return true // "Phillip Phillip", "Traci Traci Warner"
	case k-start < 2 || !g.givenName(k) || g.givenName(k-1) || !isCapitalized(prev) || isInitial(strings.TrimSuffix(prev, ".")) ||
		g.isTitleAt(k-1) || isAllCaps(t) && isAllCaps(prev):
		// "Sarah Jessica Parker", "Kristin Scott Thomas", "John F. Kennedy",
		// "Prime Minister Boris Johnson"; in capitals, "JOOST VAN DER
		// WESTHUIZEN" tells nothing.
		return false
	case last-k >= 2:
		return isCapitalized(g.toks[k+1].Text) // "Lisa Gilette Kristen Quinn"
	}
	// A given name alone: a greeting ("Debra Perlingiere Priscilla, I do").
	if last+1 >= len(g.toks) || g.toks[last].Text != "," && g.toks[last].Text != ":" {
		return false
	}
	next := g.norm(last + 1)
	return isCapitalized(g.toks[last+1].Text) && (messageOpeners[next] || greetedWith[next])
}

// givenName reports whether token i is a first name the name lists know.
func (g *grouper) givenName(i int) bool {
	return lexicon.NameGender(g.norm(i)) != lexicon.UnknownGender
}
