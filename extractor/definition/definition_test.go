package definition

import (
	"strings"
	"testing"
)

func TestReadHeads(t *testing.T) {
	heads, err := ReadHeads(strings.NewReader("# comment\nPER\tpolitician\nLOC\tcity\nORG\trock band\nOF\tone\n"))
	if err != nil {
		t.Fatal(err)
	}
	if heads["rock band"] != ORG || heads["one"] != Of || heads["city"] != LOC || heads["politician"] != PER {
		t.Errorf("ReadHeads = %v", heads)
	}
	for _, bad := range []string{"PER\tPolitician\n", "XYZ\tcity\n", "LOC\tcity\nORG\tcity\n", "LOC city\n", "LOC\ta b c\n"} {
		if _, err := ReadHeads(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadHeads(%q) succeeded; want an error", bad)
		}
	}
}

func TestHeadsFile(t *testing.T) {
	if _, err := ReadHeads(strings.NewReader(headsFile)); err != nil {
		t.Fatal(err)
	}
	for h, want := range map[string]Type{"politician": PER, "city": LOC, "company": ORG, "film": MISC, "kind": Of} {
		if got, ok := Heads()[h]; !ok || got != want {
			t.Errorf("heads.txt: %q is %v; want %v", h, got, want)
		}
	}
}

func TestPredicate(t *testing.T) {
	for _, c := range []struct {
		phrase string
		want   Type
		ok     bool
		head   string
	}{
		{"an American rock band formed in 1990", ORG, true, "band"},
		{"a city on the Seine", LOC, true, "city"},
		{"one of the largest cities in Europe", LOC, true, "cities"},
		{"a member of the Democratic Party", 0, false, "member"},
		{"a member of a vocal trio", 0, false, "member"},
		{"a British politician", PER, true, "politician"},
		{"a 1995 film", MISC, true, "film"},
		{"also a mess of sorts", 0, false, "mess"},
		{"very large", 0, false, ""},
		{"the Capital", 0, false, ""},
	} {
		got, head, ok := Predicate(strings.Fields(c.phrase))
		if ok != c.ok || ok && got != c.want || head != c.head {
			t.Errorf("Predicate(%q) = %v, %q, %v; want %v, %q, %v", c.phrase, got, head, ok, c.want, c.head, c.ok)
		}
	}
}

func TestPredicateNear(t *testing.T) {
	for _, c := range []struct {
		phrase string
		want   Type
		ok     bool
	}{
		{"an English rock band , formed in 1968", ORG, true},
		{"one of the largest cities in Europe", LOC, true},
		{"a parliamentary member representing the AVP political party", 0, false},
		{"a major panethnic group", 0, false},
		{"an order of dicotyledonous flowering plants", MISC, true},
		{"an American film and television actor", 0, false},
		{"a hairdresser and has just moved into town", PER, true},
		{"a nurse and a mother", 0, false},
		{"the official representative", 0, false},
		{"also a world 's largest company", 0, false},
	} {
		got, _, ok := PredicateNear(strings.Fields(c.phrase))
		if ok != c.ok || ok && got != c.want {
			t.Errorf("PredicateNear(%q) = %v, %v; want %v, %v", c.phrase, got, ok, c.want, c.ok)
		}
	}
	if _, _, ok := Predicate(strings.Fields("a parliamentary member representing the AVP political party")); !ok {
		t.Errorf("Predicate reads past a participle; PredicateNear does not")
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{"cities": "city", "bands": "band", "churches": "church", "boss": "boss", "bus": "bus", "companies": "company"} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q; want %q", in, got, want)
		}
	}
}
