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
	// out[b][a]: from outsidePrev[a] to outsideNext[b]
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
			vt.out[b][a] = t
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
func viterbi(em []float32, vt *viterbiTrans, n int, score []float32, out []int) {
	const L = numLabels
	prev := (*[L]float32)(score[:L])
	for y := range L {
		prev[y] = em[y] + startMask[y]
	}
	for i := 1; i < n; i++ {
		cur := (*[L]float32)(score[i*L : (i+1)*L])
		e := (*[L]float32)(em[i*L : (i+1)*L])
		// O, B-X and U-X follow O, L-* or U-*. Only the previous labels
		// within vt.spread (and a margin for rounding) of the best can be
		// a best predecessor; usually that is one or two of the nine.
		var p [numOutside]float32
		var cand [numOutside]uint8
		top := prev[0]
		for a, pa := range outsidePrev {
			p[a] = prev[pa]
			if p[a] > top {
				top = p[a]
			}
		}
		floor := top - vt.spread - 1 - abs32(top)*1e-5
		nc := 0
		for a := range numOutside {
			if p[a] >= floor {
				cand[nc] = uint8(a)
				nc++
			}
		}
		for b, nb := range outsideNext {
			row := &vt.out[b]
			best := negInf
			for _, a := range cand[:nc] {
				if s := p[a] + row[a]; s > best {
					best = s
				}
			}
			cur[nb] = best + e[nb]
		}
		// I-X and L-X follow B-X or I-X.
		for t := range numTypes {
			bx := 1 + 4*t
			fromB, fromI := prev[bx], prev[bx+1]
			for k, y := range [2]int{bx + 1, bx + 2} {
				s1, s2 := fromB+vt.in[t][k][0], fromI+vt.in[t][k][1]
				if s2 > s1 {
					s1 = s2
				}
				cur[y] = s1 + e[y]
			}
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
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		if i == 0 {
			break
		}
		p := (*[L]float32)(score[(i-1)*L : i*L])
		best, next := negInf, 0
		for _, a := range prevOK[arg] {
			if s := p[a] + trans[int(a)*L+arg]; s > best {
				best, next = s, int(a)
			}
		}
		arg = next
	}
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
	if x < -87 || x != x {
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
		hi := row[0]
		for _, v := range row[1:] {
			hi = max(hi, v)
		}
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
// normalizers, for tokens 0 to lastTok, from the potentials cs.e.
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
		// O, B-X and U-X follow O, L-* or U-*, added in that order.
		var p [numOutside]float32
		for a, pa := range outsidePrev {
			p[a] = prev[pa]
		}
		for b, nb := range outsideNext {
			if e[nb] == 0 {
				cur[nb] = 0
				continue
			}
			row := &ct.into[b]
			v := p[0] * row[0]
			for a := 1; a < numOutside; a++ {
				v += p[a] * row[a]
			}
			cur[nb] = v * e[nb]
		}
		// I-X and L-X follow B-X or I-X.
		for t := range numTypes {
			bx := 1 + 4*t
			fromB, fromI := prev[bx], prev[bx+1]
			for k, y := range [2]int{bx + 1, bx + 2} {
				if e[y] == 0 {
					cur[y] = 0
					continue
				}
				cur[y] = (fromB*ct.in[t][k][0] + fromI*ct.in[t][k][1]) * e[y]
			}
		}
		var sum float32
		for _, v := range cur {
			sum += v
		}
		if sum == 0 {
			sum = 1
		}
		cs.c[i] = sum
		inv := 1 / sum
		for b := range cur {
			cur[b] *= inv
		}
	}
}

// backward sets cs.beta, normalized at each token, for tokens n-1 down to
// firstTok.
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
		// O, L-X and U-X go to O, B-* or U-*, added in that order.
		var en [numOutside]float32
		for b, nb := range outsideNext {
			en[b] = e[nb] * next[nb]
		}
		for a, pa := range outsidePrev {
			row := &ct.from[a]
			v := row[0] * en[0]
			for b := 1; b < numOutside; b++ {
				v += row[b] * en[b]
			}
			cur[pa] = v
		}
		// B-X and I-X go to I-X or L-X.
		for t := range numTypes {
			bx := 1 + 4*t
			toI, toL := e[bx+1]*next[bx+1], e[bx+2]*next[bx+2]
			cur[bx] = ct.in[t][0][0]*toI + ct.in[t][1][0]*toL
			cur[bx+1] = ct.in[t][0][1]*toI + ct.in[t][1][1]*toL
		}
		var sum float32
		for _, v := range cur {
			sum += v
		}
		if sum == 0 {
			sum = 1
		}
		inv := 1 / sum
		for a := range cur {
			cur[a] *= inv
		}
	}
}
