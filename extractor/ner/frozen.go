package ner

import (
	"encoding/binary"
	"errors"
	"unsafe"
)

// frozen is the read-only form of a key → value table that a model file
// stores and [Load] uses in place, without building anything: the keys
// sorted, cut into 2^16 buckets by their top 16 bits, each key stored as its
// low 16 bits. A lookup reads the bucket's bounds and scans its few keys
// (18 on average for the 1.2 million gazetteer keys, 1 for the feature
// table), which sit in one or two cache lines.
//
// Values are 1, 2 or 4 bytes wide, whichever the largest value needs.
//
// In a file, a frozen table is: n (uint32), the value width (uint32), the
// bucket bounds (2^16+1 uint32), the keys (n uint16), padding to 4 bytes, the
// values (n × width bytes), padding to 8 bytes; little-endian, starting at a
// multiple of 8 bytes from the start of the file.
type frozen struct {
	n      int
	width  int
	bounds []uint32 // bucket b's keys are keys[bounds[b]:bounds[b+1]]
	keys   []uint16
	vals8  []uint8
	vals16 []uint16
	vals32 []uint32
}

const frozenBuckets = 1 << 16

// find returns the position of key k.
func (f *frozen) find(k uint32) (int, bool) {
	b := k >> 16
	lo, hi := f.bounds[b], f.bounds[b+1]
	lk := uint16(k)
	for i := lo; i < hi; i++ {
		if c := f.keys[i]; c >= lk {
			return int(i), c == lk
		}
	}
	return 0, false
}

func (f *frozen) value(i int) uint32 {
	switch f.width {
	case 1:
		return uint32(f.vals8[i])
	case 2:
		return uint32(f.vals16[i])
	}
	return f.vals32[i]
}

func (f *frozen) get(k uint32) (uint32, bool) {
	i, ok := f.find(k)
	if !ok {
		return 0, false
	}
	return f.value(i), true
}

// each calls fn with every key and its value, in key order.
func (f *frozen) each(fn func(k, v uint32)) {
	for b := range frozenBuckets {
		for i := f.bounds[b]; i < f.bounds[b+1]; i++ {
			fn(uint32(b)<<16|uint32(f.keys[i]), f.value(int(i)))
		}
	}
}

// appendFrozen appends the frozen form of the pairs (keys sorted, distinct,
// not 0) to buf, which must be a multiple of 8 bytes long, with values at
// least minWidth bytes wide.
func appendFrozen(buf []byte, keys, vals []uint32, minWidth int) []byte {
	width := minWidth
	for _, v := range vals {
		switch {
		case v > 0xffff:
			width = 4
		case v > 0xff && width < 2:
			width = 2
		}
	}
	le := binary.LittleEndian
	buf = le.AppendUint32(buf, uint32(len(keys)))
	buf = le.AppendUint32(buf, uint32(width))
	j := 0
	for b := range frozenBuckets + 1 {
		for j < len(keys) && keys[j]>>16 < uint32(b) {
			j++
		}
		buf = le.AppendUint32(buf, uint32(j))
	}
	for _, k := range keys {
		buf = le.AppendUint16(buf, uint16(k))
	}
	buf = pad(buf, 4)
	for _, v := range vals {
		switch width {
		case 1:
			buf = append(buf, uint8(v))
		case 2:
			buf = le.AppendUint16(buf, uint16(v))
		default:
			buf = le.AppendUint32(buf, v)
		}
	}
	return pad(buf, 8)
}

func pad(b []byte, to int) []byte {
	for len(b)%to != 0 {
		b = append(b, 0)
	}
	return b
}

// section reads the parts of a file that [Load] uses in place: data is the
// whole file, 8-byte aligned in memory, and off the read position.
type section struct {
	data []byte
	off  int
	err  error
}

var errTruncated = errors.New("truncated")

func (s *section) bytes(n int) []byte {
	if s.err != nil || n < 0 || n > len(s.data)-s.off {
		s.err = errTruncated
		return nil
	}
	b := s.data[s.off : s.off+n]
	s.off += n
	return b
}

func (s *section) uint32() uint32 {
	b := s.bytes(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (s *section) align(to int) {
	if r := s.off % to; r != 0 {
		s.bytes(to - r)
	}
}

// littleEndian is whether this machine stores numbers as the files do, so
// that their arrays can be used in place.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// view returns the n values of type T at the start of b, in place when the
// machine is little-endian and b is aligned for T, otherwise copied; nil
// when b is too short (the reader that gave b has recorded why).
func view[T uint16 | uint32 | int16](b []byte, n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if n <= 0 || len(b) < n*size {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%uintptr(size) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
	}
	out := make([]T, n)
	for i := range out {
		switch size {
		case 2:
			out[i] = T(binary.LittleEndian.Uint16(b[2*i:]))
		default:
			out[i] = T(binary.LittleEndian.Uint32(b[4*i:]))
		}
	}
	return out
}

// readFrozen reads a frozen table at s's position and checks that its
// bounds run from 0 to n; with verify, also that they rise and that keys
// rise within each bucket, none of them 0 (a million keys: a few
// milliseconds that the embedded model, checked by a test, does without).
func readFrozen(s *section, verify bool) (*frozen, error) {
	n, width := int(s.uint32()), int(s.uint32())
	if s.err != nil {
		return nil, s.err
	}
	if n > maxTableEntries || n > len(s.data) {
		return nil, errors.New("table too large")
	}
	if width != 1 && width != 2 && width != 4 {
		return nil, errors.New("bad table value width")
	}
	f := &frozen{n: n, width: width}
	bb := s.bytes(4 * (frozenBuckets + 1))
	kb := s.bytes(2 * n)
	s.align(4)
	vb := s.bytes(width * n)
	s.align(8)
	if s.err != nil {
		return nil, s.err
	}
	f.bounds = view[uint32](bb, frozenBuckets+1)
	f.keys = view[uint16](kb, n)
	switch width {
	case 1:
		f.vals8 = vb
	case 2:
		f.vals16 = view[uint16](vb, n)
	default:
		f.vals32 = view[uint32](vb, n)
	}
	if f.bounds[0] != 0 || f.bounds[frozenBuckets] != uint32(n) {
		return nil, errors.New("bad table bounds")
	}
	if !verify {
		return f, nil
	}
	for b := range frozenBuckets {
		lo, hi := f.bounds[b], f.bounds[b+1]
		if hi < lo || hi > uint32(n) {
			return nil, errors.New("bad table bounds")
		}
		if hi > lo && b == 0 && f.keys[lo] == 0 {
			return nil, errors.New("zero key")
		}
		for i := lo + 1; i < hi; i++ {
			if f.keys[i] <= f.keys[i-1] {
				return nil, errors.New("table keys out of order")
			}
		}
	}
	return f, nil
}

// pairs returns the keys of t in increasing order and their values.
func (t *table) pairs() (keys, vals []uint32) {
	if t.fz != nil {
		t.fz.each(func(k, v uint32) {
			keys = append(keys, k)
			vals = append(vals, v)
		})
		return keys, vals
	}
	keys = t.sortedKeys()
	vals = make([]uint32, len(keys))
	for i, k := range keys {
		vals[i], _ = t.get(k)
	}
	return keys, vals
}
