package ner

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Name priors: how a word or a name of several words is used in unlabeled
// text, as cmd/nameprior counts it (see priors/README.md): how often it is
// capitalised inside a sentence, how often it occurs as a name, and how
// often in each class of contexts ("Mr. X", "X said", "in X", "X Inc", …).
// A table value packs them, quantised:
//
//	bits 0–2   capitalised share + 1 (0: not counted, for names of several words)
//	bits 3–5   occurrences as a name, log-scaled
//	bits 6–29  two bits per class of contexts: its share of the occurrences
//	bit 30     the key is a proper prefix of a longer name
//	bit 31     the key is a name of the table (not only a prefix)
const (
	priorOccShift   = 3
	priorClassShift = 6
	priorPrefix     = 1 << 30
	priorEntry      = 1 << 31
	maxPriorClasses = 12
)

// priorTable maps hashes of lower-cased token sequences to packed priors.
type priorTable struct {
	t *table
}

func priorKey(h uint64) uint32 { return key(1001, h) }

// lookup1 returns the value of the one-word name low, or 0.
func (p *priorTable) lookup1(low uint64) uint32 {
	v, _ := p.t.get(priorKey(phraseStep(0, low)))
	return v
}

// capShare quantises the share of capitalised occurrences into 0…6.
func capShare(cp, n int64) uint32 {
	r := float64(cp) / float64(n)
	b := uint32(0)
	for _, t := range [...]float64{0.02, 0.1, 0.3, 0.6, 0.85, 0.97} {
		if r >= t {
			b++
		}
	}
	return b
}

// occBucket quantises a count on a log scale into 0…7.
func occBucket(n int64) uint32 {
	b := uint32(0)
	for _, t := range [...]int64{1, 3, 10, 30, 100, 300, 1000} {
		if n >= t {
			b++
		}
	}
	return b
}

// classShare quantises a class's share of a name's occurrences into 0…3:
// never, under 3%, under 15%, more.
func classShare(c, occ int64) uint32 {
	switch {
	case c == 0 || occ == 0:
		return 0
	case c*100 < 3*occ:
		return 1
	case c*100 < 15*occ:
		return 2
	}
	return 3
}

// readPriors reads a table written by cmd/nameprior: a header line
// "name n cap occ CLASS…" and one tab-separated line per name (lower-cased
// tokens joined by spaces) with its counts. It returns the number of names
// kept.
func readPriors(r io.Reader) (*priorTable, int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() {
		return nil, 0, fmt.Errorf("priors: no header: %v", sc.Err())
	}
	head := strings.Split(sc.Text(), "\t")
	if len(head) < 4 || head[0] != "name" || head[1] != "n" || head[2] != "cap" || head[3] != "occ" {
		return nil, 0, fmt.Errorf("priors: bad header %q", sc.Text())
	}
	nclass := len(head) - 4
	if nclass > maxPriorClasses {
		return nil, 0, fmt.Errorf("priors: %d classes, at most %d", nclass, maxPriorClasses)
	}
	t := newTable(1 << 16)
	line, kept := 1, 0
	var lower []byte
	counts := make([]int64, 3+nclass)
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != len(head) {
			return nil, 0, fmt.Errorf("priors: line %d: %d fields, want %d", line, len(f), len(head))
		}
		for i := range counts {
			c, err := strconv.ParseInt(f[i+1], 10, 64)
			if err != nil || c < 0 {
				return nil, 0, fmt.Errorf("priors: line %d: bad count %q", line, f[i+1])
			}
			counts[i] = c
		}
		toks := strings.Split(f[0], " ")
		if len(toks) > maxGazTokens || f[0] == "" {
			continue
		}
		n, cp, occ := counts[0], counts[1], counts[2]
		v := uint32(priorEntry) | occBucket(occ)<<priorOccShift
		if len(toks) == 1 && n > 0 {
			v |= capShare(cp, n) + 1
		}
		for c := 0; c < nclass; c++ {
			v |= classShare(counts[3+c], occ) << (priorClassShift + 2*c)
		}
		h := uint64(0)
		for i, tk := range toks {
			lower = appendLower(lower[:0], asciiPunct(tk))
			h = phraseStep(h, hashBytes(lower))
			k := priorKey(h)
			old, _ := t.get(k)
			if i == len(toks)-1 {
				t.put(k, old&priorPrefix|v)
			} else {
				t.put(k, old|priorPrefix)
			}
		}
		kept++
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("priors: %w", err)
	}
	return &priorTable{t: t}, kept, nil
}

// mark sets the prior of the longest name of several words of the table
// that starts at each candidate token of one sentence, with the tokens'
// BILOU positions in it. Names do not overlap: the first one found wins.
func (p *priorTable) mark(info []tokInfo, seen *phraseCache) {
	for i := 0; i < len(info); {
		info[i].pspan, info[i].ppos = 0, 0
		if !info[i].cand {
			i++
			continue
		}
		best, bestV := 0, uint32(0)
		h := phraseStep(0, info[i].low)
		v := info[i].prior
		for n := 2; n <= maxGazTokens && i+n <= len(info) && v&priorPrefix != 0; n++ {
			h = phraseStep(h, info[i+n-1].low)
			v = seen.get(p.t, priorKey(h))
			if v&priorEntry != 0 {
				best, bestV = n, v
			}
		}
		if best == 0 {
			i++
			continue
		}
		for j := i; j < i+best; j++ {
			info[j].pspan, info[j].ppos = bestV, posI
		}
		info[i].ppos, info[i+best-1].ppos = posB, posL
		i += best
	}
}

// appendPriorWord adds the features of the word's own prior: its
// capitalised share and how often it is a name, with the token's
// capitalization, and the shares of its classes of contexts. They depend on
// the word alone.
func (fs *featureSet) appendPriorWord(k []uint32, ti *tokInfo) []uint32 {
	if fs.groups&GroupPriors == 0 {
		return k
	}
	v, capc := ti.prior, ti.capc
	if v&priorEntry == 0 {
		if capc >= capTitle {
			return append(k, key(tPriorCap, 0xf<<4|uint64(capc)))
		}
		return k
	}
	k = append(k, key(tPriorCap, uint64(v&7)<<4|uint64(capc)))
	if capc == capNone {
		return k
	}
	occ := v >> priorOccShift & 7
	k = append(k, key(tPriorOcc, uint64(occ)<<4|uint64(capc)))
	// The shares of a name seen less often are noise.
	if occ < 3 {
		return k
	}
	return appendPriorClasses(k, tPriorClass, v, 0)
}

// appendPriorSpan adds the features of the name of several words of the
// table that covers the token: how often it is a name and the shares of its
// classes of contexts, with the token's position in it.
func (fs *featureSet) appendPriorSpan(k []uint32, ti *tokInfo) []uint32 {
	if fs.groups&GroupPriors == 0 || ti.pspan == 0 {
		return k
	}
	k = append(k, key(tPriorSpan, uint64(ti.ppos)<<12|0x800|uint64(ti.pspan>>priorOccShift&7)))
	return appendPriorClasses(k, tPriorSpan, ti.pspan, uint64(ti.ppos))
}

// appendPriorClasses adds one feature per class of contexts seen with the
// name, its share, whether the name is frequent, and tag.
func appendPriorClasses(k []uint32, tpl int, v uint32, tag uint64) []uint32 {
	frequent := uint64(0)
	if v>>priorOccShift&7 >= 3 { // seen 10 times or more
		frequent = 1
	}
	cls := v >> priorClassShift & (1<<(2*maxPriorClasses) - 1)
	for c := uint64(0); cls != 0; c++ {
		if b := uint64(cls & 3); b != 0 {
			k = append(k, key(tpl, tag<<12|c<<4|b<<1|frequent))
		}
		cls >>= 2
	}
	return k
}
