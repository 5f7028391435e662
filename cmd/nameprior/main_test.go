package main

import (
	"os"
	"strings"
	"testing"
)

const testContexts = `# comment
title	before	mr.
said	after	said
in	before	north of
in	before	in
corp	head	inc
place	suffix	based
`

func TestReadContexts(t *testing.T) {
	t.Parallel()
	c, err := readContexts(strings.NewReader(testContexts))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.classes, " "); got != "title said in corp place" {
		t.Errorf("classes = %q", got)
	}
	if c.maxLen != 2 || c.before["north of"] != 2 || c.head["inc"] != 3 || c.suffix["based"] != 4 {
		t.Errorf("contexts = %+v", c)
	}
	for _, bad := range []string{"", "x\tbefore\n", "x\tinside\ty\n", "x\tbefore\ty\nz\tbefore\ty\n"} {
		if _, err := readContexts(strings.NewReader(bad)); err == nil {
			t.Errorf("readContexts(%q) succeeded; want an error", bad)
		}
	}
}

func TestCount(t *testing.T) {
	t.Parallel()
	ctx, err := readContexts(strings.NewReader(testContexts))
	if err != nil {
		t.Fatal(err)
	}
	c := newCounter(ctx)
	c.add("Yesterday Mr. Bill Clinton said the Bank of America was north of Paris. The London-based Acme Inc hired him in Paris.")
	c.add("Paris Is Not A Sentence Here")
	var b strings.Builder
	if _, err := c.write(&b, 1, 1); err != nil {
		t.Fatal(err)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		name, rest, _ := strings.Cut(l, "\t")
		lines[name] = rest
	}
	for name, want := range map[string]string{
		"name":            "n\tcap\tocc\ttitle\tsaid\tin\tcorp\tplace",
		"bill clinton":    "1\t1\t1\t1\t1\t0\t0\t0",
		"clinton":         "1\t1\t1\t1\t1\t0\t0\t0", // the last word shares the name's contexts
		"bank of america": "1\t1\t1\t0\t0\t0\t0\t0",
		"paris":           "2\t2\t2\t0\t0\t2\t0\t0", // the capitalised line is left out
		"acme":            "1\t1\t1\t0\t0\t0\t1\t0", // credited by "Inc"
		"london":          "0\t0\t1\t0\t0\t0\t0\t1", // credited by "-based"
		"the":             "1\t0\t0\t0\t0\t0\t0\t0", // the first word of a sentence is not counted
	} {
		if got := lines[name]; got != want {
			t.Errorf("%s: %q; want %q", name, got, want)
		}
	}
	if _, ok := lines["yesterday"]; ok {
		t.Error("the first word of a sentence was counted")
	}
}

func TestContextsFile(t *testing.T) {
	t.Parallel()
	f, err := os.Open("contexts.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := readContexts(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.classes) > maxClasses {
		t.Errorf("%d classes", len(c.classes))
	}
}
