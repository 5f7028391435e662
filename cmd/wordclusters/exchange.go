package main

import (
	"math"
	"math/rand/v2"
)

// The clustering maximises the average mutual information between the
// classes of adjacent words, the objective of Brown et al. (1992):
//
//	I = Σ_{c,d} p(c,d) log p(c,d) / (p_l(c) p_r(d))
//
// With counts N(c,d) of class bigrams, left and right class counts Nl, Nr and
// T bigrams in all, T·I = Σ f(N(c,d)) − Σ f(Nl(c)) − Σ f(Nr(d)) + f(T) where
// f(x) = x ln x, so moving one word only changes the rows and columns of two
// classes and the change can be computed from the word's own bigrams.

// ftabSize is the number of small integer counts whose x ln x is tabulated.
const ftabSize = 1 << 16

var ftab = func() []float64 {
	t := make([]float64, ftabSize)
	for i := 1; i < ftabSize; i++ {
		t[i] = float64(i) * math.Log(float64(i))
	}
	return t
}()

// xlogx returns x ln x for a count x ≥ 0 (0 for 0).
func xlogx(x int64) float64 {
	if x < ftabSize {
		return ftab[x]
	}
	f := float64(x)
	return f * math.Log(f)
}

// exchange holds the state of exchange clustering (Kneser & Ney 1993; Martin,
// Liermann & Ney 1998): every word is in one of C classes, and words are moved
// one at a time to the class that most increases I.
type exchange struct {
	c   int // number of classes; classes [0, numSpecial) hold the special words
	cls []int32
	// size is the number of words in each class.
	size []int32
	// n is the class bigram count matrix, n[c*C+d] = N(c,d); nt is its
	// transpose, so that a column can be read contiguously.
	n, nt  []int64
	nl, nr []int64
	total  int64

	// Per-word bigrams without the word itself: right neighbours (w,v) and
	// left neighbours (u,w), in CSR form, and the count of (w,w).
	rStart, lStart []int32
	rWord, lWord   []int32
	rN, lN         []int64
	self           []int64
	wl, wr         []int64 // bigrams with w on the left, on the right

	// scratch, indexed by class
	rc, lc []int64
	gain   []float64
	seen   []bool
}

// newExchange sets up exchange clustering of the words of cp into c classes
// (c includes the numSpecial classes of the special words). The most frequent
// c−numSpecial words start in classes of their own; every other word starts in
// a class drawn at random with the given seed.
func newExchange(cp *corpus, c int, seed uint64) *exchange {
	v := len(cp.words)
	if c > v {
		c = v
	}
	x := &exchange{
		c:      c,
		cls:    make([]int32, v),
		size:   make([]int32, c),
		n:      make([]int64, c*c),
		nt:     make([]int64, c*c),
		nl:     make([]int64, c),
		nr:     make([]int64, c),
		self:   make([]int64, v),
		wl:     make([]int64, v),
		wr:     make([]int64, v),
		rStart: make([]int32, v+1),
		lStart: make([]int32, v+1),
		rc:     make([]int64, c),
		lc:     make([]int64, c),
		gain:   make([]float64, c),
		seen:   make([]bool, c),
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	for w := range v {
		switch {
		case w < numSpecial:
			x.cls[w] = int32(w)
		default:
			x.cls[w] = int32(numSpecial + rng.IntN(c-numSpecial))
		}
		x.size[x.cls[w]]++
	}
	// CSR of neighbours.
	rDeg := make([]int32, v)
	lDeg := make([]int32, v)
	for _, bg := range cp.bigrams {
		x.wl[bg.a] += bg.n
		x.wr[bg.b] += bg.n
		x.total += bg.n
		if bg.a == bg.b {
			x.self[bg.a] += bg.n
			continue
		}
		rDeg[bg.a]++
		lDeg[bg.b]++
	}
	for w := range v {
		x.rStart[w+1] = x.rStart[w] + rDeg[w]
		x.lStart[w+1] = x.lStart[w] + lDeg[w]
	}
	x.rWord = make([]int32, x.rStart[v])
	x.rN = make([]int64, x.rStart[v])
	x.lWord = make([]int32, x.lStart[v])
	x.lN = make([]int64, x.lStart[v])
	rPos := append([]int32(nil), x.rStart[:v]...)
	lPos := append([]int32(nil), x.lStart[:v]...)
	for _, bg := range cp.bigrams {
		if bg.a == bg.b {
			continue
		}
		x.rWord[rPos[bg.a]], x.rN[rPos[bg.a]] = bg.b, bg.n
		rPos[bg.a]++
		x.lWord[lPos[bg.b]], x.lN[lPos[bg.b]] = bg.a, bg.n
		lPos[bg.b]++
	}
	for _, bg := range cp.bigrams {
		ca, cb := int(x.cls[bg.a]), int(x.cls[bg.b])
		x.n[ca*c+cb] += bg.n
		x.nt[cb*c+ca] += bg.n
		x.nl[ca] += bg.n
		x.nr[cb] += bg.n
	}
	return x
}

// mutualInfo returns the average mutual information of adjacent classes, in
// bits.
func (x *exchange) mutualInfo() float64 {
	if x.total == 0 {
		return 0
	}
	s := xlogx(x.total)
	for _, k := range x.n {
		s += xlogx(k)
	}
	for i := range x.c {
		s -= xlogx(x.nl[i]) + xlogx(x.nr[i])
	}
	return s / float64(x.total) / math.Ln2
}

// neighbourClasses sums the bigrams of w by the class of the neighbour into
// x.rc and x.lc and returns the classes touched on each side.
func (x *exchange) neighbourClasses(w int, rTouched, lTouched []int32) ([]int32, []int32) {
	for k := x.rStart[w]; k < x.rStart[w+1]; k++ {
		d := x.cls[x.rWord[k]]
		if x.rc[d] == 0 {
			rTouched = append(rTouched, d)
		}
		x.rc[d] += x.rN[k]
	}
	for k := x.lStart[w]; k < x.lStart[w+1]; k++ {
		d := x.cls[x.lWord[k]]
		if x.lc[d] == 0 {
			lTouched = append(lTouched, d)
		}
		x.lc[d] += x.lN[k]
	}
	return rTouched, lTouched
}

// shift adds (sign = 1) or removes (sign = −1) word w, with neighbour class
// counts in x.rc and x.lc, to or from class a.
func (x *exchange) shift(w int, a int, sign int64, rTouched, lTouched []int32) {
	c := x.c
	for _, d := range rTouched {
		k := sign * x.rc[d]
		x.n[a*c+int(d)] += k
		x.nt[int(d)*c+a] += k
	}
	for _, d := range lTouched {
		k := sign * x.lc[d]
		x.n[int(d)*c+a] += k
		x.nt[a*c+int(d)] += k
	}
	x.n[a*c+a] += sign * x.self[w]
	x.nt[a*c+a] += sign * x.self[w]
	x.nl[a] += sign * x.wl[w]
	x.nr[a] += sign * x.wr[w]
	x.size[a] += int32(sign)
}

// pass moves every non-special word, in order of decreasing frequency, to its
// best class and returns the number of words that moved. A word may leave a
// class it is alone in, so that two frequent words that start apart can end
// up together; the emptied class stays available to any later word.
func (x *exchange) pass() int {
	c := x.c
	moves := 0
	var rTouched, lTouched []int32
	for w := numSpecial; w < len(x.cls); w++ {
		a := int(x.cls[w])
		rTouched, lTouched = x.neighbourClasses(w, rTouched[:0], lTouched[:0])
		x.shift(w, a, -1, rTouched, lTouched)

		gain := x.gain
		for b := numSpecial; b < c; b++ {
			gain[b] = 0
		}
		for _, d := range rTouched {
			r := x.rc[d]
			col := x.nt[int(d)*c : int(d)*c+c]
			for b := numSpecial; b < c; b++ {
				k := col[b]
				gain[b] += xlogx(k+r) - xlogx(k)
			}
		}
		for _, d := range lTouched {
			l := x.lc[d]
			row := x.n[int(d)*c : int(d)*c+c]
			for b := numSpecial; b < c; b++ {
				k := row[b]
				gain[b] += xlogx(k+l) - xlogx(k)
			}
		}
		// The cell (b,b) gets the right, left and self bigrams together; the
		// loops above counted the first two separately.
		self := x.self[w]
		fix := func(b int) {
			k := x.n[b*c+b]
			r, l := x.rc[b], x.lc[b]
			gain[b] += xlogx(k+r+l+self) - xlogx(k+r) - xlogx(k+l) + xlogx(k)
		}
		if self > 0 {
			for b := numSpecial; b < c; b++ {
				fix(b)
			}
		} else {
			for _, ts := range [2][]int32{rTouched, lTouched} {
				for _, d := range ts {
					if int(d) >= numSpecial && !x.seen[d] {
						x.seen[d] = true
						fix(int(d))
					}
				}
			}
			for _, ts := range [2][]int32{rTouched, lTouched} {
				for _, d := range ts {
					x.seen[d] = false
				}
			}
		}
		wl, wr := x.wl[w], x.wr[w]
		for b := numSpecial; b < c; b++ {
			gain[b] -= xlogx(x.nl[b]+wl) - xlogx(x.nl[b]) + xlogx(x.nr[b]+wr) - xlogx(x.nr[b])
		}
		best := a
		for b := numSpecial; b < c; b++ {
			if gain[b] > gain[best]+1e-9 {
				best = b
			}
		}
		x.shift(w, best, 1, rTouched, lTouched)
		x.cls[w] = int32(best)
		if best != a {
			moves++
		}
		for _, d := range rTouched {
			x.rc[d] = 0
		}
		for _, d := range lTouched {
			x.lc[d] = 0
		}
	}
	return moves
}
