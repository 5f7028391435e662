package dictionary

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/tokenize"
)

// matchCase is one block of testdata/match.txt.
type matchCase struct {
	name  string
	dicts [][]string // JSON Lines of each dictionary
	text  string
	want  []string // "text\tTYPE\tid"
}

func loadMatchCases(t *testing.T) []matchCase {
	t.Helper()
	f, err := os.Open("testdata/match.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []matchCase
	var c *matchCase
	section := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "=== "); ok {
			cases = append(cases, matchCase{name: name, dicts: [][]string{nil}})
			c, section = &cases[len(cases)-1], 0
			continue
		}
		if c == nil || section != 1 && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		switch {
		case line == "---":
			section++
		case section == 0 && line == "inline":
			c.dicts = append(c.dicts, nil)
		case section == 0:
			c.dicts[len(c.dicts)-1] = append(c.dicts[len(c.dicts)-1], line)
		case section == 1:
			c.text += line
		default:
			c.want = append(c.want, line)
		}
	}
	return cases
}

func mustParse(t testing.TB, lines []string) *Dictionary {
	t.Helper()
	entries, bad := Parse(strings.NewReader(strings.Join(lines, "\n")), "case.jsonl", JSONL)
	if len(bad) > 0 {
		t.Fatalf("Parse: %v", bad)
	}
	d, err := New(entries, Options{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return d
}

func TestFind(t *testing.T) {
	t.Parallel()
	for _, c := range loadMatchCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var dicts []*Dictionary
			for _, lines := range c.dicts {
				dicts = append(dicts, mustParse(t, lines))
			}
			// The request's dictionary (the last one) comes first.
			for i, j := 0, len(dicts)-1; i < j; i, j = i+1, j-1 {
				dicts[i], dicts[j] = dicts[j], dicts[i]
			}
			var got []string
			for _, m := range Find(c.text, tokenize.Tokenize(c.text), dicts...) {
				e := m.Dict.Entry(m.Entry)
				got = append(got, fmt.Sprintf("%s\t%s\t%s", c.text[m.Start:m.End], e.Type, e.ID))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("Find(%q) =\n%s\nwant\n%s", c.text, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestConflicts(t *testing.T) {
	t.Parallel()
	in := strings.Join([]string{
		"phrase\ttype\tid",
		"Washington\tPLACE\tQ61",
		"washington\tPERSON\tQ23",
		"Washington\tPLACE\tQ1223",
	}, "\n")
	entries, bad := Parse(strings.NewReader(in), "us.tsv", TSV)
	if len(bad) > 0 {
		t.Fatal(bad)
	}
	_, err := New(entries, Options{})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !errors.Is(list[0], ErrConflict) || list[0].Pos.Line != 3 {
		t.Fatalf("New = %v; want one conflict at us.tsv:3", err)
	}
	if want := "us.tsv:3: conflicting entries: a phrase of this PERSON entry is also a phrase of the PLACE entry at us.tsv:2"; list[0].Error() != want {
		t.Errorf("error = %q; want %q", list[0].Error(), want)
	}
	d, err := New(entries, Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	w := d.Warnings()
	if len(w) != 2 || !errors.Is(w[0], ErrConflict) || !errors.Is(w[1], ErrDuplicate) || w[1].Pos.Line != 4 {
		t.Errorf("Warnings() = %v; want the conflict at line 3 and the duplicate at line 4", w)
	}
	text := "Washington said"
	m := Find(text, tokenize.Tokenize(text), d)
	if len(m) != 1 || d.Entry(m[0].Entry).ID != "Q61" {
		t.Errorf("Find(%q) = %+v; want the first entry, Q61", text, m)
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, in string
		want           []string // entries as phrases|type|name|id|meta
		bad            []string // errors
	}{
		{"tsv with metadata columns", "a.tsv",
			"\ufeffPhrase\tType\tID\tAliases\tsector\tcase_sensitive\n# comment\n\nApple Inc.\torganization\tAAPL\tApple|Apple Computer\ttech\tyes\nAcme\tPRODUCT\t\t\t\n",
			[]string{"[Apple Inc. Apple Apple Computer]|ORGANIZATION|Apple Inc.|AAPL|map[sector:tech]|cs", "[Acme]|PRODUCT|Acme||map[]|"}, nil},
		{"csv with quotes", "a.csv",
			"phrase,type,id,name\n\"Dwayne \"\"The Rock\"\" Johnson\",PERSON,Q10738,\n\"Smith, John\",PERSON,,John Smith\n",
			[]string{`[Dwayne "The Rock" Johnson]|PERSON|Dwayne "The Rock" Johnson|Q10738|map[]|`, "[Smith, John]|PERSON|John Smith||map[]|"}, nil},
		{"jsonl", "a.jsonl",
			`{"phrase": "Q", "aliases": ["R"], "type": "drug", "id": 42, "metadata": {"atc": "N02", "dose": 5, "otc": true}}` + "\n" +
				`{"pattern": "/X\\d+/", "type": "TICKET", "name": "x"}`,
			[]string{"[Q R]|DRUG|Q|42|map[atc:N02 dose:5 otc:true]|", "pattern /X\\d+/|TICKET|x||map[]|"}, nil},
		{"jsonl errors", "b.jsonl",
			`{"phrase": "A", "type": "PERSON", "nmae": "x"}` + "\n" +
				`{"phrase": "A", "type": "9X"}` + "\n" +
				`{"phrase": "A"` + "\n" +
				`{"type": "X"}` + "\n" +
				`{"phrase": "A", "type": "X", "metadata": {"k": [1]}}` + "\n" +
				`{"pattern": "<nope>", "type": "X"}` + "\n" +
				`{"phrase": "A", "pattern": "B", "type": "X"}` + "\n" +
				`{"phrase": "ok", "type": "X"}`,
			[]string{"[ok]|X|ok||map[]|"},
			[]string{
				`b.jsonl:1: syntax error: unknown field "nmae"`,
				`b.jsonl:2: bad type: "9X": a type is a letter, then letters, digits or underscores`,
				`b.jsonl:3: syntax error: unexpected EOF`,
				`b.jsonl:4: the entry has neither a phrase nor a pattern`,
				`b.jsonl:5: syntax error: metadata "k": want a string, number or boolean`,
				`b.jsonl:6: bad pattern: unknown class <nope>; the classes are <any> <word> <alpha> <upper> <lower> <cap> <digits> <number> <alnum> <punct> and <shape:Xxdd>`,
				`b.jsonl:7: the entry has both phrases and a pattern`,
			}},
		{"tsv without a header", "c.tsv", "Apple\tORGANIZATION\nPear\tFRUIT\n", nil,
			[]string{`c.tsv:1: syntax error: the first line must name the columns, with type and phrase or pattern among them (got "Apple | ORGANIZATION")`}},
		{"tsv with too many cells", "d.tsv", "phrase\ttype\nA\tX\textra\n", nil,
			[]string{`d.tsv:2: syntax error: 3 cells, the header (line 1) names 2 columns`}},
		{"bad case_sensitive", "e.csv", "phrase,type,case_sensitive\nA,X,maybe\n", nil,
			[]string{`e.csv:2: syntax error: case_sensitive is "maybe", want true or false`}},
		{"csv bare quote", "f.csv", "phrase,type\nA \"b,X\nC,Y\n", []string{"[C]|Y|C||map[]|"},
			[]string{`f.csv:2: syntax error: bare " in non-quoted-field`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			entries, bad := Parse(strings.NewReader(tt.in), tt.file, FormatAuto)
			var got []string
			for _, e := range entries {
				s := fmt.Sprint(e.Phrases)
				if e.Pattern != "" {
					s = "pattern " + e.Pattern
				}
				typ, _ := NormalizeType(e.Type)
				name := e.Name
				if name == "" && len(e.Phrases) > 0 {
					name = e.Phrases[0]
				}
				cs := ""
				if e.CaseSensitive {
					cs = "cs"
				}
				got = append(got, fmt.Sprintf("%s|%s|%s|%s|%v|%s", s, typ, name, e.ID, e.Metadata, cs))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Parse entries =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var gotBad []string
			for _, e := range bad {
				gotBad = append(gotBad, e.Error())
			}
			if strings.Join(gotBad, "\n") != strings.Join(tt.bad, "\n") {
				t.Errorf("Parse errors =\n%s\nwant\n%s", strings.Join(gotBad, "\n"), strings.Join(tt.bad, "\n"))
			}
		})
	}
}
