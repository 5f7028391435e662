package ner

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Label is the type of a named-entity mention.
type Label uint8

// The labels of the CoNLL-2003 scheme.
const (
	PER Label = iota + 1
	LOC
	ORG
	MISC
)

// Mention is a run of tokens, toks[First:Last], that names an entity.
type Mention struct {
	First, Last int // token indices, half-open
	Label       Label
	Confidence  float64 // in [0,1]: the model's probability of exactly this span and type
}

// ErrBadModel is returned by [Load] for data that is not a model file.
var ErrBadModel = errors.New("ner: not a valid model file")

const (
	magic        = "EXTRACTD-NER"
	formatVer    = 4 // what WriteTo writes; Load also reads versions 2 and 3
	formatVer3   = 3
	formatVer2   = 2
	rowWidth     = 2 * numLabels // stage-1 then stage-2 weights of a feature
	maxInfoBytes = 1 << 16
)

// Model is a trained tagger: an averaged perceptron over BILOU labels with
// Viterbi decoding, optionally in two stages. It is safe for concurrent use.
type Model struct {
	fs     featureSet
	fast   fastTable // feature key → both stages' weights, times scale
	scale  float32
	trans1 [numLabels * numLabels]float32 // masked
	trans2 [numLabels * numLabels]float32
	// trans1 and trans2 laid out for Viterbi
	vit1, vit2 viterbiTrans
	temp       float32 // confidence temperature
	// exp(trans/temp) for the confidences
	expTrans1, expTrans2 *confTrans
	twoStage             bool
	info                 string
	id                   Identity
	idData               []byte    // the bytes whose hash id.SHA256 is, until Identity hashes them
	idOnce               sync.Once // Identity's hashing
	// Tag's scratch state, kept between calls: besides its buffers it
	// remembers the analysis and weight sums of the words it has seen. A
	// sync.Pool would drop it at every other garbage collection.
	freeOnce sync.Once
	free     chan *tagScratch
	nlOnce   sync.Once
	nl       *nonLocalTable
}

//go:embed model/ner.model
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model embedded in the binary. It is read once, on the
// first call; later calls return the same model.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		// The embedded bytes are used in place: nothing is copied or built.
		// They are part of the binary, so their checksum and the bounds of
		// the feature rows are not checked at every start
		// (TestEmbeddedChecksum checks them).
		defaultModel, defaultErr = loadBytesTrusted(embedded)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("ner: embedded model: %w", defaultErr)
			return
		}
		defaultModel.id.Name = "embedded"
	})
	return defaultModel, defaultErr
}

// LoadFile reads the model file at path.
func LoadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		return nil, err
	}
	m.id.Name = filepath.Base(path)
	return m, nil
}

// Info describes how the model was trained (data, settings, dev scores).
func (m *Model) Info() string { return m.info }

// Groups reports the feature groups the model uses (GroupGazetteers, …).
func (m *Model) Groups() int { return m.fs.groups }

// maxModelBytes bounds the size of a model file.
const maxModelBytes = 256 << 20

// fileHeader is the fixed-size header of a model file, after the magic and
// the format version; Load reads and WriteTo writes it little-endian.
type fileHeader struct {
	Groups   uint32 // the feature groups the model was trained with
	TwoStage uint8  // 1 if the model has the non-local second stage
	HasGaz   uint8  // 1 if name lists follow
	HasClus  uint8  // 1 if word clusters follow
	Scale    float32
	Temp     float32 // confidence temperature
	Trans1   [numLabels * numLabels]float32
	Trans2   [numLabels * numLabels]float32
}

// Load reads a model file written by [Model.WriteTo]. The file may also be
// gzip-compressed.
func Load(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxModelBytes+1))
	if err != nil {
		return nil, err
	}
	return loadBytes(data)
}

// loadBytes reads a model file held in data. A file of the current format
// is used in place: the model's tables are data's own bytes, so data must
// not change afterwards.
func loadBytes(data []byte) (*Model, error) { return loadData(data, true) }

// loadBytesTrusted is loadBytes without the checksum and the checks of the
// feature rows and of the tables' key order, for bytes that cannot have
// been cut short or changed: the binary's own.
func loadBytesTrusted(data []byte) (*Model, error) { return loadData(data, false) }

func loadData(data []byte, verify bool) (*Model, error) {
	if len(data) > maxModelBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrBadModel, maxModelBytes)
	}
	raw := data // what Identity hashes
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
		}
		data, err = io.ReadAll(io.LimitReader(zr, maxModelBytes+1))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
		}
		if len(data) > maxModelBytes {
			return nil, fmt.Errorf("%w: larger than %d bytes", ErrBadModel, maxModelBytes)
		}
	}
	if len(data) < len(magic)+4 {
		return nil, fmt.Errorf("%w: too short", ErrBadModel)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if verify && crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch (truncated or corrupt)", ErrBadModel)
	}
	var m *Model
	var err error
	if ver, n := binary.Uvarint(body[len(magic):]); n > 0 && (ver == formatVer || ver == formatVer3) {
		m, err = readModelInPlace(body, ver, verify)
	} else {
		m, err = readModel(bytes.NewReader(body))
	}
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("truncated")
		}
		return nil, fmt.Errorf("%w: %v", ErrBadModel, err)
	}
	m.idData = raw
	return m, nil
}

// readHeader reads the magic, the version and the fixed header.
func readHeader(r byteReader, want uint64) (*Model, fileHeader, error) {
	var hdr fileHeader
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil {
		return nil, hdr, err
	}
	if string(head) != magic {
		return nil, hdr, errors.New("bad magic")
	}
	ver, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, hdr, err
	}
	if ver != want {
		return nil, hdr, fmt.Errorf("format version %d, want %d to %d", ver, formatVer2, formatVer)
	}
	if err := binary.Read(r, binary.LittleEndian, &hdr); err != nil {
		return nil, hdr, err
	}
	if hdr.Scale <= 0 || hdr.Temp <= 0 || math.IsNaN(float64(hdr.Scale)) || math.IsNaN(float64(hdr.Temp)) {
		return nil, hdr, errors.New("bad header")
	}
	m := &Model{}
	m.fs.groups = int(hdr.Groups)
	m.twoStage = hdr.TwoStage != 0
	m.scale, m.temp = hdr.Scale, hdr.Temp
	for i := range hdr.Trans1 {
		m.trans1[i] = hdr.Trans1[i] + transMask[i]
		m.trans2[i] = hdr.Trans2[i] + transMask[i]
	}
	return m, hdr, nil
}

// readModelInPlace reads a file of format 4 (or 3), body being the whole
// file but its checksum. Its tables stay in body (see [frozen]). The
// feature section of format 4 is the number of rows, their width and the
// number of sparse entries (uint32 each), a frozen table from feature key
// to row (see [sparseRef]), then the entries of the rows (see
// [fastTable]), in order of feature frequency in training. Format 3 had
// dense rows (rowWidth int16 each) and a table from key to row number;
// they are made sparse here.
func readModelInPlace(body []byte, ver uint64, verify bool) (*Model, error) {
	r := bytes.NewReader(body)
	m, hdr, err := readHeader(r, ver)
	if err != nil {
		return nil, err
	}
	s := &section{data: body, off: len(body) - r.Len()}
	s.align(8)
	if hdr.HasGaz != 0 {
		f, err := readFrozen(s, verify)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		m.fs.gaz = &gazetteer{t: &table{fz: f, n: f.n}}
	}
	if hdr.HasClus != 0 {
		f, err := readFrozen(s, verify)
		if err != nil {
			return nil, fmt.Errorf("clusters: %w", err)
		}
		m.fs.clusters = &clusterMap{t: &table{fz: f, n: f.n}}
	}
	if m.fs.groups&GroupPriors != 0 {
		f, err := readFrozen(s, verify)
		if err != nil {
			return nil, fmt.Errorf("name priors: %w", err)
		}
		m.fs.priors = &priorTable{t: &table{fz: f, n: f.n}}
	}
	nrows, width := int(s.uint32()), int(s.uint32())
	nents := 0
	if ver == formatVer {
		nents = int(s.uint32())
	}
	if s.err != nil {
		return nil, s.err
	}
	if width != rowWidth {
		return nil, fmt.Errorf("feature rows of %d weights, want %d", width, rowWidth)
	}
	if nrows > maxTableEntries || nents > 1<<26 || nents > len(body) {
		return nil, errors.New("too many features")
	}
	var ents, idx []uint32
	var mask, shift uint32
	if ver == formatVer {
		nslots := int(s.uint32())
		s.align(8)
		if nslots < 16 || nslots&(nslots-1) != 0 || nslots <= nrows || nslots > 2*maxTableEntries {
			return nil, errors.New("bad feature index size")
		}
		idx = view[uint32](s.bytes(8*nslots), 2*nslots)
		ents = view[uint32](s.bytes(4*nents), nents)
		if s.err != nil {
			return nil, s.err
		}
		if err := checkRows(idx, ents, nrows, verify); err != nil {
			return nil, err
		}
		mask, shift = uint32(nslots-1), uint32(32-bits.Len(uint(nslots-1)))
	} else {
		// Format 3: a frozen table from key to row number, dense rows.
		f, err := readFrozen(s, verify)
		if err != nil {
			return nil, fmt.Errorf("features: %w", err)
		}
		if f.n != nrows || f.width != 4 {
			return nil, errors.New("bad feature index")
		}
		seen := make([]bool, nrows)
		for _, r := range f.vals32 {
			if r >= uint32(nrows) || seen[r] {
				return nil, errors.New("bad feature row")
			}
			seen[r] = true
		}
		dense := view[int16](s.bytes(2*rowWidth*nrows), nrows*rowWidth)
		if s.err != nil {
			return nil, s.err
		}
		refs := make([]uint32, nrows)
		for r := range nrows {
			off := len(ents)
			for j, v := range dense[r*rowWidth : (r+1)*rowWidth] {
				if v != 0 {
					ents = append(ents, uint32(j)<<16|uint32(uint16(v)))
				}
			}
			refs[r] = sparseRef(off, len(ents)-off)
		}
		keys, krefs := make([]uint32, 0, nrows), make([]uint32, 0, nrows)
		f.each(func(k, r uint32) {
			keys = append(keys, k)
			krefs = append(krefs, refs[r])
		})
		idx, mask, shift = buildIndex(keys, krefs)
	}
	s.align(8)
	il := int(s.uint32())
	if il > maxInfoBytes {
		return nil, errors.New("info too long")
	}
	info := s.bytes(il)
	if s.err != nil {
		return nil, s.err
	}
	if s.off != len(body) {
		return nil, errors.New("trailing bytes")
	}
	m.fast = fastTable{idx: idx, ents: ents, n: nrows, mask: mask, shift: shift}
	m.info = string(info)
	m.setTemp(m.temp)
	return m, nil
}

// checkRows checks that every slot of a feature index points inside ents,
// that nrows slots are used and that every weight's label is a label. With
// verify false (the binary's own model, checked by TestEmbeddedChecksum) it
// checks nothing.
func checkRows(idx, ents []uint32, nrows int, verify bool) error {
	if !verify {
		return nil
	}
	nents := len(ents)
	used := 0
	for i := 0; i < len(idx); i += 2 {
		if idx[i] == 0 {
			continue
		}
		used++
		if ref := idx[i+1]; int(ref>>6)+int(ref&63) > nents || ref&63 > rowWidth {
			return errors.New("bad feature row")
		}
	}
	if used != nrows {
		return errors.New("bad feature index")
	}
	for _, e := range ents {
		if e>>16 >= rowWidth {
			return errors.New("bad feature weight")
		}
	}
	return nil
}

// readModel reads a file of format version 2, whose tables are built
// from varint-coded lists.
func readModel(r byteReader) (*Model, error) {
	m, hdr, err := readHeader(r, formatVer2)
	if err != nil {
		return nil, err
	}
	if hdr.HasGaz != 0 {
		if m.fs.gaz, err = readGazetteer(r); err != nil {
			return nil, err
		}
	}
	if hdr.HasClus != 0 {
		if m.fs.clusters, err = readClusterMap(r); err != nil {
			return nil, err
		}
	}
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > maxTableEntries {
		return nil, errors.New("too many features")
	}
	m.fast = newFast(int(n))
	var ws [rowWidth]int16
	var kb [4]byte
	for range int(n) {
		if _, err := io.ReadFull(r, kb[:]); err != nil {
			return nil, err
		}
		k := binary.LittleEndian.Uint32(kb[:])
		if k == 0 {
			return nil, errors.New("zero feature key")
		}
		if _, dup := m.fast.find(k); dup {
			return nil, errors.New("duplicate feature key")
		}
		mask, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		ws = [rowWidth]int16{}
		for j := range rowWidth {
			if mask&(1<<j) == 0 {
				continue
			}
			v, err := binary.ReadVarint(r)
			if err != nil {
				return nil, err
			}
			if v < math.MinInt16 || v > math.MaxInt16 {
				return nil, errors.New("weight out of range")
			}
			ws[j] = int16(v)
		}
		m.fast.put(k, ws[:])
	}
	il, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if il > maxInfoBytes {
		return nil, errors.New("info too long")
	}
	info := make([]byte, il)
	if _, err := io.ReadFull(r, info); err != nil {
		return nil, err
	}
	m.info = string(info)
	m.setTemp(m.temp)
	return m, nil
}

// WriteTo writes the model in the format [Load] reads (version 4), ending
// in a CRC-32 of the rest.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	buf, err := m.appendHead(nil, formatVer)
	if err != nil {
		return 0, err
	}
	// The rows, sparse, in row order, and the index from key to row.
	var ents, keys, refs []uint32
	m.fast.eachRow(func(k uint32, ws *[rowWidth]int16) {
		off := len(ents)
		for j, v := range ws {
			if v != 0 {
				ents = append(ents, uint32(j)<<16|uint32(uint16(v)))
			}
		}
		keys = append(keys, k)
		refs = append(refs, sparseRef(off, len(ents)-off))
	})
	idx, _, _ := buildIndex(sortPairs(keys, refs))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(keys)))
	buf = binary.LittleEndian.AppendUint32(buf, rowWidth)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(ents)))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(idx)/2))
	for _, v := range idx {
		buf = binary.LittleEndian.AppendUint32(buf, v)
	}
	for _, e := range ents {
		buf = binary.LittleEndian.AppendUint32(buf, e)
	}
	buf = m.appendTail(pad(buf, 8))
	n, err := w.Write(buf)
	return int64(n), err
}

// sortPairs returns keys in increasing order and vals in the same order.
func sortPairs(keys, vals []uint32) ([]uint32, []uint32) {
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	k, v := make([]uint32, len(keys)), make([]uint32, len(keys))
	for i, o := range order {
		k[i], v[i] = keys[o], vals[o]
	}
	return k, v
}

// appendHead appends the magic, the version, the header, the name lists and
// the clusters.
func (m *Model) appendHead(buf []byte, ver byte) ([]byte, error) {
	buf = append(append(buf, magic...), ver)
	var hdr fileHeader
	hdr.Groups = uint32(m.fs.groups)
	if m.twoStage {
		hdr.TwoStage = 1
	}
	if m.fs.gaz != nil {
		hdr.HasGaz = 1
	}
	if m.fs.clusters != nil {
		hdr.HasClus = 1
	}
	hdr.Scale, hdr.Temp = m.scale, m.temp
	for i := range hdr.Trans1 {
		if transMask[i] == 0 {
			hdr.Trans1[i], hdr.Trans2[i] = m.trans1[i], m.trans2[i]
		}
	}
	buf, err := binary.Append(buf, binary.LittleEndian, &hdr)
	if err != nil {
		return nil, err
	}
	buf = pad(buf, 8)
	if m.fs.gaz != nil {
		keys, vals := m.fs.gaz.t.pairs()
		buf = appendFrozen(buf, keys, vals, 1)
	}
	if m.fs.clusters != nil {
		keys, vals := m.fs.clusters.t.pairs()
		buf = appendFrozen(buf, keys, vals, 1)
	}
	// The name priors follow when the feature groups say so: files
	// without them read as before.
	if m.fs.groups&GroupPriors != 0 {
		if m.fs.priors == nil {
			return nil, errors.New("ner: GroupPriors without name priors")
		}
		keys, vals := m.fs.priors.t.pairs()
		buf = appendFrozen(buf, keys, vals, 1)
	}
	return buf, nil
}

// appendTail appends the info text and the checksum of all of buf.
func (m *Model) appendTail(buf []byte) []byte {
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(m.info)))
	buf = append(buf, m.info...)
	buf = binary.LittleEndian.AppendUint32(buf, crc32.ChecksumIEEE(buf))
	return buf
}

// setTemp sets the confidence temperature, and makes the tables that
// decoding reads from the transitions.
func (m *Model) setTemp(t float32) {
	m.temp = t
	m.vit1.set(&m.trans1)
	m.vit2.set(&m.trans2)
	m.expTrans1 = expTrans(&m.trans1, t)
	m.expTrans2 = expTrans(&m.trans2, t)
}

// tagScratch is the reusable state of Tag calls.
type tagScratch struct {
	doc      docScratch
	words    []string
	sents    [][2]int
	em1, em2 []float32
	acc      rowAcc
	wsums    []int32 // per distinct word (see docScratch.lex) and slot, 1 + the index of its sum in sums (see wordSums)
	lexGen   int     // the docScratch.lexGen that wsums and sums are for
	sums     slab
	edge     [numNeighbourPos][rowWidth]int32 // what the sentence's edge gives a token at each neighbour position
	near     []int32                          // per token of a sentence and neighbour position, the index in sums, or -1 for edge
	nkeys    []uint32                         // keys of the sums to make
	nrefs    []uint32
	noffs    []int32
	todo     []int32  // the sums to make: indexes in sums, or ^index in wins
	winIdx   winTable // the features of a token's shape window (docScratch.win) → index of their sum in wins
	wins     slab
	wnear    []int32   // per token of a sentence, the index in wins of its window's sum
	score    []float32 // Viterbi's
	labels1  []int
	labels2  []int
	conf     confScratch
	nl       []uint32
	refs     []uint32 // where the rows of a sentence's features are, parallel to doc.keys
	noConf   bool     // skip the confidence pass
}

func (m *Model) scratch() *tagScratch {
	m.freeOnce.Do(func() { m.free = make(chan *tagScratch, runtime.GOMAXPROCS(0)) })
	select {
	case s := <-m.free:
		return s
	default:
		return &tagScratch{}
	}
}

// release gives s back for the next call; beyond as many as there are
// processors, it is left to the garbage collector.
func (m *Model) release(s *tagScratch) {
	select {
	case m.free <- s:
	default:
	}
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// Tag finds the mentions in tokenized, segmented text, in text order. It
// checks ctx between sentences and returns ctx's error if ctx ends first.
func (m *Model) Tag(ctx context.Context, text string, toks []tokenize.Token, sents []segment.Sentence) ([]Mention, error) {
	return m.TagWith(ctx, text, toks, sents, TagOptions{})
}

// TagOptions change what [Model.TagWith] computes.
type TagOptions struct {
	// SkipConfidence leaves every Mention's Confidence at 0 and saves the
	// forward-backward pass that computes them (about a tenth of the
	// tagger's time). The mentions are the same.
	SkipConfidence bool
}

// TagWith is [Model.Tag] with options.
func (m *Model) TagWith(ctx context.Context, text string, toks []tokenize.Token, sents []segment.Sentence, opts TagOptions) ([]Mention, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, nil
	}
	s := m.scratch()
	defer m.release(s)
	s.noConf = opts.SkipConfidence
	s.words = grow(s.words, len(toks))
	for i, t := range toks {
		s.words[i] = t.Text
	}
	s.sents = s.sents[:0]
	for _, se := range sents {
		if se.Last > se.First && se.First >= 0 && se.Last <= len(toks) {
			s.sents = append(s.sents, [2]int{se.First, se.Last})
		}
	}
	if len(s.sents) == 0 {
		s.sents = append(s.sents, [2]int{0, len(toks)})
	}
	ms, err := m.tagWords(ctx, s)
	clear(s.words) // drop references to the caller's text
	s.noConf = false
	return ms, err
}

// tagWords tags s.words split into s.sents.
func (m *Model) tagWords(ctx context.Context, s *tagScratch) ([]Mention, error) {
	n := len(s.words)
	m.fs.analyze(&s.doc, s.words, s.sents)
	s.labels1 = grow(s.labels1, n)
	s.labels2 = grow(s.labels2, n)
	maxLen := 0
	for _, sr := range s.sents {
		maxLen = max(maxLen, sr[1]-sr[0])
	}
	s.score = grow(s.score, maxLen*numLabels)
	// Stage 1's scores are needed one sentence at a time when stage 2
	// follows (they end in labels1); em1[(i-first1)*numLabels:] is token i's.
	s.em2 = grow(s.em2, n*numLabels)
	if m.twoStage {
		s.em1 = grow(s.em1, maxLen*numLabels)
	} else {
		s.em1 = grow(s.em1, n*numLabels)
	}
	// The weights of the features of a word alone, and of the features a
	// word gives its neighbours (see [featureSet.neighbourKeys]), are
	// summed once per distinct word and kept for the next documents, as
	// long as the words' analysis is (see docScratch.lex).
	if s.lexGen != s.doc.lexGen {
		s.wsums = s.wsums[:0]
		s.sums.reset()
		s.lexGen = s.doc.lexGen
	}
	if s.winIdx.n > maxLexWords {
		s.winIdx.reset()
		s.wins.reset()
	}
	if s.wsums == nil {
		s.wsums = make([]int32, 0, numSumSlots*maxLexWords)
	}
	if n := numSumSlots * len(s.doc.lex); n > len(s.wsums) {
		s.wsums = append(s.wsums, make([]int32, n-len(s.wsums))...)
	}
	m.edgeSums(s)
	for si, sr := range s.sents {
		if si%16 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		// Feature keys are made one sentence at a time, so their memory is
		// bounded by the longest sentence, not by the document.
		m.fs.localKeys(&s.doc, s.sents[si:si+1], true)
		keys, offs := s.doc.keys, s.doc.offs
		first1 := 0
		if m.twoStage {
			first1 = sr[0]
		}
		m.wordSums(s, sr)
		// All the sentence's lookups first, in one loop: they are
		// independent, so the processor overlaps their cache misses.
		s.refs = grow(s.refs, len(keys))
		for j := range sr[1] - sr[0] {
			m.lookup(s.refs[offs[j]:offs[j+1]], keys[offs[j]:offs[j+1]])
		}
		for i := sr[0]; i < sr[1]; i++ {
			j := i - sr[0]
			var near [numNeighbourPos]*[rowWidth]int32
			for p, t := range s.near[numNeighbourPos*j : numNeighbourPos*(j+1)] {
				if t < 0 {
					near[p] = &s.edge[p]
				} else {
					near[p] = s.sums.at(t)
				}
			}
			s.acc = rowAcc{}
			m.addRows(s.refs[offs[j]:offs[j+1]], &s.acc)
			sums := tokenSums{word: s.sums.at(s.wsums[numSumSlots*int(s.doc.info[i].wid)] - 1), near: &near, win: s.wins.at(s.wnear[j])}
			sums.emit((*[rowWidth]int32)(s.acc[:rowWidth]), (*[numLabels]float32)(s.em1[(i-first1)*numLabels:]), (*[numLabels]float32)(s.em2[i*numLabels:]), m.scale)
		}
		viterbi(s.em1[(sr[0]-first1)*numLabels:], &m.vit1, sr[1]-sr[0], s.score, s.labels1[sr[0]:])
	}
	labels, em := s.labels1, s.em1
	if m.twoStage {
		s.doc.countNonLocal(s.labels1)
		nl := m.nonLocal()
		for si, sr := range s.sents {
			if si%16 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			for i := sr[0]; i < sr[1]; i++ {
				s.nl = s.doc.nonLocalKeys(s.nl[:0], i, s.labels1, sr[0], sr[1])
				e := (*[numLabels]float32)(s.em2[i*numLabels : (i+1)*numLabels])
				for _, k := range s.nl {
					m.addNonLocal(nl, k, e)
				}
			}
			viterbi(s.em2[sr[0]*numLabels:], &m.vit2, sr[1]-sr[0], s.score, s.labels2[sr[0]:])
		}
		labels, em = s.labels2, s.em2
	}
	var out []Mention
	et := m.expTrans2
	if !m.twoStage {
		et = m.expTrans1
	}
	for _, sr := range s.sents {
		k := len(out)
		out = spansOf(labels[sr[0]:sr[1]], sr[0], out)
		if s.noConf {
			continue
		}
		spanConfidence(em[sr[0]*numLabels:], et, sr[1]-sr[0], m.temp, labels[sr[0]:sr[1]], out[k:], sr[0], &s.conf)
	}
	return out, nil
}

// winTable maps the features of a token's shape window to an index: an
// open-addressing table, at most half full, over the features, which are
// hashes already (a map with an array key hashes it through a call).
type winTable struct {
	slots []winSlot // a power of two of them
	n     int
}

type winSlot struct {
	key [numWinKeys]uint32
	idx int32 // 1 + the index; 0 for an empty slot
}

func winHash(w *[numWinKeys]uint32) int {
	h := w[0]*0x9e3779b1 ^ w[1]
	h = h*0x85ebca6b ^ w[2]
	h = h*0xc2b2ae35 ^ w[3]
	return int(h ^ h>>16)
}

// get returns the index of w, and whether w is in t.
func (t *winTable) get(w *[numWinKeys]uint32) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := len(t.slots) - 1
	for i := winHash(w) & mask; ; i = (i + 1) & mask {
		switch sl := &t.slots[i]; {
		case sl.idx == 0:
			return 0, false
		case sl.key == *w:
			return sl.idx - 1, true
		}
	}
}

// put adds w, which is not in t, with index idx.
func (t *winTable) put(w *[numWinKeys]uint32, idx int32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots, t.n = make([]winSlot, max(1024, 2*len(old))), 0
		for i := range old {
			if old[i].idx != 0 {
				t.put(&old[i].key, old[i].idx-1)
			}
		}
	}
	mask := len(t.slots) - 1
	i := winHash(w) & mask
	for t.slots[i].idx != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = winSlot{key: *w, idx: idx + 1}
	t.n++
}

// reset empties t, keeping its memory.
func (t *winTable) reset() {
	clear(t.slots)
	t.n = 0
}

// slab holds weight sums. It grows by chunks, so that a sum stays where it
// is and growing copies nothing.
type slab struct {
	chunks []*[slabChunk][rowWidth]int32
	n      int32
}

const slabChunk = 256

// add appends a zero sum and returns its index.
func (sl *slab) add() int32 {
	if int(sl.n)/slabChunk == len(sl.chunks) {
		sl.chunks = append(sl.chunks, new([slabChunk][rowWidth]int32))
	}
	i := sl.n
	sl.chunks[i/slabChunk][i%slabChunk] = [rowWidth]int32{}
	sl.n++
	return i
}

// at returns sum i.
func (sl *slab) at(i int32) *[rowWidth]int32 { return &sl.chunks[i/slabChunk][i%slabChunk] }

// reset empties the slab, keeping its memory.
func (sl *slab) reset() { sl.n = 0 }

// numSumSlots is the number of sums a distinct word may have: its own
// features', then what it gives a token at each neighbouring position.
const numSumSlots = 1 + numNeighbourPos

// tokenSums are the kept sums a token adds: its word's, those its
// neighbours give it and its window's.
type tokenSums struct {
	word *[rowWidth]int32
	near *[numNeighbourPos]*[rowWidth]int32
	win  *[rowWidth]int32
}

// emit sets the token's stage-1 and stage-2 scores e1 and e2 to scale
// times the sum of rows (the weights of its other features) and ts, in one
// pass. The sums are integers: their order does not change them.
func (ts tokenSums) emit(rows *[rowWidth]int32, e1, e2 *[numLabels]float32, scale float32) {
	w, m2, m1, p1, p2, win := ts.word, ts.near[posM2], ts.near[posM1], ts.near[posP1], ts.near[posP2], ts.win
	_, _, _, _, _, _, _, _, _ = *rows, *w, *m2, *m1, *p1, *p2, *win, *e1, *e2 // checked for nil once, not in the loop
	for y := range numLabels {
		e1[y] = float32(rows[y]+w[y]+m2[y]+m1[y]+p1[y]+p2[y]+win[y]) * scale
		z := numLabels + y
		e2[y] = float32(rows[z]+w[z]+m2[z]+m1[z]+p1[z]+p2[z]+win[z]) * scale
	}
}

// edgeSums sets s.edge to the sums of the features of a sentence's edges
// (see [featureSet.neighbourKeys]).
func (m *Model) edgeSums(s *tagScratch) {
	for p := range numNeighbourPos {
		s.nkeys = m.fs.neighbourKeys(s.nkeys[:0], nil, p)
		s.nrefs = grow(s.nrefs, len(s.nkeys))
		m.lookup(s.nrefs, s.nkeys)
		s.acc = rowAcc{}
		m.addRows(s.nrefs, &s.acc)
		s.edge[p] = [rowWidth]int32(s.acc[:rowWidth])
	}
}

// wordSums makes sure the words of sentence sr have their sums in s.sums
// (s.wsums[numSumSlots*wid+slot] is 1 + the index of word wid's sum for
// slot: 0 for its own features, 1+pos for neighbour position pos), making
// the missing ones with all their lookups in one loop, and sets s.near to
// the index of the neighbour sums each token adds (-1 for the sentence's
// edge, whose sums are s.edge).
func (m *Model) wordSums(s *tagScratch, sr [2]int) {
	info := s.doc.info
	s.nkeys = s.nkeys[:0]
	s.noffs = append(s.noffs[:0], 0)
	s.todo = s.todo[:0]
	s.near = s.near[:0]
	// need returns the index in s.sums of word wid's sum for slot,
	// queueing its keys if it is new.
	need := func(ti *tokInfo, slot int) int32 {
		w := &s.wsums[numSumSlots*int(ti.wid)+slot]
		if *w == 0 {
			*w = s.sums.add() + 1
			if slot == 0 {
				s.nkeys = m.fs.wordKeys(s.nkeys, ti, &s.doc.affixes[ti.wid])
			} else {
				s.nkeys = m.fs.neighbourKeys(s.nkeys, ti, slot-1)
			}
			s.noffs = append(s.noffs, int32(len(s.nkeys)))
			s.todo = append(s.todo, *w-1)
		}
		return *w - 1
	}
	lo, hi := sr[0], sr[1]
	s.wnear = s.wnear[:0]
	for i := lo; i < hi; i++ {
		j := i - lo
		need(&info[i], 0)
		for p, d := range [numNeighbourPos]int{-2, -1, 1, 2} {
			if n := i + d; n >= lo && n < hi {
				s.near = append(s.near, need(&info[n], 1+p))
			} else {
				s.near = append(s.near, -1)
			}
		}
		// The features of the shapes and capitalization around the
		// token take few distinct values: their sums are kept too.
		w := &s.doc.win[j]
		idx, ok := s.winIdx.get(w)
		if !ok {
			idx = s.wins.add()
			s.winIdx.put(w, idx)
			s.nkeys = append(s.nkeys, w[:]...)
			s.noffs = append(s.noffs, int32(len(s.nkeys)))
			s.todo = append(s.todo, ^idx)
		}
		s.wnear = append(s.wnear, idx)
	}
	if len(s.todo) == 0 {
		return
	}
	s.nrefs = grow(s.nrefs, len(s.nkeys))
	m.lookup(s.nrefs, s.nkeys)
	for t, idx := range s.todo {
		s.acc = rowAcc{}
		m.addRows(s.nrefs[s.noffs[t]:s.noffs[t+1]], &s.acc)
		if idx >= 0 {
			*s.sums.at(idx) = [rowWidth]int32(s.acc[:rowWidth])
		} else {
			*s.wins.at(^idx) = [rowWidth]int32(s.acc[:rowWidth])
		}
	}
}

// lookup sets refs[i], for each keys[i], to what [Model.addRows] needs to
// add its row, or 0 if the key has no row.
func (m *Model) lookup(refs, keys []uint32) {
	if m.fast.frozen() {
		m.fast.lookup(refs, keys)
		return
	}
	for n, k := range keys {
		refs[n] = 0
		if r, ok := m.fast.find(k); ok {
			refs[n] = r + 1
		}
	}
}

// rowAcc holds the sums of rows as [Model.addRows] makes them, in its first
// rowWidth entries: its length, a power of two, lets a label masked by
// it index it without a check of bounds.
type rowAcc [64]int32

// addRows adds the rows that refs (from [Model.lookup]) point to to acc.
func (m *Model) addRows(refs []uint32, acc *rowAcc) {
	ft := &m.fast
	if ft.frozen() {
		ft.addRows(refs, acc)
		return
	}
	for _, r := range refs {
		if r == 0 {
			continue
		}
		ws := ft.row(r - 1)
		for j := range ws {
			acc[j] += int32(ws[j])
		}
	}
}

// lookup sets refs[i], for each keys[i], to where its row is (see
// [sparseRef]), or 0 if the key has no row. Doing a sentence's lookups in
// one loop lets the processor overlap their cache misses: each lookup is
// independent of the others.
func (ft *fastTable) lookup(refs, keys []uint32) {
	idx, mask, shift := ft.idx, ft.mask, ft.shift
	for n, k := range keys {
		ref := uint32(0)
		for i := k >> shift; ; i = (i + 1) & mask {
			if c := idx[2*i]; c == k {
				ref = idx[2*i+1]
				break
			} else if c == 0 {
				break
			}
		}
		refs[n] = ref
	}
}

// addRows adds the rows that refs point to to acc. The labels are below
// rowWidth (checkRows): masking them only spares the check of bounds.
func (ft *fastTable) addRows(refs []uint32, acc *rowAcc) {
	_ = *acc // checked for nil once, not at every entry
	const mask = uint32(len(acc)) - 1
	for _, ref := range refs {
		off := ref >> 6
		es := ft.ents[off : off+ref&63]
		for ; len(es) >= 4; es = es[4:] {
			e0, e1, e2, e3 := es[0], es[1], es[2], es[3]
			acc[e0>>16&mask] += int32(int16(e0))
			acc[e1>>16&mask] += int32(int16(e1))
			acc[e2>>16&mask] += int32(int16(e2))
			acc[e3>>16&mask] += int32(int16(e3))
		}
		for _, e := range es {
			acc[e>>16&mask] += int32(int16(e))
		}
	}
}

// nonLocalTable holds the second-stage weights, times the scale, of every
// feature the second stage can have (see [docScratch.nonLocalKeys]): they
// take few values, so they sit in a small table that stays in cache,
// instead of in the large one. Its index is open-addressing like
// [fastTable]'s, key and 1 + the feature's index in ws (0: no weights).
type nonLocalTable struct {
	idx   [2 * nonLocalSlots]uint32
	ws    [][numLabels]float32
	valid bool
}

const nonLocalSlots = 1 << 12 // a load factor under 1/4

// nonLocal returns the table of the second-stage features, made on first
// use.
func (m *Model) nonLocal() *nonLocalTable {
	m.nlOnce.Do(func() {
		t := &nonLocalTable{}
		var keys []uint32
		const edgeL, edgeR = numLabels, numLabels + 1 // the labels nonLocalKeys gives beyond the sentence
		for y := range uint64(numLabels) {
			keys = append(keys, key(tS1, y), key(tNLLab, y))
			for z := range uint64(numLabels + 2) {
				if z != edgeR {
					keys = append(keys, key(tS1M1, z<<8|y))
				}
				if z != edgeL {
					keys = append(keys, key(tS1P1, y<<8|z))
				}
			}
			for b := range uint64(numTypes + 1) {
				keys = append(keys, key(tS1Word, b<<8|y))
			}
		}
		for b := range uint64(32) {
			keys = append(keys, key(tNLEnt, b))
		}
		for b := range uint64(numTypes + 1) {
			keys = append(keys, key(tNLMaj, b))
		}
		for c := range uint64(capMixed + 1) {
			keys = append(keys, key(tNLNone, c))
		}
		for _, k := range keys {
			i := k % nonLocalSlots
			for t.idx[2*i] != 0 && t.idx[2*i] != k {
				i = (i + 1) % nonLocalSlots
			}
			if t.idx[2*i] == k {
				continue
			}
			var w [numLabels]float32
			if !m.stage2Row(k, &w) {
				t.idx[2*i] = k // no weights: idx[2*i+1] stays 0
				continue
			}
			t.ws = append(t.ws, w)
			t.idx[2*i], t.idx[2*i+1] = k, uint32(len(t.ws))
		}
		t.valid = len(keys) < nonLocalSlots/4
		m.nl = t
	})
	return m.nl
}

// stage2Row sets w to the second-stage weights of feature k, times the
// scale, and reports whether k has any.
func (m *Model) stage2Row(k uint32, w *[numLabels]float32) bool {
	e := w[:]
	*w = [numLabels]float32{}
	found := false
	// addStage2 adds to zeros: each weight is exactly its product.
	if ft := &m.fast; ft.frozen() {
		_, found = ft.ref(k)
	} else {
		_, found = ft.find(k)
	}
	m.addStage2(k, e)
	return found
}

// addNonLocal adds the second-stage weights of feature k, times the scale,
// to e, as addStage2 does; t is m.nonLocal().
func (m *Model) addNonLocal(t *nonLocalTable, k uint32, e *[numLabels]float32) {
	_ = *e // checked for nil once, not in the loop
	if t.valid {
		for i := k % nonLocalSlots; ; i = (i + 1) % nonLocalSlots {
			switch t.idx[2*i] {
			case k:
				if r := t.idx[2*i+1]; r != 0 {
					addScores(e, &t.ws[r-1])
				}
				return
			case 0:
				m.addStage2(k, e[:]) // not a feature the table expects
				return
			}
		}
	}
	m.addStage2(k, e[:])
}

// addScores adds w to e, four labels per step (the loop's own instructions
// were half of it).
func addScores(e, w *[numLabels]float32) {
	const n = numLabels &^ 3
	_, _ = *e, *w // checked for nil once, not in the loop
	for y := 0; y < n; y += 4 {
		e[y] += w[y]
		e[y+1] += w[y+1]
		e[y+2] += w[y+2]
		e[y+3] += w[y+3]
	}
	for y := n; y < numLabels; y++ {
		e[y] += w[y]
	}
}

// addStage2 adds the second-stage weights of feature k, times the scale, to e.
func (m *Model) addStage2(k uint32, e []float32) {
	ft := &m.fast
	if !ft.frozen() {
		if i, ok := ft.find(k); ok {
			ws := ft.row(i)
			for y := range numLabels {
				e[y] += float32(ws[numLabels+y]) * m.scale
			}
		}
		return
	}
	ref, ok := ft.ref(k)
	if !ok {
		return
	}
	for _, w := range ft.sparseRow(ref) {
		if y := int(w >> 16); y >= numLabels {
			e[y-numLabels] += float32(int16(w)) * m.scale
		}
	}
}
