package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/entityextraction/extractd/cmd/internal/unlabeled"
)

// purityPrefixes are the path prefix lengths that purity is reported for;
// 0 stands for the whole path (the leaf cluster).
var purityPrefixes = []int{4, 6, 10, 0}

// purityStats summarises how the clusters fit the entity labels of a CoNLL
// file: how many tokens and entity tokens have a cluster, and how often the
// most common entity type of a cluster is a token's own type.
type purityStats struct {
	tokens, covered             int
	entityTokens, entityCovered int
	// majority[i] counts the covered tokens whose type (PER, LOC, ORG, MISC
	// or O) is the most common type of their cluster at purityPrefixes[i].
	majority []int
}

// measurePurity reads a CoNLL file (word first, entity tag last; IOB1 or
// IOB2) and measures the clusters of entries against its entity types.
func measurePurity(r io.Reader, entries []entry) (purityStats, error) {
	path := make(map[string]string, len(entries))
	for _, e := range entries {
		path[e.word] = e.path
	}
	type tok struct{ path, typ string }
	var toks []tok
	st := purityStats{majority: make([]int, len(purityPrefixes))}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), unlabeled.MaxLine)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || f[0] == "-DOCSTART-" {
			continue
		}
		typ := f[len(f)-1]
		if k := strings.IndexByte(typ, '-'); k >= 0 {
			typ = typ[k+1:]
		}
		st.tokens++
		if typ != "O" {
			st.entityTokens++
		}
		p, ok := path[f[0]]
		if !ok {
			continue
		}
		st.covered++
		if typ != "O" {
			st.entityCovered++
		}
		toks = append(toks, tok{p, typ})
	}
	if err := sc.Err(); err != nil {
		return st, err
	}
	for i, n := range purityPrefixes {
		counts := make(map[string]map[string]int)
		for _, t := range toks {
			key := t.path
			if n > 0 && len(key) > n {
				key = key[:n]
			}
			if counts[key] == nil {
				counts[key] = make(map[string]int)
			}
			counts[key][t.typ]++
		}
		for _, byType := range counts {
			best := 0
			for _, k := range byType {
				best = max(best, k)
			}
			st.majority[i] += best
		}
	}
	return st, nil
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func (st purityStats) print(w io.Writer) {
	fmt.Fprintf(w, "coverage: %.1f%% of %d tokens, %.1f%% of %d entity tokens\n",
		pct(st.covered, st.tokens), st.tokens, pct(st.entityCovered, st.entityTokens), st.entityTokens)
	for i, n := range purityPrefixes {
		name := fmt.Sprintf("prefix %d", n)
		if n == 0 {
			name = "leaf"
		}
		fmt.Fprintf(w, "type purity (%s): %.1f%% of covered tokens have their cluster's majority type\n", name, pct(st.majority[i], st.covered))
	}
}
