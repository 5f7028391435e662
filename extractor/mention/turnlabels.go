package mention

import "github.com/entityextraction/extractd/extractor/ner"

// minTurnLabels is how many paragraphs a name and a colon must open for the
// name to be taken for a speaker's label.
const minTurnLabels = 2

// turnLabelTags returns tags with the names that label the turns of a
// transcript settled as people's: a name, after titles or honorifics if
// any ("MR. PAYNE:"), followed by a colon at the start of at least two
// paragraphs ("MARTINEZ: Well, it started at MIT."). Whatever type the
// tagger gave such a label (a surname in capitals is easily read as a
// place), the one who speaks is a person. A label that opens one paragraph
// only is left as it is: a team before its line-up ("Liverpool: James,
// Jones, ..."). The labels' tokens are kept in g.labels.
func (g *grouper) turnLabelTags(tags []ner.Mention) []ner.Mention {
	type label struct {
		m   ner.Mention
		key string
	}
	var labels []label
	count := map[string]int{}
	for _, m := range tags {
		if g.ck.Tick() != nil {
			return tags
		}
		if m.First < 0 || m.Last >= len(g.toks) || m.First >= m.Last || g.toks[m.Last].Text != ":" || !g.opensParagraph(m.First) {
			continue
		}
		key := g.labelKey(m)
		labels = append(labels, label{m, key})
		count[key]++
	}
	var out []ner.Mention
	for _, l := range labels {
		m := l.m
		if m.Label == ner.PER || count[l.key] < minTurnLabels {
			continue
		}
		if out == nil {
			out = append(make([]ner.Mention, 0, len(tags)), tags...)
		}
		out = setLabel(out, m.First, m.Last, ner.PER)
		g.labels = append(g.labels, [2]int{m.First, m.Last})
	}
	if out == nil {
		return tags
	}
	return out
}

// opensParagraph reports whether token i opens its paragraph, after titles
// and honorifics if any.
func (g *grouper) opensParagraph(i int) bool {
	k := g.titlesBefore(i)
	s := sentenceIndex(g.sents, k)
	return s < len(g.sents) && g.sents[s].First == k && (s == 0 || g.sents[s-1].Paragraph != g.sents[s].Paragraph)
}

// inTurnLabel reports whether toks[first:last] lie in a name that labels
// turns.
func (g *grouper) inTurnLabel(first, last int) bool { return within(g.labels, first, last) }

// labelKey returns the normalized words of tag m after titles and
// honorifics, joined by spaces.
func (g *grouper) labelKey(m ner.Mention) string {
	first := m.First
	for first < m.Last-1 && g.isTitleAt(first) {
		first++
	}
	return g.joinNorm(first, m.Last)
}
