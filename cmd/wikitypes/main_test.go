package main

import (
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/definition"
)

func testCollector(t *testing.T) *collector {
	t.Helper()
	return newCollector()
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

Anarchism is a political mess.
</doc>
<doc id="6" url="u" title="Foo (disambiguation)">
Foo (disambiguation)

Foo is a film.
</doc>
`
	if err := c.addArticles(strings.NewReader(wiki)); err != nil {
		t.Fatal(err)
	}
	want := map[string]definition.Type{"Hot Rocks (band)": definition.ORG, "Hot Rocks": definition.ORG, "Jane Roe": definition.PER, "Ann Smith": definition.PER, "Springfield": definition.LOC}
	if len(c.votes) != len(want) {
		t.Errorf("typed %d names; want %d: %v", len(c.votes), len(want), c.votes)
	}
	for name, typ := range want {
		v := c.votes[name]
		if v == nil || v[typ] == 0 {
			t.Errorf("%q: votes %v; want type %s", name, v, typ)
		}
	}
	if c.votes["Hot Rocks (band)"][definition.ORG] != titleWeight {
		t.Errorf("title weight %d; want %d", c.votes["Hot Rocks (band)"][definition.ORG], titleWeight)
	}
	if c.unknown["mess"] != 1 {
		t.Errorf("unknown heads %v; want mess", c.unknown)
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
	for name, typ := range map[string]definition.Type{"Springfield": definition.LOC, "Hot Rocks": definition.ORG, "Jim Beam": definition.PER, "Ann Lee": definition.PER, "Bob Day": definition.PER} {
		if v := c.votes[name]; v == nil || v[typ] == 0 {
			t.Errorf("%q: votes %v; want type %s", name, v, typ)
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
	c.vote("Paris", definition.LOC, 3, false)
	c.vote("Paris", definition.PER, 1, false)
	c.vote("Jordan", definition.LOC, 2, false)
	c.vote("Jordan", definition.PER, 2, false)
	var b strings.Builder
	n, err := c.write(&b, 0.75)
	if err != nil || n != 1 || b.String() != "Paris\tLOC\t4\n" {
		t.Errorf("write = %d, %v, %q; want Paris LOC only", n, err, b.String())
	}
}
