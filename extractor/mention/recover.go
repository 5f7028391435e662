package mention

import (
	"strings"

	"github.com/entityextraction/extractd/extractor/ner"
)

// trie holds names as sequences of token texts. Node 0 is the root.
type trie struct {
	edges map[trieEdge]int32
	nodes []trieNode
}

// trieEdge leads from a node by a token's text.
type trieEdge struct {
	from int32
	tok  string
}

// trieNode is where a name may end.
type trieNode struct {
	group    int     // the group whose name ends here; noGroup, or conflictGroup for two groups
	conf     float64 // the best confidence of a mention of the name
	checked  bool    // recoverable has been asked about the name that ends here
	rejected bool    // and said no
}

const (
	noGroup       = -1
	conflictGroup = -2
)

// child returns the node reached from n by tok, adding it if needed.
func (t *trie) child(n int32, tok string) int32 {
	if c, ok := t.edges[trieEdge{n, tok}]; ok {
		return c
	}
	c := int32(len(t.nodes))
	t.nodes = append(t.nodes, trieNode{group: noGroup})
	t.edges[trieEdge{n, tok}] = c
	return c
}

// recover adds the mentions the tagger missed: the exact tokens of a name
// that is tagged elsewhere in the text, or the surname of a person whose full
// name is tagged. See [Group] for the checks.
func (g *grouper) recover(groups []group, byRoot []int) {
	t := &trie{edges: map[trieEdge]int32{}, nodes: []trieNode{{group: noGroup}}}
	for gi := range groups {
		gr := &groups[gi]
		if gr.label == ner.MISC || gr.label == 0 {
			continue
		}
		best := g.maxConfidence(gr.items, gr.label)
		for _, i := range gr.items {
			it := g.items[i]
			// A form the tagger was unsure of still counts when it is linked
			// to a name it was sure of: "ECB" (0.45) of the "European
			// Central Bank (ECB)" (1.0) is looked for at 0.725.
			conf := max(it.conf, (it.conf+best)/2)
			if conf < minRecoverConfidence {
				continue
			}
			g.addForm(t, it.first, it.last, gi, conf)
			if toks := g.clusters[it.cluster].toks; gr.label == ner.PER && len(toks) > 1 && epithetAt(toks) == len(toks) {
				// A person's surname alone: "Navalny" for "Aleksei Navalny".
				g.addForm(t, it.last-1, it.last, gi, conf*recoveredFactor)
			}
		}
	}
	if len(t.edges) == 0 {
		return
	}
	for _, s := range g.sents {
		for i := s.First; i < s.Last; i++ {
			if g.ck.Tick() != nil {
				return
			}
			if g.occupied[i] || !isCapitalized(g.toks[i].Text) {
				continue // every form starts with a capital
			}
			n, end := int32(0), -1
			var found trieNode
			for j := i; j < s.Last && !g.occupied[j]; j++ {
				var ok bool
				if n, ok = t.edges[trieEdge{n, g.toks[j].Text}]; !ok {
					break
				}
				if t.nodes[n].group >= 0 {
					found, end = t.nodes[n], j+1
				}
			}
			if end < 0 || !g.recoverAt(i, end, s.First, s.Last) {
				continue
			}
			for j := i; j < end; j++ {
				g.occupied[j] = true
			}
			// The item joins the group's root cluster directly: its own
			// name's cluster may belong to a group that is dropped (MISC).
			_, words := g.name(i, end)
			g.items = append(g.items, item{first: i, last: end, tagFirst: i, words: len(words),
				label: groups[found.group].label, conf: found.conf * recoveredFactor, cluster: groups[found.group].root})
			i = end - 1
		}
	}
}

// addForm adds the name toks[first:last] of group gi to the trie, if it may
// be recovered.
func (g *grouper) addForm(t *trie, first, last, gi int, conf float64) {
	var c int32
	for i := first; i < last; i++ {
		c = t.child(c, g.toks[i].Text)
	}
	n := &t.nodes[c]
	if !n.checked {
		// Names repeat: check each form once.
		n.checked = true
		n.rejected = !g.recoverable(first, last)
	}
	if n.rejected {
		return
	}
	switch n.group {
	case noGroup:
		n.group = gi
	case gi:
	default:
		n.group = conflictGroup
	}
	n.conf = max(n.conf, conf)
}

// recoverable reports whether the name toks[first:last] may be looked for
// elsewhere: it starts with a capital, and a one-word name is not an
// ordinary word, a title or an initial.
func (g *grouper) recoverable(first, last int) bool {
	t := g.toks[first].Text
	if !isCapitalized(t) {
		return false
	}
	if last-first > 1 {
		return true
	}
	n := g.norm(first)
	// A plural demonym ("Azeris", "Russians") is a group of people, whatever
	// the tagger made of it once.
	return isNameWord(n) && !commonWords[n] && !roleHeads[n] && !demonyms[strings.TrimSuffix(n, "s")]
}

// recoverAt reports whether the match toks[i:end] in the sentence
// toks[first:last] stands on its own: no capitalized word directly before
// (other than a title or the sentence's first word) or after, as it would be
// part of a longer name, unless it is a title ("ECB President"), and a
// one-word name does not occur in lower case.
func (g *grouper) recoverAt(i, end, first, last int) bool {
	if end-i == 1 && g.lower[g.norm(i)] {
		return false
	}
	if i > first {
		p := g.toks[i-1].Text
		if hasWordRune(p) && isCapitalized(p) && !g.isTitleAt(i-1) && !roleHeads[g.norm(i-1)] && !g.sentenceStart(i-1, first) {
			return false
		}
	}
	if end < last {
		nx := g.toks[end].Text
		if hasWordRune(nx) && isCapitalized(nx) && !g.isTitleAt(end) && !roleHeads[g.norm(end)] {
			return false // "ECB President" is fine, "Moscow Center" is not
		}
	}
	return true
}

// sentenceStart reports whether token i is the first word of the sentence
// that starts at token first (after any opening quotes or brackets).
func (g *grouper) sentenceStart(i, first int) bool {
	for j := first; j < i; j++ {
		if hasWordRune(g.toks[j].Text) {
			return false
		}
	}
	return true
}
