package ner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner/conll"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// sharedData returns ../shared/data beside the module root, or skips.
func sharedData(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "data")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("module root not found")
		}
		dir = parent
	}
}

// devText returns the raw text of the CoNLL dev documents, or skips.
func devDocs(tb testing.TB) []conll.Document {
	tb.Helper()
	path := filepath.Join(sharedData(tb), "conll2003", "dev.txt")
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("CoNLL dev set not available (%v); skipping", err)
	}
	defer f.Close()
	docs, err := conll.Read(f)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

func BenchmarkTag(b *testing.B) {
	docs := devDocs(b)
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	type doc struct {
		text  string
		toks  []tokenize.Token
		sents []segment.Sentence
	}
	var texts []string
	ntok, nbytes := 0, 0
	for _, d := range docs {
		t, _ := d.Text()
		texts = append(texts, t)
		ntok += len(tokenize.Tokenize(t))
		nbytes += len(t)
	}
	ctx := context.Background()
	b.Run("tokenize+tag", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(nbytes))
		cpu0 := cpuTime()
		for b.Loop() {
			for _, t := range texts {
				toks := tokenize.Tokenize(t)
				sents := segment.Sentences(t, toks)
				if _, err := m.Tag(ctx, t, toks, sents); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		if cpu := cpuTime() - cpu0; cpu > 0 {
			b.ReportMetric(float64(ntok)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
		}
	})
	pre := make([]doc, len(texts))
	for i, t := range texts {
		toks := tokenize.Tokenize(t)
		pre[i] = doc{t, toks, segment.Sentences(t, toks)}
	}
	b.Run("tag", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(nbytes))
		cpu0 := cpuTime()
		for b.Loop() {
			for _, d := range pre {
				if _, err := m.Tag(ctx, d.text, d.toks, d.sents); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		if cpu := cpuTime() - cpu0; cpu > 0 {
			b.ReportMetric(float64(ntok)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
		}
	})
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(embedded)))
	var m *Model
	cpu0 := cpuTime()
	for b.Loop() {
		var err error
		if m, err = Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
	// The memory a loaded model holds.
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "MiB-heap")
	runtime.KeepAlive(m)
}

// devFloor is the tagger's micro-F1 over PER/LOC/ORG on the CoNLL dev set,
// through raw text, that the embedded model must keep (reached minus 0.3).
const devFloor = 0.942

func TestDevFloor(t *testing.T) {
	docs := devDocs(t)
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	score := conll.NewScore()
	for _, d := range docs {
		text, offs := d.Text()
		toks := tokenize.Tokenize(text)
		ms, err := m.Tag(context.Background(), text, toks, segment.Sentences(text, toks))
		if err != nil {
			t.Fatal(err)
		}
		starts, ends := map[int]int{}, map[int]int{}
		for i, o := range offs {
			starts[o.Start], ends[o.End] = i, i+1
		}
		var pred []conll.Span
		for _, mn := range ms {
			f, ok1 := starts[toks[mn.First].Start]
			l, ok2 := ends[toks[mn.Last-1].End]
			if !ok1 || !ok2 {
				f, l = -1, -1
			}
			pred = append(pred, conll.Span{First: f, Last: l, Type: mn.Label.String()})
		}
		score.Add(d.Entities(), pred)
	}
	f1 := score.Micro("PER", "LOC", "ORG").F1()
	t.Logf("dev micro-F1 over PER/LOC/ORG: %.2f", 100*f1)
	if f1 < devFloor {
		t.Errorf("dev micro-F1 = %.2f; want at least %.2f", 100*f1, 100*devFloor)
	}
}

func TestTagCanceled(t *testing.T) {
	t.Parallel()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	text := "Maria Lopez visited Lisbon ."
	toks := tokenize.Tokenize(text)
	if _, err := m.Tag(ctx, text, toks, segment.Sentences(text, toks)); !errors.Is(err, context.Canceled) {
		t.Errorf("Tag(canceled) error = %v; want context.Canceled", err)
	}
}

func TestTagConcurrent(t *testing.T) {
	t.Parallel()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"President Bill Clinton met Boris Yeltsin in Moscow on Tuesday .",
		"Shares of General Motors Corp. fell 2 percent in New York .",
		"GERMANY BEAT ITALY 2-1 IN ROME",
		"",
	}
	want := make([][]Mention, len(texts))
	for i, s := range texts {
		toks := tokenize.Tokenize(s)
		want[i], _ = m.Tag(context.Background(), s, toks, segment.Sentences(s, toks))
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for k := 0; k < 20; k++ {
				i := (g + k) % len(texts)
				toks := tokenize.Tokenize(texts[i])
				got, err := m.Tag(context.Background(), texts[i], toks, segment.Sentences(texts[i], toks))
				if err != nil || len(got) != len(want[i]) {
					done <- errors.New("concurrent Tag differs from sequential Tag")
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestTypographicPunctuation checks that curly quotes and apostrophes, which
// the CoNLL training text lacks, do not change what the tagger finds.
func TestTypographicPunctuation(t *testing.T) {
	t.Parallel()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tag := func(text string) []string {
		toks := tokenize.Tokenize(text)
		ms, err := m.Tag(context.Background(), text, toks, segment.Sentences(text, toks))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, mn := range ms {
			out = append(out, mn.Label.String()+":"+text[toks[mn.First].Start:toks[mn.Last-1].End])
		}
		return out
	}
	for _, tc := range []struct{ curly, straight string }{
		{"“We will not allow it,” Lukashenka’s spokeswoman told Belta in Minsk.", "\"We will not allow it,\" Lukashenka's spokeswoman told Belta in Minsk."},
		{"Vladimir Putin’s talks with Angela Merkel — in Berlin — ended.", "Vladimir Putin's talks with Angela Merkel -- in Berlin -- ended."},
	} {
		got, want := tag(tc.curly), tag(tc.straight)
		if len(got) != len(want) {
			t.Errorf("Tag(%q) = %q; Tag(%q) = %q; want the same mentions", tc.curly, got, tc.straight, want)
			continue
		}
		for i := range got {
			if strings.ReplaceAll(got[i], "’", "'") != want[i] {
				t.Errorf("Tag(%q)[%d] = %q; want %q", tc.curly, i, got[i], want[i])
			}
		}
	}
}

// TestExp32 checks the fast exponential of the confidences against math.Exp.
func TestExp32(t *testing.T) {
	worst := 0.0
	for x := float32(-87); x <= 0; x += 0.0007 {
		want := math.Exp(float64(x))
		got := float64(exp32(x))
		if rel := math.Abs(got-want) / want; rel > worst {
			worst = rel
		}
	}
	if worst > 3e-7 {
		t.Errorf("exp32: relative error up to %.2g, want at most 3e-7", worst)
	}
	for _, x := range []float32{-88, -100, float32(math.Inf(-1))} {
		if got := exp32(x); got != 0 {
			t.Errorf("exp32(%v) = %v, want 0", x, got)
		}
	}
	if got := exp32(0); got != 1 {
		t.Errorf("exp32(0) = %v, want 1", got)
	}
}

// TestSkipConfidence checks that skipping the confidences changes nothing
// else.
func TestSkipConfidence(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "Angela Merkel met Vladimir Putin in Moscow on Tuesday. The Kremlin said Gazprom would pay.\nReuters reported from Berlin."
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	with, err := m.Tag(context.Background(), text, toks, sents)
	if err != nil {
		t.Fatal(err)
	}
	without, err := m.TagWith(context.Background(), text, toks, sents, TagOptions{SkipConfidence: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(with) < 4 || len(with) != len(without) {
		t.Fatalf("%d mentions with confidences, %d without", len(with), len(without))
	}
	for i := range with {
		if with[i].Confidence <= 0 || without[i].Confidence != 0 {
			t.Errorf("mention %d: confidence %v with, %v without", i, with[i].Confidence, without[i].Confidence)
		}
		with[i].Confidence = 0
		if with[i] != without[i] {
			t.Errorf("mention %d: %+v with confidences, %+v without", i, with[i], without[i])
		}
	}
	again, _ := m.Tag(context.Background(), text, toks, sents)
	if again[0].Confidence <= 0 {
		t.Error("a Tag after TagWith(SkipConfidence) has no confidences")
	}
}

// BenchmarkLoadEmbedded measures what Default does once per process: the
// embedded bytes used in place (checksum and table checks only).
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(embedded)))
	for b.Loop() {
		if _, err := loadBytes(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTagRemembersWords checks that what Tag keeps from one call to the
// next (the analysis and weight sums of the words it has seen) does not
// change its results: every dev document tags the same after the others,
// after a text of more distinct words than are remembered, and with a fresh
// model.
func TestTagRemembersWords(t *testing.T) {
	docs := devDocs(t)
	if len(docs) > 40 {
		docs = docs[:40]
	}
	tag := func(m *Model, text string) []Mention {
		t.Helper()
		toks := tokenize.Tokenize(text)
		ms, err := m.Tag(context.Background(), text, toks, segment.Sentences(text, toks))
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	fresh := func() *Model {
		t.Helper()
		m, err := Load(bytes.NewReader(embedded))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	var many strings.Builder
	for i := range maxLexWords + 100 {
		fmt.Fprintf(&many, "Word%d w%dx . ", i, i)
	}
	warm := fresh()
	for pass := range 2 {
		for i, d := range docs {
			text, _ := d.Text()
			want := tag(fresh(), text)
			if got := tag(warm, text); !slices.Equal(got, want) {
				t.Fatalf("pass %d, document %d: %v after other documents, %v alone", pass, i, got, want)
			}
		}
		tag(warm, many.String())
		// The next pass sees the words in another order.
		slices.Reverse(docs)
	}
}

// TestEmbeddedChecksum checks the checksum of the embedded model and the
// bounds of its feature rows, which Default does not check.
func TestEmbeddedChecksum(t *testing.T) {
	if _, err := loadBytes(embedded); err != nil {
		t.Fatal(err)
	}
}

func TestListedOrganization(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		words                 []string
		organization, company bool
	}{
		{[]string{"Apple"}, true, false}, // also a fruit: an ambiguous short form
		{[]string{"APPLE"}, true, false},
		{[]string{"Moderna"}, true, true},
		{[]string{"Lakers"}, true, false}, // a team
		{[]string{"Apple", "Inc."}, true, true},
		{[]string{"Wells", "Fargo"}, true, true},
		{[]string{"WELLS", "FARGO"}, true, true},
		{[]string{"New", "York", "City"}, true, false}, // a place, and a club's short form
		{[]string{"Quetzalcoatlus"}, false, false},
		{[]string{"said"}, false, false},
		{[]string{"John", "Smith"}, false, false},
		{nil, false, false},
	} {
		if got := m.ListedOrganization(c.words); got != c.organization {
			t.Errorf("ListedOrganization(%q) = %v, want %v", c.words, got, c.organization)
		}
		if got := m.ListedCompany(c.words); got != c.company {
			t.Errorf("ListedCompany(%q) = %v, want %v", c.words, got, c.company)
		}
	}
}

func TestLowerCasePlace(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		words []string
		want  bool
	}{
		{[]string{"lourdes"}, true},
		{[]string{"trivandrum"}, true},
		{[]string{"san", "francisco"}, true},
		{[]string{"new", "york"}, false}, // the text writes "york" in lower case too (in addresses)
		{[]string{"Lourdes"}, false},     // written with its capital: the tagger's to read
		{[]string{"march"}, false},       // an ordinary word in lower case too
		{[]string{"nice"}, false},
		{[]string{"apple"}, false},
		{[]string{"new", "car"}, false},
		{nil, false},
	} {
		if got := m.LowerCasePlace(c.words); got != c.want {
			t.Errorf("LowerCasePlace(%q) = %v, want %v", c.words, got, c.want)
		}
	}
}
