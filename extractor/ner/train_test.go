package ner

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner/conll"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

func readTestDocs(tb testing.TB, name string) []conll.Document {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	docs, err := conll.Read(f)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// trainTiny trains a model with every feature group on the tiny hand-made
// CoNLL file and returns its serialized bytes.
func trainTiny(tb testing.TB, groups int) []byte { return trainTinyEnsemble(tb, groups, 1) }

func trainTinyEnsemble(tb testing.TB, groups, ensemble int) []byte {
	tb.Helper()
	docs := readTestDocs(tb, "tiny.conll")
	gb := NewGazetteerBuilder()
	for _, e := range []struct {
		cat  int
		name string
	}{{GazCity, "Lisbon"}, {GazCity, "Oslo"}, {GazFirstName, "Maria"}, {GazWikiOrganization, "Acme Holdings"}, {GazNationality, "Norwegian"}} {
		gb.Add(e.cat, e.name)
	}
	paths, err := os.Open(filepath.Join("testdata", "tiny.paths"))
	if err != nil {
		tb.Fatal(err)
	}
	defer paths.Close()
	priors, err := os.Open(filepath.Join("testdata", "tiny.priors.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer priors.Close()
	corpora := []Corpus{{Name: "tiny", Docs: docs}}
	m, err := Train(context.Background(), corpora, corpora, TrainOptions{
		LowerEvery: 2, UpperEvery: 2, TitleEvery: 2,
		Groups: groups, Gazetteers: gb, Clusters: paths, ClusterMin: 1, Priors: priors,
		Epochs: 5, Seed: 7, Folds: 2, Workers: 2, Ensemble: ensemble, Info: "tiny test model",
	})
	if err != nil {
		tb.Fatalf("Train: %v", err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		tb.Fatalf("WriteTo: %v", err)
	}
	return buf.Bytes()
}

const allGroups = GroupGazetteers | GroupClusters | GroupDocument | GroupNonLocal | GroupPriors

func TestTrainTiny(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name             string
		groups, ensemble int
	}{
		{"local", 0, 1},
		{"all", allGroups, 1},
		{"all, ensemble of 3", allGroups, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data := trainTinyEnsemble(t, tc.groups, tc.ensemble)
			if again := trainTinyEnsemble(t, tc.groups, tc.ensemble); !bytes.Equal(data, again) {
				t.Errorf("two trainings with the same seed wrote different models")
			}
			m, err := Load(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			var again bytes.Buffer
			if _, err := m.WriteTo(&again); err != nil || !bytes.Equal(again.Bytes(), data) {
				t.Errorf("Load then WriteTo changed the model (err %v)", err)
			}
			if m.Groups() != tc.groups || m.Info() != "tiny test model" {
				t.Errorf("Load: groups %b info %q; want %b %q", m.Groups(), m.Info(), tc.groups, "tiny test model")
			}
			text := "Maria Lopez visited Lisbon on Monday ."
			toks := tokenize.Tokenize(text)
			ms, err := m.Tag(context.Background(), text, toks, segment.Sentences(text, toks))
			if err != nil {
				t.Fatalf("Tag: %v", err)
			}
			var got []string
			for _, mn := range ms {
				got = append(got, mn.Label.String()+":"+text[toks[mn.First].Start:toks[mn.Last-1].End])
				if mn.Confidence < 0 || mn.Confidence > 1 {
					t.Errorf("confidence %v out of [0,1]", mn.Confidence)
				}
			}
			if want := "PER:Maria Lopez LOC:Lisbon"; strings.Join(got, " ") != want {
				t.Errorf("Tag(%q) = %q; want %q", text, strings.Join(got, " "), want)
			}
		})
	}
}

func TestLoadRejects(t *testing.T) {
	t.Parallel()
	data := trainTiny(t, allGroups)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("hello, world")},
		{"truncated", data[:len(data)/2]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if _, err := Load(bytes.NewReader(tc.data)); !errors.Is(err, ErrBadModel) {
				t.Errorf("Load(%s) error = %v; want ErrBadModel", tc.name, err)
			}
		})
	}
}

func TestLabels(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tags []string
		want string
	}{
		{[]string{"B-PER", "I-PER", "O", "B-LOC"}, "PER:0-2 LOC:3-4"},
		{[]string{"B-ORG", "B-ORG", "I-ORG", "I-ORG"}, "ORG:0-1 ORG:1-4"},
		{[]string{"O", "O"}, ""},
	} {
		labels := bilouFromIOB2(tc.tags, nil)
		for i := 1; i < len(labels); i++ {
			if !validTrans(labels[i-1], labels[i]) {
				t.Errorf("bilouFromIOB2(%v) = %v: invalid transition at %d", tc.tags, labels, i)
			}
		}
		var got []string
		for _, m := range spansOf(labels, 0, nil) {
			got = append(got, m.Label.String()+":"+itoa(m.First)+"-"+itoa(m.Last))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("spansOf(bilouFromIOB2(%v)) = %q; want %q", tc.tags, strings.Join(got, " "), tc.want)
		}
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

func TestCleanGazetteerEntry(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"\ufeffAmericanSamoa", "", false},
		{"Category:Protected areas of Colombia", "", false},
		{"Image:Heinkel.png", "", false},
		{"Template:Airlines of Germany", "", false},
		{"Plymouth (town), NH", "Plymouth", true},
		{"McDonald", "McDonald", true},
		{"  Abu Dhabi ", "Abu Dhabi", true},
	} {
		got, ok := CleanGazetteerEntry(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("CleanGazetteerEntry(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// With a partial annotation, the training target keeps the annotated names
// and lets an O token be part of a MISC name, whatever the weights prefer.
func TestDecodeConstrained(t *testing.T) {
	t.Parallel()
	// Three tokens, one feature each; the weights prefer U-PER everywhere.
	pc := newPerceptron(3)
	for f := 0; f < 3; f++ {
		pc.w[f*numLabels+labelOf(PER, posU)] = 5
		pc.w[f*numLabels+labelOf(MISC, posU)] = 3
	}
	ids := []int32{0, 1, 2}
	off := []int32{0, 1, 2, 3}
	gold := []int{0, labelOf(LOC, posU), 0}
	out := make([]int, 3)
	pc.decodeConstrained(pc.w, &pc.tw, ids, off, 0, 3, gold, out)
	want := []int{labelOf(MISC, posU), labelOf(LOC, posU), labelOf(MISC, posU)}
	if !slices.Equal(out, want) {
		t.Errorf("constrained decode = %v; want %v", out, want)
	}
	pc.decode(pc.w, &pc.tw, ids, off, 0, 3, out)
	if want := labelOf(PER, posU); out[0] != want {
		t.Errorf("unconstrained decode[0] = %d; want U-PER %d", out[0], want)
	}
}

func TestPrepareSentenceCopies(t *testing.T) {
	t.Parallel()
	doc := conll.Document{Sentences: []conll.Sentence{
		{Tokens: []string{"Maria", "left", "."}, Tags: []string{"B-PER", "O", "O"}},
		{Tokens: []string{"She", "saw", "Oslo", "."}, Tags: []string{"O", "O", "B-LOC", "O"}},
	}}
	one := conll.Document{Sentences: doc.Sentences[:1]}
	out := prepare([]Corpus{{Name: "c", Docs: []conll.Document{doc, one}}}, TrainOptions{SentenceEvery: 1}, false, true)
	var got []string
	for _, p := range out {
		got = append(got, strings.Join(p.words, " ")+"/"+strings.Repeat("s", len(p.sents))+"/"+string(rune('0'+p.group)))
	}
	// The document of two sentences, then each sentence as a document of
	// its own in the same jackknife group; a document of one sentence is
	// its own copy already.
	want := []string{"Maria left . She saw Oslo ./ss/0", "Maria left ./s/0", "She saw Oslo ./s/0", "Maria left ./s/1"}
	if !slices.Equal(got, want) {
		t.Errorf("prepare = %q; want %q", got, want)
	}
	if out[2].gold[2] != out[0].gold[5] {
		t.Errorf("the sentence copy's labels differ from the document's")
	}
}
