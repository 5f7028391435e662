package mention

import (
	"slices"

	"github.com/entityextraction/extractd/extractor/ner"
)

// A list of places or organizations names things of one kind: "hubs at
// Charlotte, Philadelphia, Phoenix and Washington", "British Airways,
// Finnair, Iberia and Qantas". Where three names in four of a list of four
// or more are places, or organizations, a person's or a place's or an
// organization's name in it that the tagger was unsure of (below
// listOddConfidence) takes their type: "Charlotte" is no person there. A
// list of people is left as it is: it may hold bands and groups ("Talvin
// Singh, Badmarsh, Black Star Liner"), and a name the tagger could not
// place (MISC) is left too: in a list of systems "Unix" is no company.
const (
	minListNames      = 4
	listOddConfidence = 0.7
)

// listTags returns tags with the unsure odd names of lists of places or
// organizations retyped (see minListNames).
func (g *grouper) listTags(tags []ner.Mention) []ner.Mention {
	if len(tags) < minListNames {
		return tags
	}
	order := make([]int, len(tags))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return tags[a].First - tags[b].First })
	var out []ner.Mention
	for i := 0; i < len(order); {
		j := i + 1
		for j < len(order) && g.listGap(tags[order[j-1]], tags[order[j]]) {
			j++
		}
		run := order[i:j]
		i = j
		if len(run) < minListNames {
			continue
		}
		var count [ner.MISC + 1]int
		for _, k := range run {
			if l := tags[k].Label; l <= ner.MISC {
				count[l]++
			}
		}
		major := ner.LOC
		if count[ner.ORG] > count[major] {
			major = ner.ORG
		}
		if count[major]*4 < 3*len(run) {
			continue
		}
		for _, k := range run {
			if m := tags[k]; m.Label != major && m.Label != ner.MISC && m.Confidence < listOddConfidence {
				if out == nil {
					out = slices.Clone(tags)
				}
				out[k].Label = major
			}
		}
	}
	if out == nil {
		return tags
	}
	return out
}

// listGap reports whether only a list's separator stands between tags a
// and b: a comma, a semicolon, "and", "or", "&", or a comma and "and" or
// "or".
func (g *grouper) listGap(a, b ner.Mention) bool {
	if a.Last > b.First || a.Last < 0 || b.First > len(g.toks) {
		return false
	}
	gap := g.toks[a.Last:b.First]
	switch len(gap) {
	case 1:
		switch gap[0].Text {
		case ",", ";", "and", "or", "&":
			return true
		}
	case 2:
		return gap[0].Text == "," && (gap[1].Text == "and" || gap[1].Text == "or")
	}
	return false
}
