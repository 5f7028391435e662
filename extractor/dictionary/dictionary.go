package dictionary

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Dictionary finds the phrases and patterns of a list of entries in
// tokenized text. It is immutable and safe for concurrent use.
type Dictionary struct {
	voc *vocab
	// The phrases form a trie over unit ids, stored breadth-first: node n's
	// children are the nodes edges[n]+1 ... edges[n+1], and node c's unit
	// is labels[c-1]; children are in increasing order of unit.
	edges  []uint32
	labels []uint32
	// outs[n] is 0 when no phrase ends at node n, e+1 when exactly one
	// case-insensitive phrase of entry e does, and -k-1 when the phrases
	// ending there are multi[k].
	outs  []int32
	multi [][]output
	root  []uint32 // root[u] is the child of the root for unit u, or 0

	recs     []rec
	strs     strings.Builder
	arena    string // strs.String() once built
	meta     []ref  // key, value pairs
	types    []string
	patterns []*pattern
	warnings ErrorList
	phrases  int
	files    []string // the files entries were read from
}

// output is a phrase ending at a trie node.
type output struct {
	entry int32
	exact string // for a case-sensitive phrase, its units unfolded, each ended by a 0 byte
}

// ref is a string in the arena.
type ref struct{ off, n uint32 }

// rec is an entry as kept once built.
type rec struct {
	name, id ref
	meta     uint32 // the entry's metadata pairs are meta[2*m.meta : 2*(m.meta+m.nmeta)]
	nmeta    uint16
	typ      uint16
	caseSens bool
	pattern  bool
	line     uint32
	file     uint16
	named    bool // the entry has a Name of its own; otherwise name holds its first phrase
}

// Options change how [New] treats bad entries.
type Options struct {
	// SkipBad makes New leave out bad entries and conflicting phrases
	// instead of failing; the problems are then [Dictionary.Warnings].
	SkipBad bool
}

// New builds a dictionary from entries. It fails with an [ErrorList] that
// names each bad entry (by its Source, or its index in entries) unless
// opts.SkipBad is set. Phrases that are the same once normalized (see the
// package documentation) and belong to entries of different types are
// conflicts; of entries of one type, the first keeps the phrase and the
// others are a warning.
func New(entries []Entry, opts Options) (*Dictionary, error) {
	b := &builder{d: &Dictionary{voc: newVocab()}, typeIdx: map[string]uint16{}, fileIdx: map[string]uint16{}}
	b.d.recs = make([]rec, 0, len(entries))
	var errs ErrorList
	for i := range entries {
		if err := b.add(&entries[i], i); err != nil {
			errs = append(errs, &Error{Pos: entries[i].Source, Entry: i, Err: err})
		}
	}
	b.build()
	errs = append(errs, b.conflicts...)
	errs.sort()
	if len(errs) > 0 && !opts.SkipBad {
		return nil, errs
	}
	b.d.warnings = append(errs, b.dups...)
	b.d.warnings.sort()
	b.d.arena = b.d.strs.String()
	return b.d, nil
}

// Warnings returns the problems New let pass: duplicate phrases, and with
// SkipBad the bad entries left out.
func (d *Dictionary) Warnings() ErrorList { return d.warnings }

// Len returns the number of entries in d.
func (d *Dictionary) Len() int {
	if d == nil {
		return 0
	}
	return len(d.recs)
}

// Stats describes the size of a dictionary.
type Stats struct {
	Entries, Phrases, Patterns int
	Units                      int // distinct units (see the package documentation)
	Nodes                      int // trie nodes
	Bytes                      int // approximate memory held
}

// Stats returns the size of d.
func (d *Dictionary) Stats() Stats {
	return Stats{
		Entries: len(d.recs), Phrases: d.phrases, Patterns: len(d.patterns),
		Units: d.voc.len(), Nodes: len(d.outs),
		Bytes: d.voc.bytes() + 4*(cap(d.edges)+cap(d.labels)+cap(d.outs)+cap(d.root)) +
			cap(d.recs)*40 + len(d.arena) + 8*cap(d.meta),
	}
}

func (d *Dictionary) str(r ref) string { return d.arena[r.off : r.off+r.n] }

// Entry returns entry i as New kept it, without its phrases or pattern:
// Type is normalized, and Name is the entry's own name ("" if it has none;
// see [Dictionary.Name]).
func (d *Dictionary) Entry(i int) Entry {
	r := &d.recs[i]
	e := Entry{Type: d.types[r.typ], ID: d.str(r.id), CaseSensitive: r.caseSens}
	if r.named {
		e.Name = d.str(r.name)
	}
	if r.nmeta > 0 {
		e.Metadata = make(map[string]string, r.nmeta)
		for k := range int(r.nmeta) {
			p := 2 * (int(r.meta) + k)
			e.Metadata[d.str(d.meta[p])] = d.str(d.meta[p+1])
		}
	}
	if r.line > 0 {
		e.Source = Position{File: d.fileName(r.file), Line: int(r.line)}
	}
	return e
}

// Type returns the normalized type of entry i.
func (d *Dictionary) Type(i int) string { return d.types[d.recs[i].typ] }

// ID returns the external ID of entry i.
func (d *Dictionary) ID(i int) string { return d.str(d.recs[i].id) }

// Name returns the canonical name of entry i and whether the entry names it
// itself: its Name, or else its first phrase; "" for a pattern without a
// Name.
func (d *Dictionary) Name(i int) (string, bool) { return d.str(d.recs[i].name), d.recs[i].named }

type builder struct {
	d         *Dictionary
	typeIdx   map[string]uint16
	fileIdx   map[string]uint16
	files     []string
	seqs      []uint32 // every phrase's units, back to back
	phr       []phrase
	buf       []byte
	conflicts ErrorList
	dups      ErrorList
	sources   []Position // of each entry given to New, for messages
}

// phrase is one phrase being built into the trie.
type phrase struct {
	off, n uint32 // its units are seqs[off:off+n]
	entry  int32
	exact  string // for a case-sensitive phrase, see output.exact
}

func (d *Dictionary) fileName(i uint16) string {
	if int(i) < len(d.files) {
		return d.files[i]
	}
	return ""
}

func (b *builder) intern(s string) ref {
	off := b.d.strs.Len()
	b.d.strs.WriteString(s)
	return ref{uint32(off), uint32(len(s))}
}

// add checks entry e (index i) and adds it.
func (b *builder) add(e *Entry, i int) error {
	typ, err := e.check()
	if err != nil {
		return err
	}
	idx := int32(len(b.d.recs))
	r := rec{caseSens: e.CaseSensitive, pattern: e.Pattern != "", line: uint32(max(e.Source.Line, 0))}
	if e.Pattern != "" {
		p, err := compilePattern(e.Pattern, e.CaseSensitive)
		if err != nil {
			return err
		}
		p.entry = idx
		defer func() { b.d.patterns = append(b.d.patterns, p) }()
	} else {
		// Tokenize every phrase first: a phrase that is too long fails the
		// entry before anything of it is kept.
		start, nphr := len(b.seqs), len(b.phr)
		for k, ph := range e.Phrases {
			toks := tokenize.Tokenize(ph)
			if len(toks) > MaxPhraseTokens {
				b.seqs, b.phr = b.seqs[:start], b.phr[:nphr]
				return fmt.Errorf("%w: phrase %d has %d tokens, the limit is %d", ErrTooLong, k+1, len(toks), MaxPhraseTokens)
			}
			off := len(b.seqs)
			b.buf = b.buf[:0]
			for _, t := range toks {
				b.buf, _ = appendUnits(b.buf, t.Text, true)
			}
			for u := range bytes.SplitSeq(b.buf[:max(len(b.buf)-1, 0)], []byte{0}) {
				b.seqs = append(b.seqs, b.d.voc.add(u))
			}
			p := phrase{off: uint32(off), n: uint32(len(b.seqs) - off), entry: idx}
			if e.CaseSensitive {
				var ex []byte
				for _, t := range toks {
					ex, _ = appendUnits(ex, t.Text, false)
				}
				p.exact = string(ex)
			}
			b.phr = append(b.phr, p)
		}
	}
	t, ok := b.typeIdx[typ]
	if !ok {
		t = uint16(len(b.d.types))
		b.typeIdx[typ] = t
		b.d.types = append(b.d.types, typ)
	}
	r.typ = t
	if e.Source.File != "" {
		f, ok := b.fileIdx[e.Source.File]
		if !ok {
			f = uint16(len(b.files))
			b.fileIdx[e.Source.File] = f
			b.files = append(b.files, e.Source.File)
		}
		r.file = f
	}
	switch {
	case e.Name != "":
		r.name, r.named = b.intern(e.Name), true
	case len(e.Phrases) > 0:
		r.name = b.intern(e.Phrases[0])
	}
	r.id = b.intern(e.ID)
	if len(e.Metadata) > 0 {
		r.meta = uint32(len(b.d.meta) / 2)
		r.nmeta = uint16(len(e.Metadata))
		keys := make([]string, 0, len(e.Metadata))
		for k := range e.Metadata {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b.d.meta = append(b.d.meta, b.intern(k), b.intern(e.Metadata[k]))
		}
	}
	b.d.recs = append(b.d.recs, r)
	b.sources = append(b.sources, e.Source)
	return nil
}

// build makes the trie of every phrase added, breadth-first from the
// phrases sorted by their units.
func (b *builder) build() {
	d := b.d
	d.files = b.files
	d.phrases = len(b.phr)
	seq := func(p *phrase) []uint32 { return b.seqs[p.off : p.off+p.n] }
	order := make([]int32, len(b.phr))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(x, y int32) int { return slices.Compare(seq(&b.phr[x]), seq(&b.phr[y])) })

	type span struct {
		lo, hi uint32 // order[lo:hi] are the phrases through this node
		depth  uint32
	}
	queue := []span{{0, uint32(len(order)), 0}}
	d.edges = make([]uint32, 0, len(order)+1)
	d.labels = make([]uint32, 0, len(order))
	d.outs = make([]int32, 0, len(order)+1)
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		d.edges = append(d.edges, uint32(len(d.labels)))
		lo := s.lo
		// Phrases ending here sort first.
		var outs []output
		for lo < s.hi && b.phr[order[lo]].n == s.depth {
			p := &b.phr[order[lo]]
			outs = b.addOutput(outs, output{entry: p.entry, exact: p.exact})
			lo++
		}
		d.outs = append(d.outs, d.packOutputs(outs))
		for lo < s.hi {
			u := seq(&b.phr[order[lo]])[s.depth]
			hi := lo + 1
			for hi < s.hi && seq(&b.phr[order[hi]])[s.depth] == u {
				hi++
			}
			d.labels = append(d.labels, u)
			queue = append(queue, span{lo, hi, s.depth + 1})
			lo = hi
		}
		if qi > 1<<16 && qi > len(queue)/2 {
			// Drop the spans done so that the queue does not hold every
			// node at once.
			n := copy(queue, queue[qi+1:])
			queue = queue[:n]
			qi = -1
		}
	}
	d.edges = append(d.edges, uint32(len(d.labels)))
	d.root = make([]uint32, d.voc.len()+1)
	for e := d.edges[0]; e < d.edges[1]; e++ {
		d.root[d.labels[e]] = e + 1
	}
	b.seqs, b.phr = nil, nil
}

// addOutput adds o to the outputs of a node, reporting conflicts.
func (b *builder) addOutput(outs []output, o output) []output {
	for _, prev := range outs {
		if prev.exact != o.exact {
			continue
		}
		if prev.entry == o.entry {
			return outs // two aliases of one entry that normalize the same
		}
		a, c := &b.d.recs[prev.entry], &b.d.recs[o.entry]
		pos := b.sources[o.entry]
		if a.typ != c.typ {
			b.conflicts = append(b.conflicts, &Error{Pos: pos, Entry: int(o.entry), Err: fmt.Errorf(
				"%w: a phrase of this %s entry is also a phrase of the %s entry at %s", ErrConflict,
				b.d.types[c.typ], b.d.types[a.typ], b.where(prev.entry))})
		} else {
			b.dups = append(b.dups, &Error{Pos: pos, Entry: int(o.entry), Err: fmt.Errorf(
				"%w: a phrase of this entry is also a phrase of the entry at %s, which keeps it", ErrDuplicate, b.where(prev.entry))})
		}
		return outs
	}
	return append(outs, o)
}

func (b *builder) where(entry int32) string {
	if s := b.sources[entry].String(); s != "" {
		return s
	}
	return fmt.Sprintf("entry %d", entry)
}

func (d *Dictionary) packOutputs(outs []output) int32 {
	switch {
	case len(outs) == 0:
		return 0
	case len(outs) == 1 && outs[0].exact == "":
		return outs[0].entry + 1
	}
	// Case-sensitive phrases are tried first, then the case-insensitive one.
	slices.SortStableFunc(outs, func(x, y output) int {
		return boolOrder(x.exact == "") - boolOrder(y.exact == "")
	})
	d.multi = append(d.multi, slices.Clone(outs))
	return -int32(len(d.multi))
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ErrEmpty is returned by [Load] when it is given no file.
var ErrEmpty = errors.New("no dictionary file")
