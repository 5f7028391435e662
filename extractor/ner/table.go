package ner

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// table maps non-zero 32-bit keys to 32-bit values by open addressing with
// linear probing. It is read-only once built, so it is safe for concurrent
// lookups.
//
// Keys are hashes already, so a key's home slot is its top bits: a table
// filled in key order (as a model file stores it) is written front to back,
// which makes loading fast.
type table struct {
	slots []entry
	mask  uint32
	shift uint32
	n     int
	fz    *frozen // set in a table read from a file: then slots is nil and the table is read-only
}

// entry is a key and its value side by side, so that a lookup touches one
// cache line.
type entry struct{ key, val uint32 }

func newTable(n int) *table { return newSparseTable(n, 5, 3) }

// newSparseTable returns a table for n keys whose load factor stays at most
// num/den: a sparser table finds missing keys in fewer probes.
func newSparseTable(n, num, den int) *table {
	size, bits := 16, uint32(4)
	for size*den < n*num {
		size <<= 1
		bits++
	}
	return &table{slots: make([]entry, size), mask: uint32(size - 1), shift: 32 - bits}
}

// get returns the value of k and whether k is present.
func (t *table) get(k uint32) (uint32, bool) {
	if t.fz != nil {
		return t.fz.get(k)
	}
	i := k >> t.shift
	for {
		e := t.slots[i]
		switch e.key {
		case k:
			return e.val, true
		case 0:
			return 0, false
		}
		i = (i + 1) & t.mask
	}
}

// put sets the value of k (which must not be 0), replacing any value.
func (t *table) put(k, v uint32) {
	if t.fz != nil {
		t.thaw()
	}
	if (t.n+1)*5 > len(t.slots)*3 {
		t.grow()
	}
	i := k >> t.shift
	for {
		switch t.slots[i].key {
		case k:
			t.slots[i].val = v
			return
		case 0:
			t.slots[i] = entry{k, v}
			t.n++
			return
		}
		i = (i + 1) & t.mask
	}
}

func (t *table) grow() {
	old := *t
	*t = *newTable(len(old.slots))
	for _, e := range old.slots {
		if e.key != 0 {
			t.put(e.key, e.val)
		}
	}
}

// thaw turns a table read from a file back into a hash table that put can
// add to.
func (t *table) thaw() {
	keys, vals := t.pairs()
	*t = *newTable(len(keys))
	for i, k := range keys {
		t.put(k, vals[i])
	}
}

// sortedKeys returns the keys in increasing order.
func (t *table) sortedKeys() []uint32 {
	if t.fz != nil {
		ks, _ := t.pairs()
		return ks
	}
	ks := make([]uint32, 0, t.n)
	for _, e := range t.slots {
		if e.key != 0 {
			ks = append(ks, e.key)
		}
	}
	slices.Sort(ks)
	return ks
}

// writeTo writes the table as a count, then the sorted keys as varint deltas
// with each value as a varint.
func (t *table) writeTo(w *bufio.Writer) error {
	ks := t.sortedKeys()
	writeUvarint(w, uint64(len(ks)))
	prev := uint32(0)
	for _, k := range ks {
		v, _ := t.get(k)
		writeUvarint(w, uint64(k-prev))
		writeUvarint(w, uint64(v))
		prev = k
	}
	return nil
}

// byteReader is what the model reader reads from.
type byteReader interface {
	io.Reader
	io.ByteReader
}

// maxTableEntries bounds what a model file may ask to allocate.
const maxTableEntries = 1 << 25

func readTable(r byteReader) (*table, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > maxTableEntries {
		return nil, fmt.Errorf("table of %d entries is too large", n)
	}
	t := newTable(int(n))
	prev := uint32(0)
	for range n {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		v, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		k := prev + uint32(d)
		if k == 0 || d == 0 && prev != 0 || v > 1<<32-1 {
			return nil, errors.New("corrupt table")
		}
		t.put(k, uint32(v))
		prev = k
	}
	return t, nil
}

func writeUvarint(w *bufio.Writer, x uint64) {
	var buf [binary.MaxVarintLen64]byte
	w.Write(buf[:binary.PutUvarint(buf[:], x)])
}

func writeVarint(w *bufio.Writer, x int64) {
	var buf [binary.MaxVarintLen64]byte
	w.Write(buf[:binary.PutVarint(buf[:], x)])
}

// errWriter remembers the first error of an io.Writer.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
