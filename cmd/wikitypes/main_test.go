package main

import (
	"os"
	"strings"
	"testing"
)

const testHeads = `# comment
PER	politician
LOC	city
ORG	band
ORG	rock band
MISC	film
OF	one
`

func testCollector(t *testing.T) *collector {
	t.Helper()
	heads, err := readHeads(strings.NewReader(testHeads))
	if err != nil {
		t.Fatal(err)
	}
	return newCollector(heads)
}

func TestReadHeads(t *testing.T) {
	heads, err := readHeads(strings.NewReader(testHeads))
	if err != nil {
		t.Fatal(err)
	}
	if heads["rock band"] != typeORG || heads["one"] != ofType || heads["city"] != typeLOC {
		t.Errorf("readHeads = %v", heads)
	}
	for _, bad := range []string{"PER\tPolitician\n", "XYZ\tcity\n", "LOC\tcity\nORG\tcity\n", "LOC city\n", "LOC\ta b c\n"} {
		if _, err := readHeads(strings.NewReader(bad)); err == nil {
			t.Errorf("readHeads(%q) succeeded; want an error", bad)
		}
	}
}

func TestHeadsFile(t *testing.T) {
	f, err := os.Open("heads.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	heads, err := readHeads(f)
	if err != nil {
		t.Fatal(err)
	}
	for h, want := range map[string]int{"politician": typePER, "city": typeLOC, "company": typeORG, "film": typeMISC, "member": ofType} {
		if heads[h] != want {
			t.Errorf("heads.txt: %q is %d; want %d", h, heads[h], want)
		}
	}
}

func TestAddArticles(t *testing.T) {
	c := testCollector(t)
	wiki := `<doc id="1" url="u" title="Hot Rocks (band)">
Hot Rocks (band)

Hot Rocks is an American rock band from Ohio. It was a film too.
</doc>
<doc id="2" url="u" title="Jane Roe">
Jane Roe

Jane Roe (born 1950) is a British politician.
</doc>
<doc id="3" url="u" title="Ann Smith">
Ann Smith

Ann Smith (1900–1980) was an activist who marched.
</doc>
<doc id="4" url="u" title="Springfield">
Springfield

Springfield is one of the largest cities in Ohio.
</doc>
<doc id="5" url="u" title="Anarchism">
Anarchism

Anarchism is a political philosophy.
</doc>
<doc id="6" url="u" title="Foo (disambiguation)">
Foo (disambiguation)

Foo is a film.
</doc>
`
	if err := c.addArticles(strings.NewReader(wiki)); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"Hot Rocks (band)": typeORG, "Hot Rocks": typeORG, "Jane Roe": typePER, "Ann Smith": typePER, "Springfield": typeLOC}
	if len(c.votes) != len(want) {
		t.Errorf("typed %d names; want %d: %v", len(c.votes), len(want), c.votes)
	}
	for name, typ := range want {
		v := c.votes[name]
		if v == nil || v[typ] == 0 {
			t.Errorf("%q: votes %v; want type %s", name, v, typeNames[typ])
		}
	}
	if c.votes["Hot Rocks (band)"][typeORG] != titleWeight {
		t.Errorf("title weight %d; want %d", c.votes["Hot Rocks (band)"][typeORG], titleWeight)
	}
	if c.unknown["philosophy"] != 1 {
		t.Errorf("unknown heads %v; want philosophy", c.unknown)
	}
}

func TestAddText(t *testing.T) {
	c := testCollector(t)
	for _, s := range []string{
		"Springfield is a city on the river.",
		"The Hot Rocks were a rock band of some fame.",
		"Jim Beam, a politician from Ohio, spoke today.",
		"In Italy, a film was made by many people.",
		"He was born in Boston, a city that he loved.",
		"While Agamemnon was a politician, he fought.",
		"Later, he met Ann Lee, a politician, and Bob Day, a politician, there.",
	} {
		c.addText(s)
	}
	for name, typ := range map[string]int{"Springfield": typeLOC, "Hot Rocks": typeORG, "Jim Beam": typePER, "Ann Lee": typePER, "Bob Day": typePER} {
		if v := c.votes[name]; v == nil || v[typ] == 0 {
			t.Errorf("%q: votes %v; want type %s", name, v, typeNames[typ])
		}
	}
	for _, name := range []string{"Italy", "Boston", "In Italy"} {
		if c.votes[name] != nil {
			t.Errorf("%q typed %v; want no type", name, c.votes[name])
		}
	}
	// "While Agamemnon" is typed, but only ever at a sentence start, with a
	// first word that is mostly lower case: it is not written.
	c.addText("It rained while we ate, and while they slept, while it was dark.")
	var b strings.Builder
	if _, err := c.write(&b, 0.75); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"Jim Beam\tPER\t1\n", "Hot Rocks\tORG\t1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("write: no %q in\n%s", want, out)
		}
	}
	for _, bad := range []string{"While Agamemnon", "Springfield\t"} { // one word, one definition
		if strings.Contains(out, bad) {
			t.Errorf("write kept %q:\n%s", bad, out)
		}
	}
}

func TestWriteMajority(t *testing.T) {
	c := testCollector(t)
	c.vote("Paris", typeLOC, 3, false)
	c.vote("Paris", typePER, 1, false)
	c.vote("Jordan", typeLOC, 2, false)
	c.vote("Jordan", typePER, 2, false)
	var b strings.Builder
	n, err := c.write(&b, 0.75)
	if err != nil || n != 1 || b.String() != "Paris\tLOC\t4\n" {
		t.Errorf("write = %d, %v, %q; want Paris LOC only", n, err, b.String())
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{"cities": "city", "bands": "band", "churches": "church", "boss": "boss", "bus": "bus", "companies": "company"} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q; want %q", in, got, want)
		}
	}
}
