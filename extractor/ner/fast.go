package ner

import (
	"cmp"
	"slices"
)

// fastTable holds the feature weights the way Tag reads them: an
// open-addressing index from 32-bit keys to rows of 16-bit weights (stage 1,
// then stage 2). Keys are hashes, so a key's home slot is its top bits. The
// rows are stored in the order they were added, which the trainer makes the
// order of feature frequency: the rows that most tokens need sit together and
// stay in cache.
//
// A table read from a model file is frozen instead: its index is the file's
// own bytes (see [frozen]), and so are its rows.
type fastTable struct {
	slots []entry // key and row index; key 0 marks an empty slot
	rows  []int16 // n × rowWidth
	mask  uint32
	shift uint32
	n     int
	// The form read from a file (slots and rows are nil): idx is an
	// open-addressing table like slots, a key and a sparseRef to its row
	// side by side, used in place from the file; a row is its non-zero
	// weights only, each label index<<16 | uint16(weight), in ents: five on
	// average of the 34, so the rows take a quarter of the memory and of
	// the additions. A lookup touches one slot and then the row.
	idx  []uint32
	ents []uint32
}

// sparseRef packs where a sparse row is and how many weights it has.
func sparseRef(off, n int) uint32 { return uint32(off)<<6 | uint32(n) }

// sparseRow returns the entries of the sparse row that ref points to.
func (ft *fastTable) sparseRow(ref uint32) []uint32 {
	off := ref >> 6
	return ft.ents[off : off+ref&63]
}

// frozen reports whether the table is the form read from a file.
func (ft *fastTable) frozen() bool { return ft.idx != nil }

// ref returns where the row of key k is, in the frozen form.
func (ft *fastTable) ref(k uint32) (uint32, bool) {
	i := k >> ft.shift
	for {
		switch ft.idx[2*i] {
		case k:
			return ft.idx[2*i+1], true
		case 0:
			return 0, false
		}
		i = (i + 1) & ft.mask
	}
}

// buildIndex returns the frozen index of the rows refs of keys (sorted,
// distinct, not 0) with a load factor of at most 1/2, and its mask and
// shift. Filled in key order, it is written front to back.
func buildIndex(keys, refs []uint32) (idx []uint32, mask, shift uint32) {
	size, bits := 16, uint32(4)
	for size < 2*len(keys) {
		size <<= 1
		bits++
	}
	idx = make([]uint32, 2*size)
	mask, shift = uint32(size-1), 32-bits
	for j, k := range keys {
		i := k >> shift
		for idx[2*i] != 0 {
			i = (i + 1) & mask
		}
		idx[2*i], idx[2*i+1] = k, refs[j]
	}
	return idx, mask, shift
}

// eachRow calls fn with each key and its weights, in row order.
func (ft *fastTable) eachRow(fn func(k uint32, ws *[rowWidth]int16)) {
	if !ft.frozen() {
		for r, k := range ft.keys() {
			fn(k, ft.row(uint32(r)))
		}
		return
	}
	type rowRef struct{ key, ref uint32 }
	refs := make([]rowRef, 0, ft.n)
	for i := 0; i < len(ft.idx); i += 2 {
		if ft.idx[i] != 0 {
			refs = append(refs, rowRef{ft.idx[i], ft.idx[i+1]})
		}
	}
	slices.SortFunc(refs, func(a, b rowRef) int { return cmp.Compare(a.ref, b.ref) })
	var ws [rowWidth]int16
	for _, r := range refs {
		ws = [rowWidth]int16{}
		for _, e := range ft.sparseRow(r.ref) {
			ws[e>>16] = int16(e)
		}
		fn(r.key, &ws)
	}
}

// newFast returns an empty table for n keys, with a load factor of at most
// 0.6: small enough that a missing key (the common case) is rejected after a
// few probes in one or two cache lines, dense enough that the index stays in
// cache.
func newFast(n int) fastTable {
	size, bits := 16, uint32(4)
	for size*3 < n*5 {
		size <<= 1
		bits++
	}
	return fastTable{slots: make([]entry, size), rows: make([]int16, 0, n*rowWidth), mask: uint32(size - 1), shift: 32 - bits}
}

// put adds key k (not 0, not present) with weights ws.
func (ft *fastTable) put(k uint32, ws []int16) {
	i := k >> ft.shift
	for ft.slots[i].key != 0 {
		i = (i + 1) & ft.mask
	}
	ft.slots[i] = entry{k, uint32(ft.n)}
	ft.rows = append(ft.rows, ws[:rowWidth]...)
	ft.n++
}

// find returns the row of key k.
// It is for the hash form only (a table being built).
func (ft *fastTable) find(k uint32) (uint32, bool) {
	i := k >> ft.shift
	for {
		e := ft.slots[i]
		switch e.key {
		case k:
			return e.val, true
		case 0:
			return 0, false
		}
		i = (i + 1) & ft.mask
	}
}

// row returns the weights of row r.
func (ft *fastTable) row(r uint32) *[rowWidth]int16 {
	o := int(r) * rowWidth
	return (*[rowWidth]int16)(ft.rows[o : o+rowWidth])
}

// keys returns the keys in row order.
func (ft *fastTable) keys() []uint32 {
	ks := make([]uint32, ft.n)
	if ft.frozen() {
		ks = ks[:0]
		ft.eachRow(func(k uint32, _ *[rowWidth]int16) { ks = append(ks, k) })
		return ks
	}
	for _, e := range ft.slots {
		if e.key != 0 {
			ks[e.val] = e.key
		}
	}
	return ks
}
