package ner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadPriors(t *testing.T) {
	t.Parallel()
	f, err := os.Open(filepath.Join("testdata", "tiny.priors.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, n, err := readPriors(f)
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("readPriors kept %d names; want 5", n)
	}
	low := func(w string) uint64 { return hashString(strings.ToLower(w)) }
	lisbon := p.lookup1(low("Lisbon"))
	// Always capitalised (share bucket 6, stored as 7), seen 40 times
	// (bucket 4), "in" 30 of 40 (share 3), "said" 1 of 40 (share 1).
	if want := uint32(priorEntry | 7 | 4<<priorOccShift | 1<<(priorClassShift+2) | 3<<(priorClassShift+4)); lisbon != want {
		t.Errorf("Lisbon = %#x; want %#x", lisbon, want)
	}
	if v := p.lookup1(low("acme")); v&priorPrefix == 0 || v&priorEntry == 0 {
		t.Errorf("acme = %#x; want an entry that starts a longer name", v)
	}
	if v := p.lookup1(low("visited")); v&7 != 1 || v>>priorOccShift&7 != 0 {
		t.Errorf("visited = %#x; want never capitalised, never a name", v)
	}
	if v := p.lookup1(low("Oslo")); v != 0 {
		t.Errorf("Oslo = %#x; want 0 (not in the table)", v)
	}
	for _, bad := range []string{"", "word\tn\n", "name\tn\tcap\tocc\tx\nparis\t1\t1\n", "name\tn\tcap\tocc\nparis\t1\tx\t1\n"} {
		if _, _, err := readPriors(strings.NewReader(bad)); err == nil {
			t.Errorf("readPriors(%q) succeeded; want an error", bad)
		}
	}
}

func TestPriorMark(t *testing.T) {
	t.Parallel()
	p, _, err := readPriors(strings.NewReader("name\tn\tcap\tocc\tc\nacme\t9\t9\t9\t1\nacme holdings group\t3\t3\t3\t1\nnew york\t5\t5\t5\t0\n"))
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("Acme Holdings Group opened in New York and Acme Holdings closed")
	info := make([]tokInfo, len(words))
	for i, w := range words {
		info[i].low = hashString(strings.ToLower(w))
		info[i].cand = w[0] >= 'A' && w[0] <= 'Z'
		info[i].prior = p.lookup1(info[i].low)
	}
	p.mark(info, &phraseCache{})
	var got []string
	for i, ti := range info {
		if ti.pspan != 0 {
			got = append(got, words[i]+":"+"BILU"[ti.ppos:ti.ppos+1])
		}
	}
	// "Acme Holdings" is only a prefix: no name of several words there.
	if want := "Acme:B Holdings:I Group:L New:B York:L"; strings.Join(got, " ") != want {
		t.Errorf("marked %q; want %q", strings.Join(got, " "), want)
	}
}
