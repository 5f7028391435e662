package extractor_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/ner/conll"
)

// The recorded outputs of Extract on four collections of text: the
// CoNLL-2003 dev documents (raw text: a sentence's tokens joined by spaces,
// sentences by newlines), the modern news stories, the genre set and the
// Wikipedia articles. Everything Extract returns is compared exactly,
// except confidences, which may differ by up to confidenceTolerance (they
// are computed in float32 with an approximate exponential). A change of
// the model or of a rule legitimately changes them: re-record with
//
//	go test ./extractor -run TestRecordedOutputs -update
//
// and review the diff. The files hold spans, names and numbers but not the
// mention and quotation texts, which the spans give.
const confidenceTolerance = 0.001

// recordedDoc is the recorded form of one document's Result.
type recordedDoc struct {
	ID       string           `json:"id"`
	Entities []recordedEntity `json:"entities"`
	Money    []recordedMoney  `json:"money,omitempty"`
	Quotes   []recordedQuote  `json:"quotes,omitempty"`
}

type recordedEntity struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	Name       string       `json:"name"`
	Roles      []string     `json:"roles,omitempty"`
	Salience   float64      `json:"salience"`
	Confidence float64      `json:"confidence"`
	Mentions   [][3]float64 `json:"mentions"` // start, end, confidence
}

type recordedMoney struct {
	Span        [2]int `json:"span"`
	Currency    string `json:"currency"`
	Value       string `json:"value"`
	Upper       string `json:"upper,omitempty"`
	Approximate bool   `json:"approximate,omitempty"`
}

type recordedQuote struct {
	Span              [2]int  `json:"span"`
	Speaker           string  `json:"speaker,omitempty"`
	SpeakerSpan       *[2]int `json:"speaker_span,omitempty"`
	SpeakerConfidence float64 `json:"speaker_confidence,omitempty"`
	SpeakerEntityID   string  `json:"speaker_entity,omitempty"`
	Continued         bool    `json:"continued,omitempty"`
}

func toRecorded(id string, res *extractor.Result) recordedDoc {
	d := recordedDoc{ID: id, Entities: []recordedEntity{}}
	for _, e := range res.Entities {
		re := recordedEntity{ID: e.ID, Type: e.Type.String(), Name: e.Name, Roles: e.Roles, Salience: e.Salience, Confidence: round6(e.Confidence)}
		for _, m := range e.Mentions {
			re.Mentions = append(re.Mentions, [3]float64{float64(m.Start), float64(m.End), round6(m.Confidence)})
		}
		d.Entities = append(d.Entities, re)
	}
	for _, m := range res.Money {
		rm := recordedMoney{Span: [2]int{m.Start, m.End}, Currency: m.Currency, Value: m.Value.String(), Approximate: m.Approximate}
		if m.Upper != nil {
			rm.Upper = m.Upper.String()
		}
		d.Money = append(d.Money, rm)
	}
	for _, q := range res.Quotes {
		rq := recordedQuote{Span: [2]int{q.Start, q.End}, Speaker: q.Speaker, SpeakerEntityID: q.SpeakerEntityID, Continued: q.Continued}
		if q.SpeakerMention != nil {
			rq.SpeakerSpan = &[2]int{q.SpeakerMention.Start, q.SpeakerMention.End}
			rq.SpeakerConfidence = round6(q.SpeakerMention.Confidence)
		}
		d.Quotes = append(d.Quotes, rq)
	}
	return d
}

// round6 rounds a confidence to six decimals, well inside the tolerance, to
// keep the files short.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// recordedCorpus is one collection of documents and the file of its
// recorded outputs.
type recordedCorpus struct {
	name string
	file string
	ids  []string
	docs []string
}

func devCorpus(t testing.TB) (recordedCorpus, bool) {
	path := filepath.Join("..", "..", "shared", "data", "conll2003", "dev.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Logf("CoNLL dev text not available (%v): its recorded outputs are not compared", err)
		return recordedCorpus{}, false
	}
	defer f.Close()
	docs, err := conll.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	c := recordedCorpus{name: "conll-dev", file: filepath.Join("testdata", "recorded", "conll-dev.jsonl")}
	for i, d := range docs {
		text, _ := d.Text()
		c.ids = append(c.ids, fmt.Sprintf("dev-%d", i+1))
		c.docs = append(c.docs, text)
	}
	return c, true
}

func modernCorpus(t *testing.T) recordedCorpus {
	paths, err := filepath.Glob(filepath.Join("testdata", "modern", "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no modern stories: %v", err)
	}
	slices.Sort(paths)
	c := recordedCorpus{name: "modern", file: filepath.Join("testdata", "recorded", "modern.jsonl")}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		c.ids = append(c.ids, strings.TrimSuffix(filepath.Base(p), ".json"))
		c.docs = append(c.docs, doc.Text)
	}
	return c
}

// jsonlCorpus reads the documents of the {"id","text"} files of
// testdata/dir, recorded in testdata/recorded/dir.jsonl.
func jsonlCorpus(t *testing.T, dir string, files ...string) recordedCorpus {
	c := recordedCorpus{name: dir, file: filepath.Join("testdata", "recorded", dir+".jsonl")}
	for _, name := range files {
		f, err := os.Open(filepath.Join("testdata", dir, name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		n := len(c.docs)
		for sc.Scan() {
			var doc struct{ ID, Text string }
			if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			c.ids = append(c.ids, doc.ID)
			c.docs = append(c.docs, doc.Text)
		}
		f.Close()
		if err := sc.Err(); err != nil || len(c.docs) == n {
			t.Fatalf("no documents in %s: %v", name, err)
		}
	}
	return c
}

func TestRecordedOutputs(t *testing.T) {
	corpora := []recordedCorpus{
		modernCorpus(t),
		jsonlCorpus(t, "genres", "dev.docs.jsonl", "heldout.docs.jsonl"),
		jsonlCorpus(t, "wikipedia", "dev.docs.jsonl"),
	}
	if dev, ok := devCorpus(t); ok {
		corpora = append(corpora, dev)
	}
	ex := newExtractor(t)
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			got := make([]recordedDoc, len(c.docs))
			for i, text := range c.docs {
				res, err := ex.Extract(context.Background(), text)
				if err != nil {
					t.Fatalf("%s: %v", c.ids[i], err)
				}
				got[i] = toRecorded(c.ids[i], res)
			}
			if *update {
				var buf bytes.Buffer
				for _, d := range got {
					b, err := json.Marshal(d)
					if err != nil {
						t.Fatal(err)
					}
					buf.Write(b)
					buf.WriteByte('\n')
				}
				if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(c.file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := readRecorded(t, c.file)
			if len(want) != len(got) {
				t.Fatalf("%s holds %d documents, the corpus has %d (re-record with -update)", c.file, len(want), len(got))
			}
			bad, maxDiff := 0, 0.0
			for i := range got {
				maxDiff = max(maxDiff, maxConfidenceDiff(want[i], got[i]))
				if diffs := diffRecorded(want[i], got[i]); len(diffs) > 0 {
					bad++
					if bad <= 10 {
						t.Errorf("%s differs from the recording:\n  %s", got[i].ID, strings.Join(diffs, "\n  "))
					}
				}
			}
			t.Logf("largest difference of a confidence from the recording: %.2g", maxDiff)
			if bad > 0 {
				t.Errorf("%d of %d documents differ from %s (if the change is intended, re-record with -update)", bad, len(got), c.file)
			}
		})
	}
}

func readRecorded(t *testing.T, path string) []recordedDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (record with -update)", err)
	}
	defer f.Close()
	var docs []recordedDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d recordedDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// diffRecorded lists how got differs from want: confidences may differ by up
// to confidenceTolerance, everything else must be equal.
func diffRecorded(want, got recordedDoc) []string {
	var diffs []string
	if want.ID != got.ID {
		return []string{fmt.Sprintf("document %q where %q was recorded", got.ID, want.ID)}
	}
	closeEnough := func(a, b float64) bool { return math.Abs(a-b) <= confidenceTolerance }
	if len(want.Entities) != len(got.Entities) {
		diffs = append(diffs, fmt.Sprintf("%d entities, recorded %d", len(got.Entities), len(want.Entities)))
	}
	for i := range min(len(want.Entities), len(got.Entities)) {
		w, g := want.Entities[i], got.Entities[i]
		if w.ID != g.ID || w.Type != g.Type || w.Name != g.Name || !slices.Equal(w.Roles, g.Roles) || w.Salience != g.Salience || len(w.Mentions) != len(g.Mentions) {
			diffs = append(diffs, fmt.Sprintf("entity %d: %s %s %q roles %v salience %v, %d mentions; recorded %s %s %q roles %v salience %v, %d mentions",
				i, g.ID, g.Type, g.Name, g.Roles, g.Salience, len(g.Mentions), w.ID, w.Type, w.Name, w.Roles, w.Salience, len(w.Mentions)))
			continue
		}
		if !closeEnough(w.Confidence, g.Confidence) {
			diffs = append(diffs, fmt.Sprintf("entity %s: confidence %v, recorded %v", g.ID, g.Confidence, w.Confidence))
		}
		for j := range w.Mentions {
			wm, gm := w.Mentions[j], g.Mentions[j]
			if wm[0] != gm[0] || wm[1] != gm[1] || !closeEnough(wm[2], gm[2]) {
				diffs = append(diffs, fmt.Sprintf("entity %s mention %d: %v, recorded %v", g.ID, j, gm, wm))
			}
		}
	}
	if !slices.Equal(want.Money, got.Money) {
		diffs = append(diffs, fmt.Sprintf("money %+v, recorded %+v", got.Money, want.Money))
	}
	if len(want.Quotes) != len(got.Quotes) {
		diffs = append(diffs, fmt.Sprintf("%d quotes, recorded %d", len(got.Quotes), len(want.Quotes)))
	}
	for i := range min(len(want.Quotes), len(got.Quotes)) {
		w, g := want.Quotes[i], got.Quotes[i]
		wc, gc := w.SpeakerConfidence, g.SpeakerConfidence
		w.SpeakerConfidence, g.SpeakerConfidence = 0, 0
		sameSpan := (w.SpeakerSpan == nil) == (g.SpeakerSpan == nil) && (w.SpeakerSpan == nil || *w.SpeakerSpan == *g.SpeakerSpan)
		w.SpeakerSpan, g.SpeakerSpan = nil, nil
		if w != g || !sameSpan || !closeEnough(wc, gc) {
			diffs = append(diffs, fmt.Sprintf("quote %d differs: %+v, recorded %+v", i, got.Quotes[i], want.Quotes[i]))
		}
	}
	return diffs
}

// maxConfidenceDiff is the largest difference between a confidence of got
// and the recorded one, over the entities and mentions that match.
func maxConfidenceDiff(want, got recordedDoc) float64 {
	d := 0.0
	for i := range min(len(want.Entities), len(got.Entities)) {
		w, g := want.Entities[i], got.Entities[i]
		d = max(d, math.Abs(w.Confidence-g.Confidence))
		for j := range min(len(w.Mentions), len(g.Mentions)) {
			d = max(d, math.Abs(w.Mentions[j][2]-g.Mentions[j][2]))
		}
	}
	return d
}
