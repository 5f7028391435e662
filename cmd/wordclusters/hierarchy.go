package main

import "math"

// qterm returns p·log(p/(pl·pr)), the share of a class pair in the mutual
// information (0 when p is 0).
func qterm(p, pl, pr float64) float64 {
	if p <= 0 {
		return 0
	}
	return p * math.Log(p/(pl*pr))
}

// merger builds a binary hierarchy over classes by greedy agglomerative
// merging, as in Brown et al. (1992): at each step it merges the two clusters
// whose merge loses the least average mutual information. The loss of every
// pair is kept in a table and updated in O(1) per pair after each merge
// (Brown et al., section 3), so the whole hierarchy costs O(C³).
type merger struct {
	c      int
	p      []float64 // p[i*c+j]: probability of cluster bigram (i, j)
	q      []float64 // q[i*c+j] = qterm(p[i*c+j], pl[i], pr[j])
	pl, pr []float64
	s      []float64 // s[k] = Σ_d q(k,d) + Σ_d q(d,k) − q(k,k) over active d
	loss   []float64 // loss[k*c+l], k < l, both active and mergeable
	active []bool
	fixed  int // clusters [0, fixed) are contexts only, never merged
	node   []int
}

// merge records one merge of the hierarchy: nodes Left and Right (leaves are
// class indices, internal nodes are numbered from C up in merge order) became
// node C+i for the i-th merge.
type merge struct{ Left, Right int }

// buildHierarchy merges the classes [fixed, c) of the class bigram count
// matrix n (c×c, row-major) into one tree and returns the merges in order.
// Classes [0, fixed) still count as contexts but are never merged.
func buildHierarchy(n []int64, c, fixed int) []merge {
	m := newMerger(n, c, fixed)
	var merges []merge
	for {
		i, j, ok := m.best()
		if !ok {
			return merges
		}
		merges = append(merges, merge{m.node[i], m.node[j]})
		m.merge(i, j)
		m.node[i] = c + len(merges) - 1
	}
}

// newMerger sets up the probabilities and the loss table for the class bigram
// count matrix n.
func newMerger(n []int64, c, fixed int) *merger {
	var total int64
	for _, k := range n {
		total += k
	}
	m := &merger{
		c:      c,
		p:      make([]float64, c*c),
		q:      make([]float64, c*c),
		pl:     make([]float64, c),
		pr:     make([]float64, c),
		s:      make([]float64, c),
		loss:   make([]float64, c*c),
		active: make([]bool, c),
		fixed:  fixed,
		node:   make([]int, c),
	}
	if total == 0 {
		total = 1
	}
	for i := range c {
		m.active[i] = true
		m.node[i] = i
		for j := range c {
			pij := float64(n[i*c+j]) / float64(total)
			m.p[i*c+j] = pij
			m.pl[i] += pij
			m.pr[j] += pij
		}
	}
	for i := range c {
		for j := range c {
			m.q[i*c+j] = qterm(m.p[i*c+j], m.pl[i], m.pr[j])
		}
	}
	for k := range c {
		m.s[k] = m.weight(k)
	}
	for k := fixed; k < c; k++ {
		for l := k + 1; l < c; l++ {
			m.loss[k*c+l] = m.fullLoss(k, l)
		}
	}
	return m
}

// best returns the active pair i < j whose merge loses the least mutual
// information (the first such pair on ties), or ok = false if fewer than two
// mergeable clusters are left.
func (m *merger) best() (i, j int, ok bool) {
	c := m.c
	bi, bj, min := -1, -1, 0.0
	for k := m.fixed; k < c; k++ {
		if !m.active[k] {
			continue
		}
		row := m.loss[k*c : k*c+c]
		for l := k + 1; l < c; l++ {
			if m.active[l] && (bi < 0 || row[l] < min) {
				bi, bj, min = k, l, row[l]
			}
		}
	}
	return bi, bj, bi >= 0
}

// weight returns s(k), the part of the mutual information in row and column k.
func (m *merger) weight(k int) float64 {
	c := m.c
	s := -m.q[k*c+k]
	for d := range c {
		if m.active[d] {
			s += m.q[k*c+d] + m.q[d*c+k]
		}
	}
	return s
}

// fullLoss computes from scratch the loss of mutual information if clusters k
// and l were merged.
func (m *merger) fullLoss(k, l int) float64 {
	c := m.c
	plu, pru := m.pl[k]+m.pl[l], m.pr[k]+m.pr[l]
	after := qterm(m.p[k*c+k]+m.p[k*c+l]+m.p[l*c+k]+m.p[l*c+l], plu, pru)
	for d := range c {
		if !m.active[d] || d == k || d == l {
			continue
		}
		after += qterm(m.p[k*c+d]+m.p[l*c+d], plu, m.pr[d])
		after += qterm(m.p[d*c+k]+m.p[d*c+l], m.pl[d], pru)
	}
	return m.s[k] + m.s[l] - m.q[k*c+l] - m.q[l*c+k] - after
}

// merge merges cluster j into cluster i and updates the loss table.
func (m *merger) merge(i, j int) {
	c := m.c
	// Row and column of the merged cluster.
	row := make([]float64, c)
	col := make([]float64, c)
	for d := range c {
		row[d] = m.p[i*c+d] + m.p[j*c+d]
		col[d] = m.p[d*c+i] + m.p[d*c+j]
	}
	pmm := m.p[i*c+i] + m.p[i*c+j] + m.p[j*c+i] + m.p[j*c+j]
	plm, prm := m.pl[i]+m.pl[j], m.pr[i]+m.pr[j]

	// Change of s(k) for every other active cluster.
	ds := make([]float64, c)
	for k := range c {
		if !m.active[k] || k == i || k == j {
			continue
		}
		ds[k] = qterm(col[k], m.pl[k], prm) + qterm(row[k], plm, m.pr[k]) -
			m.q[k*c+i] - m.q[i*c+k] - m.q[k*c+j] - m.q[j*c+k]
	}
	// O(1) update of the loss of every pair not involving i or j: only the
	// terms of the merged pair (k+l) against i and j change.
	for k := m.fixed; k < c; k++ {
		if !m.active[k] || k == i || k == j {
			continue
		}
		for l := k + 1; l < c; l++ {
			if !m.active[l] || l == i || l == j {
				continue
			}
			plu, pru := m.pl[k]+m.pl[l], m.pr[k]+m.pr[l]
			before := qterm(m.p[k*c+i]+m.p[l*c+i], plu, m.pr[i]) +
				qterm(m.p[i*c+k]+m.p[i*c+l], m.pl[i], pru) +
				qterm(m.p[k*c+j]+m.p[l*c+j], plu, m.pr[j]) +
				qterm(m.p[j*c+k]+m.p[j*c+l], m.pl[j], pru)
			after := qterm(col[k]+col[l], plu, prm) + qterm(row[k]+row[l], plm, pru)
			m.loss[k*c+l] += ds[k] + ds[l] + before - after
		}
	}
	// Commit the merged cluster into index i.
	m.active[j] = false
	for d := range c {
		m.p[i*c+d] = row[d]
		m.p[d*c+i] = col[d]
		m.p[j*c+d], m.p[d*c+j] = 0, 0
	}
	m.p[i*c+i] = pmm
	m.pl[i], m.pr[i] = plm, prm
	m.pl[j], m.pr[j] = 0, 0
	for d := range c {
		m.q[i*c+d] = qterm(m.p[i*c+d], m.pl[i], m.pr[d])
		m.q[d*c+i] = qterm(m.p[d*c+i], m.pl[d], m.pr[i])
		m.q[j*c+d], m.q[d*c+j] = 0, 0
	}
	for k := range c {
		if m.active[k] && k != i {
			m.s[k] += ds[k]
		}
	}
	m.s[i] = m.weight(i)
	for k := m.fixed; k < c; k++ {
		if !m.active[k] || k == i {
			continue
		}
		if k < i {
			m.loss[k*c+i] = m.fullLoss(k, i)
		} else {
			m.loss[i*c+k] = m.fullLoss(i, k)
		}
	}
}

// paths returns the bit string of every leaf 0..c−1 of the tree the merges
// build: the first child of a node is "0", the second "1". Leaves that are in
// no merge get an empty path. If no merge happened the only leaf gets "0".
func paths(merges []merge, c int) []string {
	out := make([]string, c)
	if len(merges) == 0 {
		for i := range out {
			out[i] = "0"
		}
		return out
	}
	var walk func(node int, prefix string)
	walk = func(node int, prefix string) {
		if node < c {
			out[node] = prefix
			return
		}
		mg := merges[node-c]
		walk(mg.Left, prefix+"0")
		walk(mg.Right, prefix+"1")
	}
	walk(c+len(merges)-1, "")
	return out
}
