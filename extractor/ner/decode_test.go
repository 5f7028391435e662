package ner

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// TestViterbiExhaustive checks viterbi against a search of every labelling
// of short sentences: with random scores it must find the best labelling,
// with scores of few values (many ties) one of the best. Some rounds have
// emissions further apart, as a trained model's are, so that some or most
// previous labels are out of reach of the best.
func TestViterbiExhaustive(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	const L = numLabels
	for round := range 1200 {
		n := 1 + round%3
		ties := round%2 == 1
		spread := [...]float32{1, 1, 3, 3, 30, 30}[round%6]
		draw := func() float32 {
			if ties {
				return float32(r.Intn(3))
			}
			return float32(r.NormFloat64())
		}
		em := make([]float32, n*L)
		for i := range em {
			em[i] = spread * draw()
		}
		var trans [L * L]float32
		for i := range trans {
			trans[i] = draw() + transMask[i]
		}
		got := make([]int, n)
		var vt viterbiTrans
		vt.set(&trans)
		viterbi(em, &vt, n, make([]float32, n*L), got)
		// Every labelling, in lexicographic order of the labels; the
		// first of the best wins.
		want, cur := make([]int, n), make([]int, n)
		best := negInf
		var walk func(i int, score float32)
		walk = func(i int, score float32) {
			if i == n {
				if s := score + endMask[cur[n-1]]; s > best {
					best = s
					copy(want, cur)
				}
				return
			}
			for y := range L {
				cur[i] = y
				s := score + em[i*L+y]
				if i == 0 {
					s += startMask[y]
				} else {
					s += trans[cur[i-1]*L+y]
				}
				walk(i+1, s)
			}
		}
		walk(0, 0)
		score := startMask[got[0]] + em[got[0]] + endMask[got[n-1]]
		for i := 1; i < n; i++ {
			score += trans[got[i-1]*L+got[i]] + em[i*L+got[i]]
		}
		if math.Abs(float64(score-best)) > 1e-4 || !ties && !slices.Equal(got, want) {
			t.Fatalf("round %d: viterbi %v (%g), best %v (%g)", round, got, score, want, best)
		}
	}
}

// TestViterbiMatchesPlain checks viterbi against the plain algorithm (every
// label from every label) on longer sentences with scores at the scales
// where skipping previous labels out of reach matters.
func TestViterbiMatchesPlain(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	const L = numLabels
	for round := range 3000 {
		n := 1 + r.Intn(30)
		spread := float32([...]float64{0.5, 1, 2, 4, 8}[round%5])
		em := make([]float32, n*L)
		for i := range em {
			em[i] = spread * float32(r.NormFloat64())
		}
		var trans [L * L]float32
		for i := range trans {
			trans[i] = float32(r.NormFloat64()) + transMask[i]
		}
		var vt viterbiTrans
		vt.set(&trans)
		got := make([]int, n)
		viterbi(em, &vt, n, make([]float32, n*L), got)
		// The plain algorithm, with back pointers.
		score := make([]float32, n*L)
		back := make([]int, n*L)
		for y := range L {
			score[y] = em[y] + startMask[y]
		}
		for i := 1; i < n; i++ {
			for b := range L {
				best, arg := negInf, 0
				for a := range L {
					if s := score[(i-1)*L+a] + trans[a*L+b]; s > best {
						best, arg = s, a
					}
				}
				score[i*L+b], back[i*L+b] = best+em[i*L+b], arg
			}
		}
		want := make([]int, n)
		best := negInf
		for y := range L {
			if s := score[(n-1)*L+y] + endMask[y]; s > best {
				best, want[n-1] = s, y
			}
		}
		for i := n - 1; i > 0; i-- {
			want[i-1] = back[i*L+want[i]]
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d (n %d, spread %g): viterbi %v, plain %v", round, n, spread, got, want)
		}
	}
}
