package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/server"
)

const dictTSV = "phrase\ttype\tid\taliases\tclub\nBukayo Saka\tPERSON\tQ1\tSaka\tArsenal\nGalaxy S24\tPRODUCT\tSM-S921\tS24\t\n"

// TestDictionaryFlag runs extract with --dictionary in-process and against
// a server (where the entries go as the request's own dictionary): both
// print the same custom entity and link.
func TestDictionaryFlag(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "d.tsv")
	if err := os.WriteFile(path, []byte(dictTSV), 0o644); err != nil {
		t.Fatal(err)
	}
	st := startStack(t)
	text := "Bukayo Saka bought a Galaxy S24. Saka said the S24 broke."
	for _, args := range [][]string{{"--dictionary", path}, {"--dictionary", path, "--addr", st.grpcAddr}} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), args, strings.NewReader(text), &out, &errOut); code != 0 {
			t.Fatalf("extract %v = %d, stderr %s", args, code, errOut.String())
		}
		resp := &extractv1.ExtractResponse{}
		if err := server.JSONUnmarshalOptions.Unmarshal(out.Bytes(), resp); err != nil {
			t.Fatal(err)
		}
		if len(resp.GetCustomEntities()) != 1 || resp.GetCustomEntities()[0].GetLink().GetExternalId() != "SM-S921" ||
			resp.GetCustomEntities()[0].GetType() != "PRODUCT" || len(resp.GetCustomEntities()[0].GetMentions()) != 2 {
			t.Errorf("extract %v: custom entities = %v; want the Galaxy S24 twice, linked to SM-S921", args, resp.GetCustomEntities())
		}
		if len(resp.GetPeople()) != 1 || resp.GetPeople()[0].GetLink().GetMetadata()["club"] != "Arsenal" {
			t.Errorf("extract %v: people = %v; want Bukayo Saka with club Arsenal", args, resp.GetPeople())
		}
	}
}

func TestDictionaryFlagBadFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "bad.tsv")
	if err := os.WriteFile(path, []byte(dictTSV+"Acme\tNOT A TYPE\n\tX\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--dictionary", path}, strings.NewReader("Acme"), &out, &errOut)
	for _, want := range []string{path + `:4: bad type: "NOT A TYPE"`, path + ":5: the entry has neither a phrase nor a pattern", "--dictionary-skip-bad"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("extract with a bad dictionary: stderr %q lacks %q", errOut.String(), want)
		}
	}
	if code != 1 || out.Len() != 0 {
		t.Errorf("extract with a bad dictionary = %d with output %q; want 1 and none", code, out.String())
	}
	errOut.Reset()
	code = run(context.Background(), []string{"--dictionary", path, "--dictionary-skip-bad"}, strings.NewReader("Galaxy S24"), &out, &errOut)
	if code != 0 || !strings.Contains(errOut.String(), "warning: dictionary: "+path+":4") || !strings.Contains(out.String(), "SM-S921") {
		t.Errorf("extract --dictionary-skip-bad = %d, stderr %q; want 0, a warning for line 4 and the Galaxy found", code, errOut.String())
	}
}
