package ner

import "math"

// negInf scores a transition the BILOU scheme forbids.
var negInf = float32(math.Inf(-1))

// transMask has 0 for allowed transitions and -Inf for forbidden ones;
// rows are the previous label. startMask and endMask do the same for the
// first and last label of a sentence.
var transMask, startMask, endMask = func() (t [numLabels * numLabels]float32, s, e [numLabels]float32) {
	for a := 0; a < numLabels; a++ {
		for b := 0; b < numLabels; b++ {
			if !validTrans(a, b) {
				t[a*numLabels+b] = negInf
			}
		}
		if !validStart(a) {
			s[a] = negInf
		}
		if !validEnd(a) {
			e[a] = negInf
		}
	}
	return
}()

// viterbi writes into out the best label sequence for n tokens, given
// emission scores em[i*numLabels+y] and transition scores trans[a*numLabels+b]
// (already masked). back must hold n*numLabels entries.
func viterbi(em []float32, trans *[numLabels * numLabels]float32, n int, back []uint8, out []int) {
	var cur, next [numLabels]float32
	for y := 0; y < numLabels; y++ {
		cur[y] = em[y] + startMask[y]
	}
	for i := 1; i < n; i++ {
		e := em[i*numLabels : (i+1)*numLabels]
		for b := 0; b < numLabels; b++ {
			best, arg := negInf, 0
			for a := 0; a < numLabels; a++ {
				if s := cur[a] + trans[a*numLabels+b]; s > best {
					best, arg = s, a
				}
			}
			next[b] = best + e[b]
			back[i*numLabels+b] = uint8(arg)
		}
		cur = next
	}
	best, arg := negInf, 0
	for y := 0; y < numLabels; y++ {
		if s := cur[y] + endMask[y]; s > best {
			best, arg = s, y
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		if i > 0 {
			arg = int(back[i*numLabels+arg])
		}
	}
}

// spanConfidence returns, for each mention of a sentence's label sequence,
// the probability of exactly that labelling of its tokens under a linear-chain
// distribution whose scores are the model's divided by temp. alpha and beta
// must hold n*numLabels entries.
func spanConfidence(em []float32, trans *[numLabels * numLabels]float32, n int, temp float32, labels []int, ms []Mention, base int, alpha, beta []float64) {
	if len(ms) == 0 {
		return
	}
	inv := 1 / float64(temp)
	logsum := func(xs *[numLabels]float64) float64 {
		m := math.Inf(-1)
		for _, x := range xs {
			if x > m {
				m = x
			}
		}
		if math.IsInf(m, -1) {
			return m
		}
		s := 0.0
		for _, x := range xs {
			s += math.Exp(x - m)
		}
		return m + math.Log(s)
	}
	tr := func(a, b int) float64 { return float64(trans[a*numLabels+b]) * inv }
	var tmp [numLabels]float64
	for y := 0; y < numLabels; y++ {
		alpha[y] = (float64(em[y]) + float64(startMask[y])) * inv
	}
	for i := 1; i < n; i++ {
		for b := 0; b < numLabels; b++ {
			for a := 0; a < numLabels; a++ {
				tmp[a] = alpha[(i-1)*numLabels+a] + tr(a, b)
			}
			alpha[i*numLabels+b] = logsum(&tmp) + float64(em[i*numLabels+b])*inv
		}
	}
	for y := 0; y < numLabels; y++ {
		beta[(n-1)*numLabels+y] = float64(endMask[y]) * inv
	}
	for i := n - 2; i >= 0; i-- {
		for a := 0; a < numLabels; a++ {
			for b := 0; b < numLabels; b++ {
				tmp[b] = tr(a, b) + float64(em[(i+1)*numLabels+b])*inv + beta[(i+1)*numLabels+b]
			}
			beta[i*numLabels+a] = logsum(&tmp)
		}
	}
	for y := 0; y < numLabels; y++ {
		tmp[y] = alpha[(n-1)*numLabels+y] + beta[(n-1)*numLabels+y]
	}
	logZ := logsum(&tmp)
	for k := range ms {
		f, l := ms[k].First-base, ms[k].Last-base
		s := alpha[f*numLabels+labels[f]]
		for i := f + 1; i < l; i++ {
			s += tr(labels[i-1], labels[i]) + float64(em[i*numLabels+labels[i]])*inv
		}
		s += beta[(l-1)*numLabels+labels[l-1]]
		p := math.Exp(s - logZ)
		if p > 1 || math.IsNaN(p) {
			p = 1
		}
		ms[k].Confidence = p
	}
}
