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
type table struct {
	keys []uint32
	vals []uint32
	mask uint32
	n    int
}

func newTable(n int) *table {
	size := 16
	for size < n*2 {
		size <<= 1
	}
	return &table{keys: make([]uint32, size), vals: make([]uint32, size), mask: uint32(size - 1)}
}

func slot(k uint32) uint32 { return (k * 0x9e3779b1) ^ (k >> 16) }

// get returns the value of k and whether k is present.
func (t *table) get(k uint32) (uint32, bool) {
	i := slot(k) & t.mask
	for {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
		i = (i + 1) & t.mask
	}
}

// put sets the value of k (which must not be 0), replacing any value.
func (t *table) put(k, v uint32) {
	if (t.n+1)*2 > len(t.keys) {
		t.grow()
	}
	i := slot(k) & t.mask
	for {
		switch t.keys[i] {
		case k:
			t.vals[i] = v
			return
		case 0:
			t.keys[i], t.vals[i] = k, v
			t.n++
			return
		}
		i = (i + 1) & t.mask
	}
}

func (t *table) grow() {
	old := *t
	*t = *newTable(len(old.keys))
	for i, k := range old.keys {
		if k != 0 {
			t.put(k, old.vals[i])
		}
	}
}

// sortedKeys returns the keys in increasing order.
func (t *table) sortedKeys() []uint32 {
	ks := make([]uint32, 0, t.n)
	for _, k := range t.keys {
		if k != 0 {
			ks = append(ks, k)
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

// maxTableEntries bounds what a model file may ask to allocate.
const maxTableEntries = 1 << 25

func readTable(r *bufio.Reader) (*table, error) {
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
