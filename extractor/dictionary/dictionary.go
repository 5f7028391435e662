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
	b := newBuilder(len(entries))
	for i := range entries {
		b.addEntry(&entries[i], i)
	}
	return b.finish(nil, opts)
}

// newBuilder returns a builder for about n entries.
func newBuilder(n int) *builder {
	b := &builder{d: &Dictionary{voc: newVocab()}, typeIdx: map[string]uint16{}, fileIdx: map[string]uint16{}, strIdx: map[string]ref{}}
	b.grow(n)
	return b
}

// grow makes room for n more entries.
func (b *builder) grow(n int) {
	b.d.recs = slices.Grow(b.d.recs, n)
	b.phr = slices.Grow(b.phr, n)
	b.seqs = slices.Grow(b.seqs, 3*n)
	b.d.strs.Grow(24 * n)
}

// addEntry adds entry e, the i-th given, or records why it cannot.
func (b *builder) addEntry(e *Entry, i int) {
	if err := b.add(e); err != nil {
		b.errs = append(b.errs, &Error{Pos: e.Source, Entry: i, Err: err})
		return
	}
	b.index = append(b.index, int32(i))
}

// finish builds the trie and returns the dictionary, or the errors found;
// bad holds the lines the parser could not read.
func (b *builder) finish(bad ErrorList, opts Options) (*Dictionary, error) {
	b.build()
	errs := append(bad, b.errs...)
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
	errs      ErrorList
	strIdx    map[string]ref // short strings kept once: metadata keys and repeated values
	words     []string
	index     []int32 // for New: the index in its argument of each entry kept
	exacts    []string
}

// phrase is one phrase being built into the trie. It holds no pointer, so
// that the garbage collector need not scan a million of them.
type phrase struct {
	off, n uint32 // its units are seqs[off:off+n]
	entry  int32
	exact  int32 // for a case-sensitive phrase, its index in builder.exacts (see output.exact); else -1
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

// internShared interns a string that may repeat across entries (a metadata
// key, a category), keeping one copy of each of the first 65536 distinct
// ones.
func (b *builder) internShared(s string) ref {
	if r, ok := b.strIdx[s]; ok {
		return r
	}
	r := b.intern(s)
	if len(b.strIdx) < 1<<16 && len(s) <= 64 {
		b.strIdx[s] = r
	}
	return r
}

// add checks entry e and adds it.
func (b *builder) add(e *Entry) error {
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
			b.words = phraseTokens(b.words[:0], ph)
			if len(b.words) > MaxPhraseTokens {
				b.seqs, b.phr = b.seqs[:start], b.phr[:nphr]
				return fmt.Errorf("%w: phrase %d has %d tokens, the limit is %d", ErrTooLong, k+1, len(b.words), MaxPhraseTokens)
			}
			off := len(b.seqs)
			b.buf = b.buf[:0]
			for _, t := range b.words {
				b.buf, _ = appendUnits(b.buf, t, true)
			}
			for u := range bytes.SplitSeq(b.buf[:max(len(b.buf)-1, 0)], []byte{0}) {
				b.seqs = append(b.seqs, b.d.voc.add(u))
			}
			p := phrase{off: uint32(off), n: uint32(len(b.seqs) - off), entry: idx, exact: -1}
			if e.CaseSensitive {
				var ex []byte
				for _, t := range b.words {
					ex, _ = appendUnits(ex, t, false)
				}
				p.exact = int32(len(b.exacts))
				b.exacts = append(b.exacts, string(ex))
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
			b.d.meta = append(b.d.meta, b.internShared(k), b.internShared(e.Metadata[k]))
		}
	}
	b.d.recs = append(b.d.recs, r)
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
			o := output{entry: p.entry}
			if p.exact >= 0 {
				o.exact = b.exacts[p.exact]
			}
			outs = b.addOutput(outs, o)
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
		pos := b.pos(o.entry)
		if a.typ != c.typ {
			b.conflicts = append(b.conflicts, &Error{Pos: pos, Entry: b.given(o.entry), Err: fmt.Errorf(
				"%w: a phrase of this %s entry is also a phrase of the %s entry %s", ErrConflict,
				b.d.types[c.typ], b.d.types[a.typ], b.where(prev.entry))})
		} else {
			b.dups = append(b.dups, &Error{Pos: pos, Entry: b.given(o.entry), Err: fmt.Errorf(
				"%w: a phrase of this entry is also a phrase of the entry %s, which keeps it", ErrDuplicate, b.where(prev.entry))})
		}
		return outs
	}
	return append(outs, o)
}

func (b *builder) pos(entry int32) Position {
	r := &b.d.recs[entry]
	if r.line == 0 {
		return Position{}
	}
	return Position{File: b.files[r.file], Line: int(r.line)}
}

// where names an entry in a message: "at words.tsv:3", or "[3]" for an
// entry given to New without a position.
func (b *builder) where(entry int32) string {
	if s := b.pos(entry).String(); s != "" {
		return "at " + s
	}
	return fmt.Sprintf("[%d]", b.given(entry))
}

// given returns the index in New's argument of the entry kept as entry, or
// -1 for an entry read by Load.
func (b *builder) given(entry int32) int {
	if int(entry) < len(b.index) {
		return int(b.index[entry])
	}
	return -1
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

// phraseTokens appends the tokens of a phrase to dst, as the tokenizer
// splits text; a phrase of ASCII letters, digits and spaces only is split
// at its spaces without running the tokenizer, which would split it the
// same way.
func phraseTokens(dst []string, ph string) []string {
	for i := 0; i < len(ph); i++ {
		c := ph[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ' ') {
			for _, t := range tokenize.Tokenize(ph) {
				dst = append(dst, t.Text)
			}
			return dst
		}
	}
	for w := range strings.FieldsSeq(ph) {
		dst = append(dst, w)
	}
	return dst
}
