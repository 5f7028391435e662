package lexicon

import (
	"path"
	"sort"
	"strings"
	"testing"
)

// TestFilesNormalized checks every list: a comment header, then one entry a
// line in lower case with no surrounding or doubled space, strictly sorted
// (so free of duplicates).
func TestFilesNormalized(t *testing.T) {
	entries, err := files.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no lists embedded")
	}
	for _, e := range entries {
		b, err := files.ReadFile(path.Join("data", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if !strings.HasPrefix(lines[0], "# ") {
			t.Errorf("%s: the first line is %q; want a comment header saying what belongs", e.Name(), lines[0])
		}
		prev := ""
		header := true
		for i, l := range lines {
			if header && strings.HasPrefix(l, "#") {
				continue
			}
			header = false
			switch {
			case l != strings.ToLower(l):
				t.Errorf("%s:%d: %q is not lower case", e.Name(), i+1, l)
			case l != strings.Join(strings.Fields(l), " ") || l == "":
				t.Errorf("%s:%d: %q has extra white space or is empty", e.Name(), i+1, l)
			case strings.HasPrefix(l, "#"):
				t.Errorf("%s:%d: a comment after the header", e.Name(), i+1)
			case prev != "" && l == prev:
				t.Errorf("%s:%d: %q is a duplicate", e.Name(), i+1, l)
			case prev != "" && l < prev:
				t.Errorf("%s:%d: %q is out of order (after %q)", e.Name(), i+1, l, prev)
			}
			prev = l
		}
	}
}

func TestSet(t *testing.T) {
	if !Set("pronouns-male")["he"] {
		t.Errorf(`Set("pronouns-male")["he"] = false; want true`)
	}
	if Set("no-such-list") != nil {
		t.Errorf(`Set("no-such-list") != nil`)
	}
	u := Union("pronouns-male", "pronouns-female")
	if !u["he"] || !u["she"] || len(u) != len(Set("pronouns-male"))+len(Set("pronouns-female")) {
		t.Errorf("Union(male, female) = %v", u)
	}
}

func TestGender(t *testing.T) {
	for _, tc := range []struct {
		got, want Gender
		what      string
	}{
		{NameGender("maria"), Female, "maria"},
		{NameGender("john"), Male, "john"},
		{NameGender("xqzt"), UnknownGender, "xqzt"},
		{PronounGender("she"), Female, "she"},
		{PronounGender("his"), Male, "his"},
		{PronounGender("it"), UnknownGender, "it"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: gender %d; want %d", tc.what, tc.got, tc.want)
		}
	}
}

func TestLowerOnly(t *testing.T) {
	for w, want := range map[string]bool{
		"ammonia": true, "theorem": true, "marbles": true,
		"china": false, "bill": false, "turkey": false, // also capitalized: China, Bill, Turkey
		"Ammonia": false, "": false, "zzzz": false,
	} {
		if got := LowerOnly(w); got != want {
			t.Errorf("LowerOnly(%q) = %v, want %v", w, got, want)
		}
	}
	if !sort.StringsAreSorted(lowerOnly()) {
		t.Error("dictionary/english-lower-only.txt is not sorted (byte order): run scripts/english-lower-only.sh")
	}
}

func TestInflect(t *testing.T) {
	for v, want := range map[string]string{
		"add":   "add adds added adding",
		"deny":  "deny denies denied denying",
		"say":   "say says sayed saying",
		"admit": "admit admits admited admiting admitted admitting",
		"vouch": "vouch vouches vouched vouching",
		"argue": "argue argues argued arguing",
	} {
		if got := strings.Join(Inflect(v), " "); got != want {
			t.Errorf("Inflect(%q) = %q, want %q", v, got, want)
		}
	}
}
