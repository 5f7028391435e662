package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner"
)

// writeGazetteers makes a gazetteer directory with every list cmd/train
// reads, each with a few entries (and the oddities the loader must handle).
func writeGazetteers(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	content := map[string]string{
		"illinois-wiki/WikiLocations.lst":                        "Lisbon\nCategory:Cities in Portugal\nEconomy of Norway\n",
		"illinois-wiki/WikiLocationsRedirects.lst":               "\ufeffOsloNorway\nOslo (city), Norway\n",
		"illinois-wiki/WikiOrganizations.lst":                    "Acme Holdings\nNordbank\n",
		"illinois-wiki/WikiOrganizationsRedirects.lst":           "Acme Holdings Ltd\n",
		"illinois-wiki/known_corporations.lst":                   "Acme\n",
		"cities.tsv":                                             "name\tcountry\tpopulation\tfeature_code\nLisbon\tPT\t500000\tPPLC\n",
		"countries.tsv":                                          "iso2\tname\tnative\tcapital\tcontinent\tcurrencies\nNO\tNorway\tNorge\tOslo\tEU\tNOK\n",
		"nationalities.tsv":                                      "iso2\tnationality\nNO\tNorwegian\n",
		"first-names-female.txt":                                 "Maria\nAnna\n",
		"first-names-male.txt":                                   "Tomas\n",
		"freebase-grobid/people.family_name":                     "Lopez\n",
		"freebase-grobid/people.person.lastnames":                "Berg\nDahl\nofficials\n",
		"freebase-grobid/government.government_agency":           "Bank of Norway\n",
		"freebase-grobid/education.university":                   "university of oslo\n",
		"freebase-grobid/venture_capital.venture_funded_company": "acme robotics\n",
	}
	for name, text := range content {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func TestLoadGazetteers(t *testing.T) {
	t.Parallel()
	dir := writeGazetteers(t)
	_, n, err := loadGazetteers(dir, "", "", map[string]bool{"officials": true})
	if err != nil {
		t.Fatalf("loadGazetteers: %v", err)
	}
	// Kept: Lisbon ×2, Economy of Norway, Oslo (from "Oslo (city), Norway"),
	// Acme Holdings, Nordbank, Acme Holdings Ltd, Acme, Norway, Oslo (capital),
	// Norwegian, Norwegians, Maria, Anna, Tomas, Lopez, Berg, Dahl,
	// Bank of Norway, university of oslo, acme robotics. Dropped: the
	// Category line, the run-together redirect, "officials".
	if want := 21; n != want {
		t.Errorf("loadGazetteers kept %d entries; want %d", n, want)
	}
	if _, _, err := loadGazetteers(t.TempDir(), "", "", nil); err == nil {
		t.Error("loadGazetteers(empty dir) succeeded; want an error for the missing lists")
	}
}

func TestLoadTypedNames(t *testing.T) {
	t.Parallel()
	dir := writeGazetteers(t)
	_, base, err := loadGazetteers(dir, "", "", map[string]bool{"officials": true})
	if err != nil {
		t.Fatal(err)
	}
	typed := filepath.Join(t.TempDir(), "names.tsv")
	// Kept: Hot Rocks, Jane Roe, Springfield (its qualifier cut), Cats.
	// Dropped: "Bank", a common word of the training text.
	text := "Hot Rocks\tORG\t3\nJane Roe\tPER\t1\nSpringfield, Ohio\tLOC\t3\nCats\tMISC\t4\nBank\tORG\t2\n"
	if err := os.WriteFile(typed, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, n, err := loadGazetteers(dir, "", typed, map[string]bool{"officials": true, "bank": true})
	if err != nil {
		t.Fatalf("loadGazetteers: %v", err)
	}
	if n != base+4 {
		t.Errorf("loadGazetteers with typed names kept %d entries; want %d", n, base+4)
	}
	if err := os.WriteFile(typed, []byte("Hot Rocks\tBAND\t3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := loadGazetteers(dir, "", typed, nil); err == nil {
		t.Error("loadGazetteers with an unknown type succeeded; want an error")
	}
}

func TestRun(t *testing.T) {
	t.Parallel()
	tiny := filepath.Join("..", "..", "extractor", "ner", "testdata")
	out := filepath.Join(t.TempDir(), "tiny.model")
	data := t.TempDir()
	if err := os.Rename(writeGazetteers(t), filepath.Join(data, "gazetteers")); err != nil {
		t.Fatal(err)
	}
	c := config{
		data: data, train: filepath.Join(tiny, "tiny.conll"), dev: filepath.Join(tiny, "tiny.conll"),
		noModernGaz: true, clusters: filepath.Join(tiny, "tiny.paths"), priors: filepath.Join(tiny, "tiny.priors.tsv"), out: out, lowerEvery: 2, upperEvery: 2,
		seed: 1, epochs: 3, folds: 2, minCount: 1, clusterMin: 1, workers: 2, ensemble: 1, quiet: true,
	}
	var log strings.Builder
	if err := run(context.Background(), c, &log); err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	m, err := ner.LoadFile(out)
	if err != nil {
		t.Fatalf("LoadFile(%s): %v", out, err)
	}
	want := ner.GroupGazetteers | ner.GroupClusters | ner.GroupDocument | ner.GroupNonLocal | ner.GroupPriors
	if m.Groups() != want {
		t.Errorf("model groups = %b; want %b", m.Groups(), want)
	}
	if !strings.Contains(log.String(), "wrote "+out) {
		t.Errorf("run log lacks the output line:\n%s", log.String())
	}
	c.train = filepath.Join(tiny, "missing.conll")
	if err := run(context.Background(), c, io.Discard); err == nil {
		t.Error("run with a missing training file succeeded; want an error")
	}
}
