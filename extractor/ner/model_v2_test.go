package ner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"io"
	"slices"
	"testing"
	"unsafe"

	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// writeV2 writes the model in format version 2, as WriteTo did before
// version 3; Load still reads it. It ends in a CRC-32
// of the rest.
func (m *Model) writeV2(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	crc := crc32.NewIEEE()
	ew := &errWriter{w: io.MultiWriter(cw, crc)}
	bw := bufio.NewWriterSize(ew, 1<<16)
	bw.WriteString(magic)
	writeUvarint(bw, formatVer2)
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
	binary.Write(bw, binary.LittleEndian, &hdr)
	if m.fs.gaz != nil {
		m.fs.gaz.writeTo(bw)
	}
	if m.fs.clusters != nil {
		m.fs.clusters.writeTo(bw)
	}
	// Rows in table order (most frequent features first), each a raw key,
	// a bit mask of its non-zero weights and those weights as varints.
	writeUvarint(bw, uint64(m.fast.n))
	m.fast.eachRow(func(k uint32, ws *[rowWidth]int16) {
		var mask uint64
		for j, v := range ws {
			if v != 0 {
				mask |= 1 << j
			}
		}
		bw.Write(binary.LittleEndian.AppendUint32(nil, k))
		writeUvarint(bw, mask)
		for _, v := range ws {
			if v != 0 {
				writeVarint(bw, int64(v))
			}
		}
	})
	writeUvarint(bw, uint64(len(m.info)))
	bw.WriteString(m.info)
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if ew.err != nil {
		return cw.n, ew.err
	}
	_, err := cw.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	return cw.n, err
}

// TestLoadVersion2 checks that a model file of format version 2 still loads
// and tags as the same model in version 3 does.
func TestLoadVersion2(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var v2, v3 bytes.Buffer
	if _, err := m.writeV2(&v2); err != nil {
		t.Fatal(err)
	}
	if _, err := m.WriteTo(&v3); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(v3.Bytes(), embedded) {
		t.Error("WriteTo of the embedded model does not give back its bytes")
	}
	old, err := Load(&v2)
	if err != nil {
		t.Fatal(err)
	}
	if old.fast.frozen() || old.fast.n != m.fast.n || old.Info() != m.Info() {
		t.Fatalf("version 2 file read as %d features (frozen %v), want %d", old.fast.n, old.fast.frozen(), m.fast.n)
	}
	text := "Angela Merkel met Vladimir Putin in Moscow on Tuesday. The Kremlin said Gazprom would pay.\nReuters reported from Berlin."
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	want, err := m.Tag(context.Background(), text, toks, sents)
	if err != nil {
		t.Fatal(err)
	}
	got, err := old.Tag(context.Background(), text, toks, sents)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(want) < 4 {
		t.Fatalf("version 2 model: %v, version 3: %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("mention %d: %+v from version 2, %+v from version 3", i, got[i], want[i])
		}
	}
	// And back: the version 2 model writes the same version 3 file.
	var again bytes.Buffer
	if _, err := old.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), v3.Bytes()) {
		t.Error("a model read from version 2 writes a different version 3 file")
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// TestEmbeddedUsedInPlace checks that the embedded model's tables are the
// embedded bytes themselves, not a copy: that is what makes start-up cheap.
func TestEmbeddedUsedInPlace(t *testing.T) {
	if !littleEndian {
		t.Skip("big-endian: the tables are copied")
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	lo := uintptr(unsafe.Pointer(&embedded[0]))
	hi := lo + uintptr(len(embedded))
	for name, p := range map[string]unsafe.Pointer{
		"feature rows":    unsafe.Pointer(&m.fast.ents[0]),
		"feature index":   unsafe.Pointer(&m.fast.idx[0]),
		"gazetteer keys":  unsafe.Pointer(&m.fs.gaz.t.fz.keys[0]),
		"cluster buckets": unsafe.Pointer(&m.fs.clusters.t.fz.bounds[0]),
	} {
		if a := uintptr(p); a < lo || a >= hi {
			t.Errorf("%s are a copy of the embedded bytes", name)
		}
	}
}

// TestLoadCorruptTables checks that a file whose checksum is right but whose
// tables are not (a bound, a key, a row index changed) is refused or tags
// without panicking.
func TestLoadCorruptTables(t *testing.T) {
	data := append([]byte(nil), embedded...)
	body := data[:len(data)-4]
	rng := uint64(1)
	text := "Angela Merkel met Vladimir Putin in Moscow."
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	refused := 0
	for range 40 {
		rng = rng*6364136223846793005 + 1442695040888963407
		pos := len(magic) + int(rng>>33)%(len(body)-len(magic))
		old := body[pos]
		body[pos] ^= byte(rng>>20) | 1
		binary.LittleEndian.PutUint32(data[len(data)-4:], crc32.ChecksumIEEE(body))
		m, err := loadBytes(data)
		if err != nil {
			refused++
		} else if _, err := m.Tag(context.Background(), text, toks, sents); err != nil {
			t.Fatal(err)
		}
		body[pos] = old
	}
	t.Logf("%d of 40 corrupted files refused", refused)
	binary.LittleEndian.PutUint32(data[len(data)-4:], crc32.ChecksumIEEE(body))
	for _, n := range []int{len(magic) + 1, 100, len(body) / 2, len(body) - 1} {
		cut := append(append([]byte(nil), body[:n]...), 0, 0, 0, 0)
		binary.LittleEndian.PutUint32(cut[n:], crc32.ChecksumIEEE(cut[:n]))
		if _, err := loadBytes(cut); err == nil {
			t.Errorf("a file cut to %d bytes loads", n)
		}
	}
}

// writeV3 writes the model in format version 3 (dense rows), as WriteTo
// did before version 4; Load still reads it.
func (m *Model) writeV3(w io.Writer) error {
	buf, err := m.appendHead(nil, formatVer3)
	if err != nil {
		return err
	}
	var keys, rows []uint32
	var dense []int16
	m.fast.eachRow(func(k uint32, ws *[rowWidth]int16) {
		rows = append(rows, uint32(len(keys)))
		keys = append(keys, k)
		dense = append(dense, ws[:]...)
	})
	keys, rows = sortPairs(keys, rows)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(keys)))
	buf = binary.LittleEndian.AppendUint32(buf, rowWidth)
	buf = appendFrozen(buf, keys, rows, 4)
	for _, v := range dense {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(v))
	}
	_, err = w.Write(m.appendTail(pad(buf, 8)))
	return err
}

// TestLoadVersion3 checks that a file of format version 3 loads, tags as
// the same model and writes the same version 4 file.
func TestLoadVersion3(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var v3 bytes.Buffer
	if err := m.writeV3(&v3); err != nil {
		t.Fatal(err)
	}
	old, err := Load(&v3)
	if err != nil {
		t.Fatal(err)
	}
	text := "Angela Merkel met Vladimir Putin in Moscow on Tuesday. The Kremlin said Gazprom would pay.\nReuters reported from Berlin."
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	want, _ := m.Tag(context.Background(), text, toks, sents)
	got, err := old.Tag(context.Background(), text, toks, sents)
	if err != nil || len(want) < 4 || !slices.Equal(got, want) {
		t.Fatalf("version 3 model: %v (%v), version 4: %v", got, err, want)
	}
	var again bytes.Buffer
	if _, err := old.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), embedded) {
		t.Error("a model read from version 3 writes a different version 4 file")
	}
}
