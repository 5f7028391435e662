package mention

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/ner"
)

// datelineDateTokens is how many tokens may stand between a dateline's
// comma and its agency or dash: a region or a date ("NEW YORK, Jan. 5,
// 2025 /PRNewswire/ --").
const datelineDateTokens = 7

// datelineParagraphs is how many paragraphs from the top of a document may
// start with a dateline (a headline and a byline may come first).
const datelineParagraphs = 3

// datelineTags returns tags with the names of each dateline settled: a
// paragraph near the top that starts with up to four words in capitals and
// then a comma, a bracket or a dash ("LONDON (Reuters) -", "NEW DELHI, March
// 3 (AP) —", "HOLMFIRTH, West Yorkshire -"), press releases' included ("NEW
// YORK, Jan. 5, 2025 /PRNewswire/ --", "BOSTON--(BUSINESS WIRE)--"). The
// words in capitals and the region after the comma are places, the agency
// in brackets or slashes an organization: a tag of the same words takes
// that type, tags inside them give way, and where the tagger found nothing
// a name is added. The places' tokens are kept in g.datelines.
func (g *grouper) datelineTags(tags []ner.Mention) []ner.Mention {
	cloned := false
	settle := func(first, last int, l ner.Label) {
		if !cloned {
			tags, cloned = slices.Clone(tags), true
		}
		tags = setLabel(tags, first, last, l)
	}
	for si, s := range g.sents {
		if s.Paragraph >= datelineParagraphs {
			break
		}
		if si > 0 && g.sents[si-1].Paragraph == s.Paragraph {
			continue // not the paragraph's first sentence
		}
		first, last := s.First, s.First
		for last < s.Last && last-first < 4 && isAllCaps(g.toks[last].Text) {
			last++
		}
		if last == first || last >= s.Last || !g.datelineEnd(last, s.Last) {
			continue
		}
		settle(first, last, ner.LOC)
		g.datelines = append(g.datelines, [2]int{first, last})
		k := last
		if g.text1(k) == "," {
			// "HOLMFIRTH, West Yorkshire -", but not "NEW DELHI, March 3 (AP) —".
			k++
			r := k
			for r < s.Last && r-k < 4 && isCapitalized(g.toks[r].Text) && hasWordRune(g.toks[r].Text) && !months[g.norm(r)] {
				r++
			}
			if r > k && (isDash(g.text1(r)) || g.agencyDash(r)) {
				settle(k, r, ner.LOC)
				g.datelines = append(g.datelines, [2]int{k, r})
			}
			for k < s.Last && k <= last+datelineDateTokens && !isDash(g.text1(k)) && !g.agencyDash(k) {
				k++
			}
		}
		if isDash(g.text1(k)) && g.agencyDash(k+1) {
			k++ // "BOSTON--(BUSINESS WIRE)--"
		}
		if end, ok := g.agency(k); ok {
			settle(k+1, end, ner.ORG) // "(AP)", "/PRNewswire/"
		}
	}
	return tags
}

// months, and their abbreviations, start the date of a dateline.
var months = set(`jan january feb february mar march apr april may jun june jul july aug august sep sept
	september oct october nov november dec december`)

// setLabel returns tags where toks[first:last] is one mention of label l:
// a tag of those tokens takes l, tags inside them are dropped, and if none
// was there one is added. A tag that crosses their edges leaves tags as
// they are.
func setLabel(tags []ner.Mention, first, last int, l ner.Label) []ner.Mention {
	conf := cueConfidence
	for _, m := range tags {
		switch {
		case m.Last <= first || m.First >= last:
		case m.First >= first && m.Last <= last:
			conf = max(conf, m.Confidence, weakConfidence) // the tagger saw a name here
		default:
			return tags // a tag crosses an edge
		}
	}
	out := tags[:0]
	for _, m := range tags {
		if m.Last <= first || m.First >= last {
			out = append(out, m)
		}
	}
	return append(out, ner.Mention{First: first, Last: last, Label: l, Confidence: conf})
}

// datelineEnd reports whether the words from token i, in a sentence that
// ends at token end, end a dateline after its place: an agency in brackets
// and a dash ("TOKYO (Reuters) -"), a dash before a sentence ("WASHINGTON —
// The Senate voted..."), or a comma and a few words before either
// ("LIVERPOOL, England - Mohamed Salah scored...", "GENEVA, Oct 12 (Reuters)
// -", "NEW YORK, Jan. 5, 2025 /PRNewswire/ --"). A dash before a headline
// does not: "CRICKET - 1997 ASHES INTINERARY", "PRESS DIGEST - Tunisia - Aug
// 31" are topics.
func (g *grouper) datelineEnd(i, end int) bool {
	switch {
	case g.agencyDash(i), g.proseDash(i, end):
		return true
	case g.text1(i) == ",":
		for k := i + 1; k <= i+datelineDateTokens && k < end; k++ {
			if g.agencyDash(k) || g.proseDash(k, end) {
				return true
			}
		}
	}
	return false
}

// proseDash reports whether token i is a dash followed, before token end, by
// at least three lower-case words: a sentence rather than a headline.
func (g *grouper) proseDash(i, end int) bool {
	if !isDash(g.text1(i)) {
		return false
	}
	lower := 0
	for k := i + 1; k < end && lower < 3; k++ {
		if r, _ := utf8.DecodeRuneInString(g.toks[k].Text); unicode.IsLower(r) {
			lower++
		}
	}
	return lower >= 3
}

func isDash(t string) bool { return t == "—" || t == "–" || t == "-" || t == "--" }

// maxAgencyWords is the most words a wire's name in a dateline has: "(GLOBE
// NEWSWIRE)".
const maxAgencyWords = 3

// agencyDash reports whether tokens from i are a wire's name between
// brackets or slashes and a dash: "(Reuters) -", "(GLOBE NEWSWIRE) --",
// "/PRNewswire/ --".
func (g *grouper) agencyDash(i int) bool {
	_, ok := g.agency(i)
	return ok
}

// agency returns the end of the wire's name that starts at token i+1 when
// tokens from i are an agencyDash.
func (g *grouper) agency(i int) (int, bool) {
	var closing string
	switch g.text1(i) {
	case "(":
		closing = ")"
	case "/":
		closing = "/"
	default:
		return 0, false
	}
	k := i + 1
	for k-i <= maxAgencyWords && isCapitalized(g.text1(k)) {
		k++
	}
	if k == i+1 || g.text1(k) != closing || !isDash(g.text1(k+1)) {
		return 0, false
	}
	return k, true
}

// inDateline reports whether toks[first:last] lie in the place of a dateline.
func (g *grouper) inDateline(first, last int) bool { return within(g.datelines, first, last) }

// within reports whether toks[first:last] lie inside one of spans, each
// [first, last) of tokens.
func within(spans [][2]int, first, last int) bool {
	for _, s := range spans {
		if first >= s[0] && last <= s[1] {
			return true
		}
	}
	return false
}
