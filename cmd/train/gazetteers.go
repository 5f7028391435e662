package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/ner/conll"
)

// list is one name list of the gazetteer directory.
type list struct {
	path   string
	cat    int
	column int  // tab-separated column, or -1 for whole lines
	cased  bool // entries keep their case: drop those with no capital
	plural bool // also add the entry with an "s" ("Russians")
}

// typedCat is the cat of a typed list: the name is in column 0 and its type
// in column 1, and the category is typedCategory[type].
const typedCat = -1

// wikiTypes is the typed list that cmd/wikitypes derives from Wikipedia and
// other unlabeled text (extractor/ner/wikitypes/names.tsv).
var wikiTypes = list{cat: typedCat, column: -1, cased: true}

// typedCategory is the name-list category of each type of a typed list:
// places and organizations join the Wikipedia titles of those types.
var typedCategory = map[string]int{
	"PER": ner.GazWikiPerson, "LOC": ner.GazWikiLocation, "ORG": ner.GazWikiOrganization, "MISC": ner.GazWikiOther,
}

var lists = []list{
	{"illinois-wiki/WikiLocations.lst", ner.GazWikiLocation, -1, true, false},
	{"illinois-wiki/WikiLocationsRedirects.lst", ner.GazWikiLocation, -1, true, false},
	{"illinois-wiki/WikiOrganizations.lst", ner.GazWikiOrganization, -1, true, false},
	{"illinois-wiki/WikiOrganizationsRedirects.lst", ner.GazWikiOrganization, -1, true, false},
	{"illinois-wiki/known_corporations.lst", ner.GazOrganization, -1, true, false},
	{"cities.tsv", ner.GazCity, 0, true, false},
	{"countries.tsv", ner.GazCountry, 1, true, false},
	{"countries.tsv", ner.GazCity, 3, true, false},
	{"nationalities.tsv", ner.GazNationality, 1, true, true},
	{"first-names-female.txt", ner.GazFirstName, -1, true, false},
	{"first-names-male.txt", ner.GazFirstName, -1, true, false},
	{"freebase-grobid/people.family_name", ner.GazSurname, -1, true, false},
	{"freebase-grobid/people.person.lastnames", ner.GazSurname, -1, true, false},
	{"freebase-grobid/government.government_agency", ner.GazOrganization, -1, true, false},
	{"freebase-grobid/education.university", ner.GazOrganization, -1, false, false},
	{"freebase-grobid/venture_capital.venture_funded_company", ner.GazOrganization, -1, false, false},
}

// modernLists are the lists of ../shared/data/gazetteers-modern: one name per
// line, in its written case.
var modernLists = []list{
	{"org-companies.txt", ner.GazCompany, -1, true, false},
	{"org-universities.txt", ner.GazInstitution, -1, true, false},
	{"org-parties.txt", ner.GazInstitution, -1, true, false},
	{"org-media.txt", ner.GazInstitution, -1, true, false},
	{"org-international.txt", ner.GazInstitution, -1, true, false},
	{"org-government-us.txt", ner.GazInstitution, -1, true, false},
	{"org-airlines.txt", ner.GazInstitution, -1, true, false},
	{"org-football-clubs.txt", ner.GazTeam, -1, true, false},
	{"org-sports-teams.txt", ner.GazTeam, -1, true, false},
	{"org-baseball-teams.txt", ner.GazTeam, -1, true, false},
	{"loc-airports.txt", ner.GazFacility, -1, true, false},
	{"org-companies-commonword.txt", ner.GazWeakOrg, -1, true, false},
	{"org-football-clubs-short.txt", ner.GazWeakOrg, -1, true, false},
	{"org-sports-teams-nicknames.txt", ner.GazWeakOrg, -1, true, false},
	{"org-parties-acronyms.txt", ner.GazWeakOrg, -1, true, false},
}

// curated lists are small and clean: their one-word entries are kept even
// when they are also common words.
var curated = map[int]bool{ner.GazCountry: true, ner.GazNationality: true, ner.GazWeakOrg: true}

// commonWords returns the words that occur in lower case at least twice in
// the training text (outside sentence starts): one-word name-list entries
// that are such words ("Bank", "March", "Will") are too ambiguous to keep.
func commonWords(docs []conll.Document) map[string]bool {
	counts := map[string]int{}
	for _, d := range docs {
		for _, s := range d.Sentences {
			for i, t := range s.Tokens {
				if i > 0 && t != "" && unicode.IsLower([]rune(t)[0]) {
					counts[t]++
				}
			}
		}
	}
	common := map[string]bool{}
	for w, n := range counts {
		if n >= 2 {
			common[w] = true
		}
	}
	return common
}

// loadGazetteers reads the name lists under dir, unless modernDir is empty
// the lists of today's names under modernDir, and unless typedPath is empty
// the typed names of that file (cmd/wikitypes).
func loadGazetteers(dir, modernDir, typedPath string, common map[string]bool) (*ner.GazetteerBuilder, int, error) {
	gb := ner.NewGazetteerBuilder()
	if err := addLists(gb, dir, lists, common); err != nil {
		return nil, 0, err
	}
	if modernDir != "" {
		if err := addLists(gb, modernDir, modernLists, common); err != nil {
			return nil, 0, err
		}
	}
	if typedPath != "" {
		l := wikiTypes
		l.path = filepath.Base(typedPath)
		if err := addLists(gb, filepath.Dir(typedPath), []list{l}, common); err != nil {
			return nil, 0, err
		}
	}
	return gb, gb.Len(), nil
}

// addLists adds the entries of lists under dir to gb, cleaned.
func addLists(gb *ner.GazetteerBuilder, dir string, lists []list, common map[string]bool) error {
	for _, l := range lists {
		f, err := os.Open(filepath.Join(dir, l.path))
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		header := l.column >= 0
		for sc.Scan() {
			line := sc.Text()
			if header {
				header = false
				continue
			}
			cat := l.cat
			if l.cat == typedCat {
				cols := strings.Split(line, "\t")
				c, ok := typedCategory[cols[min(1, len(cols)-1)]]
				if len(cols) < 2 || !ok {
					f.Close()
					return fmt.Errorf("%s: want name<TAB>PER|LOC|ORG|MISC: %q", l.path, line)
				}
				line, cat = cols[0], c
			}
			if l.column >= 0 {
				cols := strings.Split(line, "\t")
				if l.column >= len(cols) {
					continue
				}
				line = cols[l.column]
			}
			name, ok := ner.CleanGazetteerEntry(line)
			if !ok {
				continue
			}
			if l.cased && !strings.ContainsFunc(name, unicode.IsUpper) {
				continue
			}
			if !strings.ContainsRune(name, ' ') {
				if !l.cased || !curated[cat] && common[strings.ToLower(name)] {
					continue
				}
			}
			gb.Add(cat, name)
			if l.plural && !strings.HasSuffix(name, "s") && !strings.HasSuffix(name, "ese") {
				gb.Add(cat, name+"s")
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", l.path, err)
		}
	}
	return nil
}
