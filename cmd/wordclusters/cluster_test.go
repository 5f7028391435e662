package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Word groups of the synthetic language: the words of a group are used in
// exactly the same contexts, so a good clustering puts each group together.
var groups = map[string][]string{
	"name": {"John", "Mary", "Peter", "Anna", "Paul", "Rita"},
	"verb": {"visited", "saw", "left", "loved", "reached"},
	"city": {"Paris", "London", "Berlin", "Madrid", "Rome", "Oslo"},
	"and":  {"and"},
	"in":   {"in"},
	"the":  {"the"},
	"noun": {"bridge", "museum", "palace", "harbour"},
	",":    {","},
	".":    {"."},
}

// syntheticCorpus generates n sentences of the synthetic language.
func syntheticCorpus(n int, seed uint64) *counter {
	rng := rand.New(rand.NewPCG(seed, 1))
	pick := func(g string) string { ws := groups[g]; return ws[rng.IntN(len(ws))] }
	c := newCounter()
	for range n {
		var s []string
		switch rng.IntN(4) {
		case 0:
			s = []string{pick("name"), pick("verb"), pick("city"), pick(".")}
		case 1:
			s = []string{pick("name"), pick("and"), pick("name"), pick("verb"), pick("the"), pick("noun"), pick(".")}
		case 2:
			s = []string{pick("in"), pick("city"), pick(","), pick("name"), pick("verb"), pick("the"), pick("noun"), pick(".")}
		default:
			s = []string{pick("the"), pick("noun"), pick("in"), pick("city"), pick("verb"), pick("name"), pick(".")}
		}
		c.addWords(s)
	}
	return c
}

func groupOf(word string) string {
	for g, ws := range groups {
		if slices.Contains(ws, word) {
			return g
		}
	}
	return ""
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func noLog(string, ...any) {}

func TestHierarchyKeepsGroupsUnderLongerPrefixes(t *testing.T) {
	t.Parallel()
	// With more classes than groups, groups are split over several leaves,
	// but no leaf may mix two groups and the leaves of one group must be
	// merged before any other group joins them: words of a group share a
	// longer prefix with each other than with any word of another group.
	// (With exactly one class per group, exchange clustering can stop in a
	// local optimum where one group fills two classes and two others share
	// one; that is why the clustering runs with more classes than the
	// number of groups it should find.)
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			checkPrefixes(t, seed)
		})
	}
}

func checkPrefixes(t *testing.T, seed uint64) {
	t.Helper()
	cp := syntheticCorpus(3000, seed).finish(1, 0)
	entries, err := cluster(cp, numSpecial+2*len(groups), 20, seed, noLog)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range entries {
		minSame, maxOther := math.MaxInt, -1
		for _, b := range entries {
			if a.word == b.word {
				continue
			}
			n := commonPrefix(a.path, b.path)
			if groupOf(a.word) == groupOf(b.word) {
				minSame = min(minSame, n)
			} else {
				maxOther = max(maxOther, n)
			}
		}
		if len(groups[groupOf(a.word)]) > 1 && minSame <= maxOther {
			t.Errorf("%s (%s): shortest common prefix within its group %d, longest with another group %d; want within > other",
				a.word, a.path, minSame, maxOther)
		}
	}
}

func TestClusterIsDeterministic(t *testing.T) {
	t.Parallel()
	cp := syntheticCorpus(500, 3).finish(1, 0)
	a, err := cluster(cp, numSpecial+5, 5, 42, noLog)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cluster(cp, numSpecial+5, 5, 42, noLog)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a, b) {
		t.Error("cluster with the same seed gave different results")
	}
}

// recount recomputes the class bigram counts from the word classes.
func recount(x *exchange, cp *corpus) []int64 {
	n := make([]int64, x.c*x.c)
	for _, bg := range cp.bigrams {
		n[int(x.cls[bg.a])*x.c+int(x.cls[bg.b])] += bg.n
	}
	return n
}

func TestExchangePassKeepsCountsAndRaisesMI(t *testing.T) {
	t.Parallel()
	// Words from a Zipf-like random source with a little structure, plus
	// repeated words so that self-bigrams occur.
	rng := rand.New(rand.NewPCG(9, 9))
	c := newCounter()
	for range 400 {
		var s []string
		for range 3 + rng.IntN(10) {
			w := fmt.Sprint("w", int(math.Exp(rng.Float64()*5)))
			s = append(s, w)
			if rng.IntN(8) == 0 {
				s = append(s, w)
			}
		}
		c.addWords(s)
	}
	cp := c.finish(1, 0)
	x := newExchange(cp, numSpecial+6, 5)
	prev := x.mutualInfo()
	for pass := 1; pass <= 4; pass++ {
		x.pass()
		if got, want := x.n, recount(x, cp); !slices.Equal(got, want) {
			t.Fatalf("after pass %d the class bigram counts differ from a recount", pass)
		}
		nt := make([]int64, len(x.n))
		for i := range x.c {
			for j := range x.c {
				nt[j*x.c+i] = x.n[i*x.c+j]
			}
		}
		if !slices.Equal(nt, x.nt) {
			t.Fatalf("after pass %d the transposed counts differ", pass)
		}
		mi := x.mutualInfo()
		if mi < prev-1e-12 {
			t.Errorf("pass %d: mutual information fell from %v to %v", pass, prev, mi)
		}
		prev = mi
	}
	for w := range numSpecial {
		if x.cls[w] != int32(w) {
			t.Errorf("special word %d moved to class %d", w, x.cls[w])
		}
	}
}

// bruteMI returns the mutual information of the clusters of the count
// matrix n when the clusters are grouped by part (part[i] = group of i).
func bruteMI(n []int64, c int, part []int) float64 {
	g := slices.Max(part) + 1
	agg := make([]float64, g*g)
	var total float64
	for i := range c {
		for j := range c {
			agg[part[i]*g+part[j]] += float64(n[i*c+j])
			total += float64(n[i*c+j])
		}
	}
	pl := make([]float64, g)
	pr := make([]float64, g)
	for i := range g {
		for j := range g {
			pl[i] += agg[i*g+j] / total
			pr[j] += agg[i*g+j] / total
		}
	}
	mi := 0.0
	for i := range g {
		for j := range g {
			mi += qterm(agg[i*g+j]/total, pl[i], pr[j])
		}
	}
	return mi
}

func TestMergeLossMatchesBruteForce(t *testing.T) {
	t.Parallel()
	const c, fixed = 10, 2
	rng := rand.New(rand.NewPCG(11, 12))
	n := make([]int64, c*c)
	for i := range n {
		if rng.IntN(4) > 0 {
			n[i] = int64(rng.IntN(50))
		}
	}
	m := newMerger(n, c, fixed)
	part := make([]int, c) // the cluster each class is in, by cluster index
	for i := range part {
		part[i] = i
	}
	relabel := func(p []int) []int {
		ids := map[int]int{}
		out := make([]int, len(p))
		for i, v := range p {
			if _, ok := ids[v]; !ok {
				ids[v] = len(ids)
			}
			out[i] = ids[v]
		}
		return out
	}
	for step := 0; ; step++ {
		now := bruteMI(n, c, relabel(part))
		for k := fixed; k < c; k++ {
			for l := k + 1; l < c; l++ {
				if !m.active[k] || !m.active[l] {
					continue
				}
				merged := slices.Clone(part)
				for i := range merged {
					if merged[i] == l {
						merged[i] = k
					}
				}
				want := now - bruteMI(n, c, relabel(merged))
				if got := m.loss[k*c+l]; math.Abs(got-want) > 1e-9 {
					t.Fatalf("step %d: loss(%d,%d) = %v; want %v", step, k, l, got, want)
				}
			}
		}
		i, j, ok := m.best()
		if !ok {
			if step != c-fixed-1 {
				t.Errorf("merging stopped after %d steps; want %d", step, c-fixed-1)
			}
			return
		}
		m.merge(i, j)
		for k := range part {
			if part[k] == j {
				part[k] = i
			}
		}
	}
}

func TestPaths(t *testing.T) {
	t.Parallel()
	// Leaves 0..3; merges: (1,2)→4, (0,4)→5, (5,3)→6.
	got := paths([]merge{{1, 2}, {0, 4}, {5, 3}}, 4)
	want := []string{"00", "010", "011", "1"}
	if !slices.Equal(got, want) {
		t.Errorf("paths = %q; want %q", got, want)
	}
	if got := paths(nil, 1); !slices.Equal(got, []string{"0"}) {
		t.Errorf("paths(nil, 1) = %q; want [0]", got)
	}
}

func TestWriteReadPaths(t *testing.T) {
	t.Parallel()
	entries := []entry{{"0010", "Paris", 120}, {"0010", "London", 99}, {"01", "said", 400}}
	path := filepath.Join(t.TempDir(), "paths.txt")
	if err := writePaths(path, entries); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "0010\tParis\t120\n0010\tLondon\t99\n01\tsaid\t400\n"; string(data) != want {
		t.Errorf("paths file = %q; want %q", data, want)
	}
	got, err := readPaths(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, entries) {
		t.Errorf("readPaths = %v; want %v", got, entries)
	}
}

// TestRunEndToEnd builds a tiny shared-data tree from testdata and runs the
// command on it.
func TestRunEndToEnd(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	copyFile := func(src, dst string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("..", "internal", "unlabeled", "testdata", src))
		if err != nil {
			t.Fatal(err)
		}
		dst = filepath.Join(data, dst)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("reuters.sgm", "unlabeled/reuters21578/reut2-000.sgm")
	copyFile("wiki.txt", "unlabeled/wikipedia-en-2015/wiki_00")
	copyFile("wiki.txt", "unlabeled/nltk-corpora/state_union/1999-Test.txt")
	copyFile("masc/categories.txt", "unlabeled/nltk-corpora/masc_tagged/categories.txt")
	copyFile("masc/written/news1.txt", "unlabeled/nltk-corpora/masc_tagged/written/news1.txt")
	copyFile("masc/written/news1.txt", "unlabeled/nltk-corpora/masc_tagged/spoken/talk1.txt")
	copyFile("conll.txt", "conll2003/train.txt")
	out := filepath.Join(t.TempDir(), "paths.txt")
	var stdout strings.Builder
	cfg := config{dataDir: data, out: out, classes: 4, minCount: 1, maxVocab: 1000, iters: 3, seed: 1,
		withCoNLL: true, show: "lighthouse,BRUSSELS,absent"}
	if err := run(cfg, &stdout); err != nil {
		t.Fatalf("run: %v", err)
	}
	entries, err := readPaths(out)
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	leaves := map[string]bool{}
	for _, e := range entries {
		words[e.word] = true
		leaves[e.path] = true
		if strings.Trim(e.path, "01") != "" || e.path == "" {
			t.Errorf("path %q of %q is not a bit string", e.path, e.word)
		}
	}
	for _, w := range []string{"Acme", "&", "lighthouse", "Springfield", "BRUSSELS", "Blackburn"} {
		if !words[w] {
			t.Errorf("word %q missing from the output", w)
		}
	}
	for _, w := range []string{"<doc", "BODY", "NO", "I-ORG", "NNP", "-DOCSTART-", boundaryWord, unknownWord} {
		if words[w] {
			t.Errorf("word %q should not be in the output", w)
		}
	}
	if len(leaves) != 4 {
		t.Errorf("%d leaf clusters; want 4", len(leaves))
	}
	if s := stdout.String(); !strings.Contains(s, "lighthouse") || !strings.Contains(s, "absent       (not in the vocabulary)") {
		t.Errorf("run printed %q; want the clusters of lighthouse and a note on absent", s)
	}
}

func TestMeasurePurity(t *testing.T) {
	t.Parallel()
	entries := []entry{
		{"000000", "Paris", 9}, {"000000", "Rome", 5}, // a place cluster
		{"000011", "Smith", 7}, {"000011", "said", 3}, // a mixed leaf under the same 4-bit prefix
		{"1", "the", 50},
	}
	conll := `-DOCSTART- -X- O O

Paris NNP I-NP B-LOC
Smith NNP I-NP B-PER
said VBD I-VP O
the DT I-NP O
Rome NNP I-NP B-LOC
Rome NNP I-NP I-ORG
Jones NNP I-NP B-PER
`
	st, err := measurePurity(strings.NewReader(conll), entries)
	if err != nil {
		t.Fatal(err)
	}
	if st.tokens != 7 || st.covered != 6 || st.entityTokens != 5 || st.entityCovered != 4 {
		t.Errorf("counts: tokens %d covered %d entity %d entity covered %d; want 7 6 5 4",
			st.tokens, st.covered, st.entityTokens, st.entityCovered)
	}
	// Prefix 4: 0000 = {LOC, PER, O, LOC, ORG} → 2, 1 = {O} → 1.
	// Prefix 6, 10 and leaf: 000000 = {LOC, LOC, ORG} → 2, 000011 = {PER, O} → 1, 1 → 1.
	want := []int{3, 4, 4, 4}
	if !slices.Equal(st.majority, want) {
		t.Errorf("majority = %v; want %v", st.majority, want)
	}
	var out strings.Builder
	st.print(&out)
	if !strings.Contains(out.String(), "coverage: 85.7% of 7 tokens, 80.0% of 5 entity tokens") {
		t.Errorf("print wrote %q", out.String())
	}
}

// miOf returns the mutual information in bits of a class bigram count matrix.
func miOf(n []int64, c int) float64 {
	x := &exchange{c: c, n: n, nl: make([]int64, c), nr: make([]int64, c)}
	for i := range c {
		for j := range c {
			x.nl[i] += n[i*c+j]
			x.nr[j] += n[i*c+j]
			x.total += n[i*c+j]
		}
	}
	return x.mutualInfo()
}

func TestExchangeConvergesToLocalOptimum(t *testing.T) {
	t.Parallel()
	// When a pass moves no word, no single move of a word to another class
	// may raise the mutual information (checked by brute force).
	for _, seed := range []uint64{1, 2, 3, 4} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			cp := syntheticCorpus(300, seed).finish(1, 0)
			x := newExchange(cp, numSpecial+5, seed)
			converged := false
			for range 50 {
				if x.pass() == 0 {
					converged = true
					break
				}
			}
			if !converged {
				t.Fatal("exchange did not converge in 50 passes")
			}
			base := miOf(recount(x, cp), x.c)
			for w := numSpecial; w < len(x.cls); w++ {
				orig := x.cls[w]
				for b := numSpecial; b < x.c; b++ {
					x.cls[w] = int32(b)
					if mi := miOf(recount(x, cp), x.c); mi > base+1e-9 {
						t.Errorf("moving %s from class %d to %d raises MI from %.6f to %.6f", cp.words[w], orig, b, base, mi)
					}
				}
				x.cls[w] = orig
			}
		})
	}
}
