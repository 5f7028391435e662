package dictionary

import (
	"slices"

	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Match is a span of the text that an entry of a dictionary matches.
type Match struct {
	First, Last int // token indices, half-open
	Start, End  int // byte offsets of the span, half-open
	Dict        *Dictionary
	Entry       int  // the entry's index in Dict
	Pattern     bool // a pattern matched, not a phrase
}

// Find returns the matches of the dictionaries in the tokens of text, in
// text order, none overlapping another. Nil dictionaries are skipped.
//
// At each token every dictionary proposes its longest match starting there;
// a phrase beats a pattern of the same length, and an earlier dictionary in
// dicts beats a later one. Of overlapping proposals the longest (in tokens)
// wins, then the leftmost. The work is linear in the number of tokens: each
// phrase lookup walks the trie at most [MaxPhraseTokens] tokens (and no
// further than the longest phrase), and each pattern looks at most
// [MaxPatternSlots] tokens ahead.
func Find(text string, toks []tokenize.Token, dicts ...*Dictionary) []Match {
	var cands []Match
	var ts *tokens
	var u *textUnits
	for _, d := range dicts {
		if d == nil || len(toks) == 0 {
			continue
		}
		if len(d.labels) > 0 {
			if u == nil {
				u = newTextUnits(toks)
			}
			cands = d.findPhrases(u, toks, cands)
		}
		if len(d.patterns) > 0 {
			if ts == nil {
				ts = &tokens{toks: toks}
			}
			cands = d.findPatterns(ts, cands)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// Longest first, then leftmost, then phrases, then in dictionary and
	// entry order (cands holds them in that order at each start).
	slices.SortStableFunc(cands, func(a, b Match) int {
		if la, lb := a.Last-a.First, b.Last-b.First; la != lb {
			return lb - la
		}
		if a.First != b.First {
			return a.First - b.First
		}
		return boolOrder(a.Pattern) - boolOrder(b.Pattern)
	})
	taken := make([]bool, len(toks))
	out := cands[:0:0]
	for _, m := range cands {
		free := true
		for i := m.First; i < m.Last; i++ {
			if taken[i] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for i := m.First; i < m.Last; i++ {
			taken[i] = true
		}
		m.Start, m.End = toks[m.First].Start, toks[m.Last-1].End
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Match) int { return a.First - b.First })
	return out
}

// textUnits are the units of a text's tokens (see appendUnits).
type textUnits struct {
	buf   []byte  // the units, each ended by a 0 byte
	ends  []int32 // ends[k] is where unit k's text ends in buf (before its 0)
	tok   []int32 // the token of each unit
	first []int32 // first[i] is token i's first unit; first[len(toks)] the number of units
}

func newTextUnits(toks []tokenize.Token) *textUnits {
	u := &textUnits{first: make([]int32, len(toks)+1)}
	n := 0
	for _, t := range toks {
		n += len(t.Text) + 1
	}
	u.buf = make([]byte, 0, n)
	u.ends = make([]int32, 0, len(toks)+len(toks)/8)
	u.tok = make([]int32, 0, len(toks)+len(toks)/8)
	for i, t := range toks {
		u.first[i] = int32(len(u.ends))
		start := len(u.buf)
		u.buf, _ = appendUnits(u.buf, t.Text, true)
		for j := start; j < len(u.buf); j++ {
			if u.buf[j] == 0 {
				u.ends = append(u.ends, int32(j))
				u.tok = append(u.tok, int32(i))
			}
		}
	}
	u.first[len(toks)] = int32(len(u.ends))
	return u
}

func (u *textUnits) text(k int) []byte {
	start := int32(0)
	if k > 0 {
		start = u.ends[k-1] + 1
	}
	return u.buf[start:u.ends[k]]
}

// child returns the child of node n for unit id, or 0.
func (d *Dictionary) child(n, id uint32) uint32 {
	if n == 0 {
		if int(id) < len(d.root) {
			return d.root[id]
		}
		return 0
	}
	lo, hi := d.edges[n], d.edges[n+1]
	for lo < hi {
		mid := (lo + hi) / 2
		switch l := d.labels[mid]; {
		case l == id:
			return mid + 1
		case l < id:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0
}

// findPhrases appends the longest phrase match at each token.
func (d *Dictionary) findPhrases(u *textUnits, toks []tokenize.Token, cands []Match) []Match {
	ids := make([]uint32, len(u.ends))
	for k := range ids {
		ids[k] = d.voc.lookup(u.text(k))
	}
	for i := range toks {
		node := uint32(0)
		bestEnd, bestEntry := -1, int32(-1)
		for k := int(u.first[i]); k < len(ids); k++ {
			if node = d.child(node, ids[k]); node == 0 {
				break
			}
			t := int(u.tok[k])
			if int(u.first[t+1]) != k+1 || d.outs[node] == 0 {
				continue // a match ends at the end of a token
			}
			if e := d.output(node, toks, i, t+1); e >= 0 {
				bestEnd, bestEntry = t+1, e
			}
		}
		if bestEnd > 0 {
			cands = append(cands, Match{First: i, Last: bestEnd, Dict: d, Entry: int(bestEntry)})
		}
	}
	return cands
}

// output returns the entry whose phrase ends at node and matches tokens
// [first, last), or -1: a case-sensitive phrase must match the text's case.
func (d *Dictionary) output(node uint32, toks []tokenize.Token, first, last int) int32 {
	o := d.outs[node]
	if o > 0 {
		return o - 1
	}
	var exact []byte
	for _, out := range d.multi[-o-1] {
		if out.exact == "" {
			return out.entry
		}
		if exact == nil {
			for _, t := range toks[first:last] {
				exact, _ = appendUnits(exact, t.Text, false)
			}
		}
		if string(exact) == out.exact {
			return out.entry
		}
	}
	return -1
}

// findPatterns appends the longest pattern match at each token.
func (d *Dictionary) findPatterns(ts *tokens, cands []Match) []Match {
	for i := range ts.toks {
		bestEnd, bestEntry := -1, int32(-1)
		for _, p := range d.patterns {
			if end := p.longest(ts, i); end > bestEnd {
				bestEnd, bestEntry = end, p.entry
			}
		}
		if bestEnd > i {
			cands = append(cands, Match{First: i, Last: bestEnd, Dict: d, Entry: int(bestEntry), Pattern: true})
		}
	}
	return cands
}
