package conll

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	t.Parallel()
	f, err := os.Open(filepath.Join("testdata", "score.conll"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Sentences) != 2 {
		t.Fatalf("Read: %d documents; want 1 with 2 sentences", len(docs))
	}
	want := []Span{{0, 2, "PER"}, {4, 6, "LOC"}, {7, 9, "ORG"}, {9, 10, "ORG"}}
	if got := docs[0].Entities(); !reflect.DeepEqual(got, want) {
		t.Errorf("Entities() = %v; want %v", got, want)
	}
	text, offs := docs[0].Text()
	if wantText := "Anna Berg flew to New York .\nAcme Corp Nordbank agreed ."; text != wantText {
		t.Errorf("Text() = %q; want %q", text, wantText)
	}
	if o := offs[7]; text[o.Start:o.End] != "Acme" {
		t.Errorf("offset of token 7 = %v (%q); want Acme", o, text[o.Start:o.End])
	}
}

func TestToIOB2(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"I-PER I-PER O I-LOC", "B-PER I-PER O B-LOC"},
		{"I-ORG B-ORG I-ORG", "B-ORG B-ORG I-ORG"},
		{"B-MISC I-MISC I-PER", "B-MISC I-MISC B-PER"},
		{"U-LOC B-PER L-PER", "B-LOC B-PER I-PER"},
	} {
		if got := strings.Join(toIOB2(strings.Fields(tc.in)), " "); got != tc.want {
			t.Errorf("toIOB2(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"Anna\n", "Anna NNP X-PER\n"} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%q) succeeded; want an error", in)
		}
	}
}

func TestScore(t *testing.T) {
	t.Parallel()
	s := NewScore()
	gold := []Span{{0, 2, "PER"}, {4, 6, "LOC"}, {7, 9, "ORG"}, {9, 10, "ORG"}}
	pred := []Span{
		{0, 2, "PER"},  // correct
		{4, 5, "LOC"},  // wrong span
		{7, 10, "ORG"}, // merged: wrong
		{9, 10, "ORG"}, // correct
		{12, 13, "MISC"},
	}
	s.Add(gold, pred)
	for _, tc := range []struct {
		typ  string
		want Counts
	}{
		{"PER", Counts{1, 1, 1}},
		{"LOC", Counts{0, 1, 1}},
		{"ORG", Counts{1, 2, 2}},
		{"MISC", Counts{0, 1, 0}},
	} {
		if got := *s.ByType[tc.typ]; got != tc.want {
			t.Errorf("counts[%s] = %+v; want %+v", tc.typ, got, tc.want)
		}
	}
	micro := s.Micro("PER", "LOC", "ORG")
	if micro != (Counts{2, 4, 4}) || micro.F1() != 0.5 {
		t.Errorf("Micro = %+v (F1 %v); want {2 4 4} (F1 0.5)", micro, micro.F1())
	}
	var b strings.Builder
	s.WriteTo(&b)
	if !strings.Contains(b.String(), "PER/LOC/ORG      precision  50.00%  recall  50.00%  F1  50.00") {
		t.Errorf("WriteTo:\n%s\nwant a PER/LOC/ORG line at 50%%", b.String())
	}
}
