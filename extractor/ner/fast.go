package ner

import "slices"

// fastTable holds the feature weights the way Tag reads them: open
// addressing on 32-bit keys, with each slot's row of 16-bit weights (stage 1,
// then stage 2) at the same index, so that the row can be fetched while the
// key is compared. Keys are hashes, so a key's home slot is its top bits.
type fastTable struct {
	keys  []uint32
	rows  []int16 // len(keys) × rowWidth
	mask  uint32
	shift uint32
	n     int
}

// newFast returns an empty table for n keys. Its load factor is at most 1/3,
// because most keys looked up are not in the model and a sparse table
// rejects them in fewer probes.
func newFast(n int) fastTable {
	size, bits := 16, uint32(4)
	for size < 3*n {
		size <<= 1
		bits++
	}
	return fastTable{keys: make([]uint32, size), rows: make([]int16, size*rowWidth), mask: uint32(size - 1), shift: 32 - bits}
}

// put adds key k (not 0, not present) with weights ws.
func (ft *fastTable) put(k uint32, ws []int16) {
	i := k >> ft.shift
	for ft.keys[i] != 0 {
		i = (i + 1) & ft.mask
	}
	ft.keys[i] = k
	copy(ft.rows[int(i)*rowWidth:int(i+1)*rowWidth], ws)
	ft.n++
}

// find returns the slot of key k.
func (ft *fastTable) find(k uint32) (uint32, bool) {
	i := k >> ft.shift
	for {
		switch ft.keys[i] {
		case k:
			return i, true
		case 0:
			return 0, false
		}
		i = (i + 1) & ft.mask
	}
}

// row returns the weights of slot i.
func (ft *fastTable) row(i uint32) *[rowWidth]int16 {
	o := int(i) * rowWidth
	return (*[rowWidth]int16)(ft.rows[o : o+rowWidth])
}

// sortedSlots returns the occupied slots in key order.
func (ft *fastTable) sortedSlots() []uint32 {
	slots := make([]uint32, 0, ft.n)
	for i, k := range ft.keys {
		if k != 0 {
			slots = append(slots, uint32(i))
		}
	}
	slices.SortFunc(slots, func(a, b uint32) int {
		switch ka, kb := ft.keys[a], ft.keys[b]; {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	return slots
}
