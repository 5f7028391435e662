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

// prevOK lists, for each label, the labels that may precede it.
var prevOK = func() (p [numLabels][]uint8) {
	for b := 0; b < numLabels; b++ {
		for a := 0; a < numLabels; a++ {
			if validTrans(a, b) {
				p[b] = append(p[b], uint8(a))
			}
		}
	}
	return
}()

// numOutside is the number of labels that may follow a token outside a
// name (O, B-X, U-X) and also the number that may precede them (O, L-X,
// U-X).
const numOutside = 1 + 2*numTypes

// outsideNext and outsidePrev list those labels: O, then B-X and U-X (or
// L-X and U-X) of each type.
var outsideNext, outsidePrev = func() (next, prev [numOutside]int) {
	for t := range numTypes {
		next[1+2*t], next[2+2*t] = labelOf(Label(t+1), posB), labelOf(Label(t+1), posU)
		prev[1+2*t], prev[2+2*t] = labelOf(Label(t+1), posL), labelOf(Label(t+1), posU)
	}
	return
}()

// viterbiTrans is a masked transition matrix with its allowed transitions
// also laid out the way [viterbi] reads them, so that its inner loops read
// consecutive memory with no index arithmetic.
type viterbiTrans struct {
	full [numLabels * numLabels]float32 // masked
	// out[a][b]: from outsidePrev[a] to outsideNext[b]
	out [numOutside][numOutside]float32
	// in[t][0][p]: from B-X (p 0) or I-X (p 1) to I-X; in[t][1][p]: to L-X
	in [numTypes][2][2]float32
	// spread is the largest difference between two transitions into one
	// outside label: a previous label whose score is further than that
	// below the best previous score cannot be the best predecessor of any.
	spread float32
}

// set makes vt the masked transitions trans.
func (vt *viterbiTrans) set(trans *[numLabels * numLabels]float32) {
	const L = numLabels
	vt.full = *trans
	vt.spread = 0
	for b, nb := range outsideNext {
		lo, hi := trans[nb], trans[nb]
		for a, pa := range outsidePrev {
			t := trans[pa*L+nb]
			vt.out[a][b] = t
			lo, hi = min(lo, t), max(hi, t)
		}
		vt.spread = max(vt.spread, hi-lo)
	}
	for t := range numTypes {
		bx, ix, lx := labelOf(Label(t+1), posB), labelOf(Label(t+1), posI), labelOf(Label(t+1), posL)
		vt.in[t] = [2][2]float32{{trans[bx*L+ix], trans[ix*L+ix]}, {trans[bx*L+lx], trans[ix*L+lx]}}
	}
}

// viterbi writes into out the best label sequence for n tokens, given
// emission scores em[i*numLabels+y] and the transitions vt. score must hold
// n*numLabels entries.
//
// The forward pass keeps only the best scores (score[i*numLabels+y]: of the
// best labelling of tokens 0…i that ends in y); the way back finds each
// token's best predecessor again for the one label it follows. Of equal
// scores, the first label wins.
//
// The forward pass notes in out[i] the best predecessor of the outside
// labels at token i when only one previous label is within reach.
//
// The label indices are written out (see labels.go and outsidePrev,
// outsideNext) so that the loops have no index arithmetic or bounds checks:
// this is the inner loop of the tagger.
func viterbi(em []float32, vt *viterbiTrans, n int, score []float32, out []int) {
	const L = numLabels
	prev := (*[L]float32)(score[:L])
	for y := range L {
		prev[y] = em[y] + startMask[y]
	}
	for i := 1; i < n; i++ {
		cur := (*[L]float32)(score[i*L : (i+1)*L])
		e := (*[L]float32)(em[i*L : (i+1)*L])
		// O, B-X and U-X follow O, L-* or U-* (outsidePrev). Only the
		// previous labels within vt.spread (and a margin for rounding) of
		// the best can be a best predecessor; usually that is one or two
		// of the nine.
		p := [numOutside]float32{prev[0], prev[3], prev[4], prev[7], prev[8], prev[11], prev[12], prev[15], prev[16]}
		top := max32(max32(max32(p[0], p[1]), max32(p[2], p[3])), max32(max32(p[4], p[5]), max32(max32(p[6], p[7]), p[8])))
		floor := top - vt.spread - 1 - abs32(top)*1e-5
		var cand [numOutside]uint8
		nc := 0
		for a, v := range p {
			if v >= floor {
				cand[nc] = uint8(a)
				nc++
			}
		}
		// A lone candidate is the best predecessor of every outside
		// label: the way back reads it from out[i] (-1 if there are more).
		out[i] = -1
		if nc == 1 {
			out[i] = int(cand[0])
		}
		// The first candidate's sums are the best so far (a sum of -Inf
		// is -Inf either way); the others replace them where greater.
		best, pa := vt.out[cand[0]], p[cand[0]]
		for b := range best {
			best[b] += pa
		}
		for _, a := range cand[1:nc] {
			row, pa := &vt.out[a], p[a]
			for b, t := range row {
				if s := pa + t; s > best[b] {
					best[b] = s
				}
			}
		}
		// outsideNext: O, then B-X and U-X of each type.
		cur[0] = best[0] + e[0]
		cur[1], cur[4] = best[1]+e[1], best[2]+e[4]
		cur[5], cur[8] = best[3]+e[5], best[4]+e[8]
		cur[9], cur[12] = best[5]+e[9], best[6]+e[12]
		cur[13], cur[16] = best[7]+e[13], best[8]+e[16]
		// I-X and L-X follow B-X or I-X.
		for t := range numTypes {
			bx := 1 + 4*t
			fromB, fromI := prev[bx], prev[bx+1]
			in := &vt.in[t]
			s1, s2 := fromB+in[0][0], fromI+in[0][1]
			if s2 > s1 {
				s1 = s2
			}
			cur[bx+1] = s1 + e[bx+1]
			s1, s2 = fromB+in[1][0], fromI+in[1][1]
			if s2 > s1 {
				s1 = s2
			}
			cur[bx+2] = s1 + e[bx+2]
		}
		prev = cur
	}
	best, arg := negInf, 0
	for y := range L {
		if s := prev[y] + endMask[y]; s > best {
			best, arg = s, y
		}
	}
	trans := &vt.full
	for i := n - 1; i > 0; i-- {
		one := out[i] // from the forward pass
		out[i] = arg
		p := (*[L]float32)(score[(i-1)*L : i*L])
		if pos := labelPos(arg); arg != 0 && (pos == posI || pos == posL) {
			// B-X or I-X, as in the loop below.
			bx := arg - pos
			next := 0
			if s := p[bx] + trans[bx*L+arg]; s > negInf {
				next = bx
				if p[bx+1]+trans[(bx+1)*L+arg] > s {
					next = bx + 1
				}
			} else if p[bx+1]+trans[(bx+1)*L+arg] > negInf {
				next = bx + 1
			}
			arg = next
			continue
		}
		if one >= 0 {
			arg = outsidePrev[one]
			continue
		}
		best, next := negInf, 0
		for _, a := range prevOK[arg] {
			if s := p[a] + trans[int(a)*L+arg]; s > best {
				best, next = s, int(a)
			}
		}
		arg = next
	}
	out[0] = arg
}

// max32 is the larger of a and b, without the builtin max's handling of
// NaN (scores are never NaN).
func max32(a, b float32) float32 {
	if b > a {
		return b
	}
	return a
}

// maxRow is the largest of a token's scores, taken in a tree of pairs.
func maxRow(r *[numLabels]float32) float32 {
	a := max32(max32(max32(r[0], r[1]), max32(r[2], r[3])), max32(max32(r[4], r[5]), max32(r[6], r[7])))
	b := max32(max32(max32(r[8], r[9]), max32(r[10], r[11])), max32(max32(r[12], r[13]), max32(r[14], r[15])))
	return max32(max32(a, b), r[16])
}

func abs32(x float32) float32 { return math.Float32frombits(math.Float32bits(x) &^ (1 << 31)) }

// confTrans is exp(trans/temp), with 0 for forbidden transitions, for the
// confidences: in full, and its allowed transitions laid out the way the
// forward and backward passes read them (see [viterbiTrans]).
type confTrans struct {
	full [numLabels * numLabels]float32
	// into[b][a] and from[a][b]: from outsidePrev[a] to outsideNext[b]
	into, from [numOutside][numOutside]float32
	in         [numTypes][2][2]float32 // as viterbiTrans.in
}

// expTrans returns exp(trans/temp) for the confidences.
func expTrans(trans *[numLabels * numLabels]float32, temp float32) *confTrans {
	const L = numLabels
	ct := &confTrans{}
	m := &ct.full
	hi := float32(0)
	for _, t := range trans {
		if !math.IsInf(float64(t), -1) {
			hi = max(hi, t)
		}
	}
	for i, t := range trans {
		if !math.IsInf(float64(t), -1) {
			m[i] = float32(math.Exp(float64((t - hi) / temp)))
		}
	}
	for b, nb := range outsideNext {
		for a, pa := range outsidePrev {
			ct.into[b][a] = m[pa*L+nb]
			ct.from[a][b] = m[pa*L+nb]
		}
	}
	for t := range numTypes {
		bx, ix, lx := labelOf(Label(t+1), posB), labelOf(Label(t+1), posI), labelOf(Label(t+1), posL)
		ct.in[t] = [2][2]float32{{m[bx*L+ix], m[ix*L+ix]}, {m[bx*L+lx], m[ix*L+lx]}}
	}
	return ct
}

// exp32 returns e^x for x ≤ 0 within a relative error of 3e-7 (float32's
// own precision is 6e-8), and 0 below -87. It is what makes the
// confidences cheap: x = k·ln2 + f with k an integer and |f| ≤ ½ln2 (ln2 in
// two parts, so that f is exact), e^f by its Taylor series to the sixth
// power, and 2^k put in the exponent bits.
func exp32(x float32) float32 {
	if !(x >= -87) { // or NaN
		return 0
	}
	const ln2Hi, ln2Lo = 0.693359375, -2.12194440e-4
	k := int32(x*math.Log2E - 0.5) // x ≤ 0: truncation rounds toward zero, so this rounds to nearest
	f := x - float32(k)*ln2Hi - float32(k)*ln2Lo
	p := 1 + f*(1+f*(1.0/2+f*(1.0/6+f*(1.0/24+f*(1.0/120+f*(1.0/720))))))
	return math.Float32frombits(uint32(int32(math.Float32bits(p)) + k<<23))
}

// confScratch holds the forward-backward arrays of spanConfidence.
type confScratch struct {
	e, alpha, beta []float32
	c              []float32
}

// spanConfidence sets the Confidence of each mention of a sentence (token
// indices offset by base) to the probability of exactly that labelling of its
// tokens under the linear-chain distribution whose scores are the model's
// divided by temp: the marginal of the span, by forward-backward. et is
// expTrans(trans, temp). It works in float32 with exp32: the confidences
// are within 1e-4 of the float64 computation's.
func spanConfidence(em []float32, ct *confTrans, n int, temp float32, labels []int, ms []Mention, base int, cs *confScratch) {
	if len(ms) == 0 || n == 0 {
		return
	}
	const L = numLabels
	cs.e = grow(cs.e, n*L)
	cs.alpha = grow(cs.alpha, n*L)
	cs.beta = grow(cs.beta, n*L)
	cs.c = grow(cs.c, n)
	inv := 1 / temp
	// Emission potentials, scaled per token (the scale cancels out).
	for i := 0; i < n; i++ {
		row := em[i*L : (i+1)*L]
		e := cs.e[i*L : (i+1)*L]
		hi := maxRow((*[L]float32)(row))
		for y, v := range row {
			// exp(-30) is 1e-13 of the best label's weight: call it 0 (most
			// labels are that far behind).
			if d := (v - hi) * inv; d > -30 {
				e[y] = exp32(d)
			} else {
				e[y] = 0
			}
		}
	}
	// The marginals need alpha up to the last mention's last token and
	// beta down to the first mention's first token.
	cs.forward(ct, ms[len(ms)-1].Last-base-1)
	cs.backward(ct, n, ms[0].First-base)
	et := &ct.full
	for k := range ms {
		f, l := ms[k].First-base, ms[k].Last-base-1
		p := cs.alpha[f*L+labels[f]]
		for i := f + 1; i <= l; i++ {
			p *= et[labels[i-1]*L+labels[i]] * cs.e[i*L+labels[i]] / cs.c[i]
		}
		p *= cs.beta[l*L+labels[l]]
		var z float32
		for y := 0; y < L; y++ {
			z += cs.alpha[l*L+y] * cs.beta[l*L+y]
		}
		if z > 0 {
			p /= z
		}
		if p > 1 || p != p {
			p = 1
		}
		ms[k].Confidence = float64(p)
	}
}

// forward sets cs.alpha, normalized at each token, and cs.c, the
// normalizers, for tokens 0 to lastTok, from the potentials cs.e. The label
// indices are written out as in [viterbi].
func (cs *confScratch) forward(ct *confTrans, lastTok int) {
	const L = numLabels
	var sum float32
	for y := 0; y < L; y++ {
		var v float32
		if validStart(y) {
			v = cs.e[y]
		}
		cs.alpha[y] = v
		sum += v
	}
	cs.c[0] = sum
	for y := 0; y < L; y++ {
		cs.alpha[y] /= sum
	}
	for i := 1; i <= lastTok; i++ {
		prev := (*[L]float32)(cs.alpha[(i-1)*L : i*L])
		cur := (*[L]float32)(cs.alpha[i*L : (i+1)*L])
		e := (*[L]float32)(cs.e[i*L : (i+1)*L])
		// O, B-X and U-X follow O, L-* or U-* (outsidePrev), added in
		// that order.
		p := [numOutside]float32{prev[0], prev[3], prev[4], prev[7], prev[8], prev[11], prev[12], prev[15], prev[16]}
		var v [numOutside]float32
		for b := range v {
			v[b] = dot9(&p, &ct.into[b])
		}
		// outsideNext: O, then B-X and U-X of each type.
		cur[0] = v[0] * e[0]
		cur[1], cur[4] = v[1]*e[1], v[2]*e[4]
		cur[5], cur[8] = v[3]*e[5], v[4]*e[8]
		cur[9], cur[12] = v[5]*e[9], v[6]*e[12]
		cur[13], cur[16] = v[7]*e[13], v[8]*e[16]
		// I-X and L-X follow B-X or I-X.
		for t := range numTypes {
			bx := 1 + 4*t
			fromB, fromI := prev[bx], prev[bx+1]
			in := &ct.in[t]
			cur[bx+1] = (fromB*in[0][0] + fromI*in[0][1]) * e[bx+1]
			cur[bx+2] = (fromB*in[1][0] + fromI*in[1][1]) * e[bx+2]
		}
		cs.c[i] = normalize(cur)
	}
}

// dot9 returns the sum of p[i]·q[i], added in order.
func dot9(p, q *[numOutside]float32) float32 {
	return p[0]*q[0] + p[1]*q[1] + p[2]*q[2] + p[3]*q[3] + p[4]*q[4] + p[5]*q[5] + p[6]*q[6] + p[7]*q[7] + p[8]*q[8]
}

// normalize divides v by the sum of its values, added in order, and
// returns that sum (1 if it is 0, leaving v as it is).
func normalize(v *[numLabels]float32) float32 {
	const n = numLabels &^ 3 // four labels per step, then the rest
	_ = *v                   // checked for nil once, not in the loops
	var sum float32
	for y := 0; y < n; y += 4 {
		sum += v[y]
		sum += v[y+1]
		sum += v[y+2]
		sum += v[y+3]
	}
	for y := n; y < numLabels; y++ {
		sum += v[y]
	}
	if sum == 0 {
		sum = 1
	}
	inv := 1 / sum
	for y := 0; y < n; y += 4 {
		v[y] *= inv
		v[y+1] *= inv
		v[y+2] *= inv
		v[y+3] *= inv
	}
	for y := n; y < numLabels; y++ {
		v[y] *= inv
	}
	return sum
}

// backward sets cs.beta, normalized at each token, for tokens n-1 down to
// firstTok. The label indices are written out as in [viterbi].
func (cs *confScratch) backward(ct *confTrans, n, firstTok int) {
	const L = numLabels
	for y := 0; y < L; y++ {
		var v float32
		if validEnd(y) {
			v = 1
		}
		cs.beta[(n-1)*L+y] = v
	}
	for i := n - 2; i >= firstTok; i-- {
		next := (*[L]float32)(cs.beta[(i+1)*L : (i+2)*L])
		cur := (*[L]float32)(cs.beta[i*L : (i+1)*L])
		e := (*[L]float32)(cs.e[(i+1)*L : (i+2)*L])
		// O, L-X and U-X go to O, B-* or U-* (outsideNext), added in that
		// order.
		en := [numOutside]float32{
			e[0] * next[0],
			e[1] * next[1], e[4] * next[4],
			e[5] * next[5], e[8] * next[8],
			e[9] * next[9], e[12] * next[12],
			e[13] * next[13], e[16] * next[16],
		}
		// outsidePrev: O, then L-X and U-X of each type.
		cur[0] = dot9(&ct.from[0], &en)
		cur[3], cur[4] = dot9(&ct.from[1], &en), dot9(&ct.from[2], &en)
		cur[7], cur[8] = dot9(&ct.from[3], &en), dot9(&ct.from[4], &en)
		cur[11], cur[12] = dot9(&ct.from[5], &en), dot9(&ct.from[6], &en)
		cur[15], cur[16] = dot9(&ct.from[7], &en), dot9(&ct.from[8], &en)
		// B-X and I-X go to I-X or L-X.
		for t := range numTypes {
			bx := 1 + 4*t
			toI, toL := e[bx+1]*next[bx+1], e[bx+2]*next[bx+2]
			cur[bx] = ct.in[t][0][0]*toI + ct.in[t][1][0]*toL
			cur[bx+1] = ct.in[t][0][1]*toI + ct.in[t][1][1]*toL
		}
		normalize(cur)
	}
}
