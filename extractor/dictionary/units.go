package dictionary

import (
	"hash/maphash"
	"unicode"
	"unicode/utf8"
)

// Phrases are matched on units: a token's text with its apostrophes made
// straight, split at hyphens ("Coca-Cola" is the units "coca" and "cola", so
// it matches "Coca Cola" and "Coca‑Cola"), and lower-cased unless the match
// is case-sensitive. A token that is nothing but hyphens is one unit.

// isHyphen reports whether r separates the units of a token.
func isHyphen(r rune) bool {
	return r == '-' || r == '‐' || r == '‑' || r == '–' || r == '—'
}

// appendUnits appends the units of the token t to buf, each followed by a
// 0 byte, and returns buf and how many units it added.
func appendUnits(buf []byte, t string, fold bool) ([]byte, int) {
	n := 0
	open := false // a unit has bytes not yet terminated
	onlyHyphens := true
	start := len(buf)
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '-':
				if open {
					buf = append(buf, 0)
					n++
					open = false
				}
				continue
			case c == '`':
				c = '\''
			case fold && 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			open, onlyHyphens = true, false
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		i += size
		switch {
		case isHyphen(r):
			if open {
				buf = append(buf, 0)
				n++
				open = false
			}
			continue
		case r == '’' || r == 'ʼ' || r == '‘':
			r = '\''
		case fold:
			r = unicode.ToLower(r)
		}
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, t[i-1]) // keep an invalid byte as it is
		} else {
			buf = utf8.AppendRune(buf, r)
		}
		open, onlyHyphens = true, false
	}
	if open {
		buf = append(buf, 0)
		n++
	}
	if onlyHyphens && len(t) > 0 {
		buf = append(buf[:start], "-"...)
		buf = append(buf, 0)
		n = 1
	}
	return buf, n
}

// vocab numbers the distinct units of a dictionary's phrases, from 1. It is
// one open-addressing hash table over one byte slice, so a million units
// cost about 20 bytes each plus their text, with no Go map or string
// headers per unit. A table slot holds a unit id and 32 bits of its hash,
// so that a probe rarely reads a unit's text.
type vocab struct {
	seed  maphash.Seed
	data  []byte   // unit texts back to back
	ends  []uint32 // ends[id-1] is where unit id ends in data; it starts at ends[id-2] (0 for id 1)
	table []uint64 // 0: empty; otherwise hash>>32<<32 | id
}

func newVocab() *vocab {
	return &vocab{seed: maphash.MakeSeed(), table: make([]uint64, 1024)}
}

func (v *vocab) len() int { return len(v.ends) }

func (v *vocab) text(id uint32) []byte {
	start := uint32(0)
	if id > 1 {
		start = v.ends[id-2]
	}
	return v.data[start:v.ends[id-1]]
}

// lookup returns the id of unit u, or 0.
func (v *vocab) lookup(u []byte) uint32 {
	h := maphash.Bytes(v.seed, u)
	return v.find(u, h)
}

func (v *vocab) find(u []byte, h uint64) uint32 {
	mask := uint64(len(v.table) - 1)
	tag := h >> 32 << 32
	for i := h & mask; ; i = (i + 1) & mask {
		slot := v.table[i]
		if slot == 0 {
			return 0
		}
		if slot>>32<<32 == tag {
			if id := uint32(slot); string(v.text(id)) == string(u) {
				return id
			}
		}
	}
}

// add returns the id of unit u, numbering it if it is new.
func (v *vocab) add(u []byte) uint32 {
	h := maphash.Bytes(v.seed, u)
	if id := v.find(u, h); id != 0 {
		return id
	}
	if 2*(len(v.ends)+1) > len(v.table) {
		v.grow()
	}
	v.data = append(v.data, u...)
	v.ends = append(v.ends, uint32(len(v.data)))
	id := uint32(len(v.ends))
	v.insert(id, h)
	return id
}

func (v *vocab) insert(id uint32, h uint64) {
	mask := uint64(len(v.table) - 1)
	i := h & mask
	for v.table[i] != 0 {
		i = (i + 1) & mask
	}
	v.table[i] = h>>32<<32 | uint64(id)
}

func (v *vocab) grow() {
	v.table = make([]uint64, 2*len(v.table))
	for id := uint32(1); id <= uint32(len(v.ends)); id++ {
		v.insert(id, maphash.Bytes(v.seed, v.text(id)))
	}
}

// bytes is the memory the vocabulary holds.
func (v *vocab) bytes() int { return cap(v.data) + 4*cap(v.ends) + 8*cap(v.table) }
