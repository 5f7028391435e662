package ner

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
	fz    *frozen // key → row index, when read from a file (slots is nil)
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
func (ft *fastTable) find(k uint32) (uint32, bool) {
	if ft.fz != nil {
		return ft.fz.get(k)
	}
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
	if ft.fz != nil {
		ft.fz.each(func(k, r uint32) { ks[r] = k })
		return ks
	}
	for _, e := range ft.slots {
		if e.key != 0 {
			ks[e.val] = e.key
		}
	}
	return ks
}
