package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/entityextraction/extractd/pipeline/internal/corpus"
)

// The tests run the pipeline on Prism, in this process.
func TestMain(m *testing.M) { ptest.Main(m) }

// maxText is a small size limit, so that the test corpus can hold documents
// that are too long without being big.
const maxText = 4096

// buildCLI builds extract from the root module.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "extract")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/extract")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/extract: %v\n%s", err, out)
	}
	return bin
}

// cliLines runs extract --jsonl on the file at path and returns its output
// line for each input line number (blank input lines have none).
func cliLines(t *testing.T, bin, path string, flags ...string) map[int][]byte {
	t.Helper()
	in, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"--jsonl", "--max-text-bytes", fmt.Sprint(maxText)}, append(flags, path)...)...)
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) { // 1: some line failed
		t.Fatalf("extract --jsonl %s: %v", path, err)
	}
	got := bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
	lines := map[int][]byte{}
	for i, line := range bytes.SplitAfter(in, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if len(got) == 0 {
			t.Fatalf("extract --jsonl %s: fewer output lines than input lines", path)
		}
		lines[i+1], got = got[0], got[1:]
	}
	return lines
}

// writeCorpus writes the test corpus to dir: two JSON Lines files from the
// generator (with bad documents of every kind and a blank line) and plain
// text files, one of them empty, one not UTF-8, one too long. It returns
// the JSON Lines files and the JSON line equivalent to each good text file.
func writeCorpus(t *testing.T, dir string) (jsonlFiles []string, textDocs map[string][]byte) {
	t.Helper()
	var bufs [2]bytes.Buffer
	c, err := corpus.Write(corpus.Config{Docs: 300, BadShare: 0.05, MaxBytes: maxText, TooLongEvery: 4, Seed: 7},
		func(i int) io.Writer { return &bufs[i] }, len(bufs))
	if err != nil {
		t.Fatal(err)
	}
	if c.Bad != 15 {
		t.Fatalf("corpus.Write made %d bad documents; want 15", c.Bad)
	}
	bufs[1].WriteString("\n  \n") // blank lines are skipped
	bufs[1].WriteString(`{"id":"last","text":"Nadia Okafor said Siemens would invest €2 billion in Kenya."}` + "\n")
	for i := range bufs {
		name := filepath.Join(dir, fmt.Sprintf("news-%d.jsonl", i))
		if err := os.WriteFile(name, bufs[i].Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		jsonlFiles = append(jsonlFiles, name)
	}
	texts := map[string]string{
		"story-1.txt":   "Angela Merkel met Emmanuel Macron in Paris on Tuesday. \"We agree,\" Merkel said.",
		"story-2.txt":   "Toyota said it would spend $1.5 billion on a plant in Texas.",
		"empty.txt":     "",
		"latin1.txt":    "Caf\xe9 owners in M\xfcnchen",
		"too-long.txt":  strings.Repeat("word ", maxText/5+1),
		"story-3.ascii": "Reuters reported that Lagos and Nairobi grew fastest. Sales of the Galaxy S24 fell.",
	}
	textDocs = map[string][]byte{}
	for name, text := range texts {
		path := filepath.Join(dir, "text", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(name, "story") {
			textDocs[path], _ = json.Marshal(map[string]string{"id": path, "text": text})
		}
	}
	return jsonlFiles, textDocs
}

// readShards reads every line of the shards PREFIX-*-of-*.jsonl and checks
// their names.
func readShards(t *testing.T, prefix string) [][]byte {
	t.Helper()
	names, _ := filepath.Glob(prefix + "-?????-of-?????.jsonl")
	var lines [][]byte
	shardName := regexp.MustCompile(`^-(\d{5})-of-(\d{5})\.jsonl$`)
	for i, name := range names {
		m := shardName.FindStringSubmatch(strings.TrimPrefix(name, prefix))
		if m == nil || m[1] != fmt.Sprintf("%05d", i) || m[2] != fmt.Sprintf("%05d", len(names)) {
			t.Errorf("shard %s is not %s-%05d-of-%05d.jsonl", name, prefix, i, len(names))
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 0 {
			lines = append(lines, bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))...)
		}
	}
	return lines
}

// protobuf-go varies the spaces in its error messages from build to build
// (U+00A0 or U+0020), on purpose; error lines are compared without that.
func sameError(a, b []byte) bool {
	nbsp := []byte("\u00a0")
	return bytes.Equal(bytes.ReplaceAll(a, nbsp, []byte(" ")), bytes.ReplaceAll(b, nbsp, []byte(" ")))
}

func TestPipelineMatchesCLI(t *testing.T) {
	bin := buildCLI(t)
	dir := t.TempDir()
	jsonlFiles, textDocs := writeCorpus(t, dir)
	textJSONL := filepath.Join(t.TempDir(), "text.jsonl")
	var paths []string
	for p := range textDocs {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var tb bytes.Buffer
	for _, p := range paths {
		tb.Write(textDocs[p])
		tb.WriteByte('\n')
	}
	if err := os.WriteFile(textJSONL, tb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	dictPath := filepath.Join(t.TempDir(), "companies.tsv")
	dict := "phrase\ttype\tid\taliases\nSiemens\tCOMPANY\tQ81230\tSiemens AG\nGalaxy S24\tPRODUCT\tSM-S921\tS24\nNadia Okafor\tPERSON\tQ1\tOkafor\n"
	if err := os.WriteFile(dictPath, []byte(dict), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		flags []string // of both the pipeline and extract
	}{
		{"defaults", nil},
		{"utf16 people, quotes and money in 1995", []string{"--encoding", "utf16", "--features", "people,quotes,money", "--date", "1995-06"}},
		{"dictionary", []string{"--dictionary", dictPath}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			cfg := config{
				Inputs:       []string{filepath.Join(dir, "news-*.jsonl"), filepath.Join(dir, "text", "*")},
				Format:       formatAuto,
				Output:       filepath.Join(out, "results"),
				Aggregate:    filepath.Join(out, "entities"),
				Encoding:     "utf8",
				MaxTextBytes: maxText,
				Workers:      3,
				ShardBytes:   16 << 10, // several shards per bundle
			}
			for i := 0; i < len(tc.flags); i += 2 {
				switch tc.flags[i] {
				case "--encoding":
					cfg.Encoding = tc.flags[i+1]
				case "--features":
					cfg.Features = tc.flags[i+1]
				case "--date":
					cfg.Date = tc.flags[i+1]
				case "--dictionary":
					cfg.Dictionaries = append(cfg.Dictionaries, tc.flags[i+1])
				}
			}
			var report bytes.Buffer
			if err := run(context.Background(), cfg, &report); err != nil {
				t.Fatalf("run: %v\n%s", err, report.String())
			}
			t.Log(report.String())
			checkRun(t, bin, tc.flags, out, jsonlFiles, textJSONL, report.String())
		})
	}
}

func checkRun(t *testing.T, bin string, flags []string, out string, jsonlFiles []string, textJSONL, report string) {
	// What extract --jsonl prints, by id for results and by source and
	// line for failures.
	want := map[string][]byte{}      // id -> result line
	wantDead := map[string][]byte{}  // source:line -> error line
	wantKinds := map[string]int64{}  // kind -> count
	wantAgg := map[string][2]int64{} // type, name -> documents, mentions
	docs := 0
	addResult := func(line []byte) {
		var r map[string]json.RawMessage
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("extract printed %s: %v", line, err)
		}
		var id string
		json.Unmarshal(r["id"], &id)
		want[id] = line
		seen := map[string]bool{} // entities of this document, by type and name
		for _, k := range kinds {
			var items []struct {
				Name     string            `json:"name"`
				Type     string            `json:"type"`
				Mentions []json.RawMessage `json:"mentions"`
			}
			json.Unmarshal(r[k], &items)
			wantKinds[k] += int64(len(items))
			if k == "money" || k == "quotes" {
				continue
			}
			for _, e := range items {
				key := e.Type + "\t" + e.Name
				a := wantAgg[key]
				if !seen[key] {
					a[0]++
					seen[key] = true
				}
				a[1] += int64(len(e.Mentions))
				wantAgg[key] = a
			}
		}
	}
	for _, f := range jsonlFiles {
		for n, line := range cliLines(t, bin, f, flags...) {
			docs++
			if bytes.HasPrefix(line, []byte(`{"id":`)) && bytes.Contains(line, []byte(`,"error":{"code":`)) {
				wantDead[fmt.Sprintf("%s:%d", f, n)] = line
			} else {
				addResult(line)
			}
		}
	}
	for _, line := range cliLines(t, bin, textJSONL, flags...) {
		docs++
		addResult(line)
	}
	docs += 3 // the bad text files
	if slices.Contains(flags, "--dictionary") && wantKinds["customEntities"] == 0 {
		t.Fatal("extract --dictionary found no custom entities in the corpus")
	}
	if len(wantDead) != 15 {
		t.Fatalf("extract --jsonl failed %d documents of the corpus; want 15", len(wantDead))
	}

	// Every good document's line is extract's, byte for byte.
	got := readShards(t, filepath.Join(out, "results"))
	seen := map[string]bool{}
	for _, line := range got {
		var r struct{ ID string }
		json.Unmarshal(line, &r)
		if seen[r.ID] {
			t.Errorf("document %q is in the output twice", r.ID)
		}
		seen[r.ID] = true
		if w, ok := want[r.ID]; !ok {
			t.Errorf("output line for %q, which extract did not analyse: %s", r.ID, line)
		} else if !bytes.Equal(line, w) {
			t.Errorf("output line for %q:\n got %s\nwant %s", r.ID, line, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d output lines; want %d", len(got), len(want))
	}

	// Every bad document is a dead letter: extract's error line with its
	// source and line first.
	deadLine := regexp.MustCompile(`^\{"source":("[^"]*"),"line":(\d+),`)
	textErrors := map[string]string{
		"empty.txt":    `"error":{"code":3,"message":"text is empty or only white space"`,
		"latin1.txt":   `"error":{"code":3,"message":"text is not valid UTF-8: invalid byte at offset 3"`,
		"too-long.txt": fmt.Sprintf(`"error":{"code":3,"message":"text is too long: the file has more than %d bytes, the limit"`, maxText),
	}
	dead := readShards(t, filepath.Join(out, "results-dead-letters"))
	for _, line := range dead {
		m := deadLine.FindSubmatch(line)
		if m == nil {
			t.Errorf("dead letter without source and line: %s", line)
			continue
		}
		var source string
		json.Unmarshal(m[1], &source)
		errLine := append([]byte("{"), line[len(m[0]):]...)
		if string(m[2]) == "0" { // a text file
			base := filepath.Base(source)
			prefix := fmt.Sprintf(`{"id":%q,%s`, source, textErrors[base])
			if textErrors[base] == "" || !bytes.HasPrefix(errLine, []byte(prefix)) {
				t.Errorf("dead letter %s; want it to begin with %s", line, prefix)
			}
			delete(textErrors, base)
			continue
		}
		key := source + ":" + string(m[2])
		if w, ok := wantDead[key]; !ok {
			t.Errorf("dead letter for %s, which extract analysed: %s", key, line)
		} else if !sameError(errLine, w) {
			t.Errorf("dead letter for %s:\n got %s\nwant %s", key, errLine, w)
		}
		delete(wantDead, key)
	}
	for key := range wantDead {
		t.Errorf("no dead letter for %s", key)
	}
	for name := range textErrors {
		t.Errorf("no dead letter for text/%s", name)
	}

	// Nothing lost, and the metrics say so.
	if len(got)+len(dead) != docs {
		t.Errorf("%d results + %d dead letters; want %d documents", len(got), len(dead), docs)
	}
	wantReport := fmt.Sprintf("documents %d (", docs)
	wantCounts := fmt.Sprintf("results %d, dead letters %d", len(want), docs-len(want))
	for _, k := range kinds {
		wantCounts += fmt.Sprintf(", %s %d", k, wantKinds[k])
	}
	if !strings.HasPrefix(report, wantReport) || !strings.Contains(report, wantCounts+";") {
		t.Errorf("metrics: %s\nwant %s... %s", report, wantReport, wantCounts)
	}

	// The aggregate sums the results.
	gotAgg := map[string][2]int64{}
	for _, line := range readShards(t, filepath.Join(out, "entities")) {
		var a aggregateLine
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatalf("aggregate line %s: %v", line, err)
		}
		key := a.Type + "\t" + a.Name
		if _, dup := gotAgg[key]; dup {
			t.Errorf("aggregate has %q twice", key)
		}
		gotAgg[key] = [2]int64{a.Documents, a.Mentions}
	}
	if len(gotAgg) == 0 || fmt.Sprint(gotAgg) != fmt.Sprint(wantAgg) {
		t.Errorf("aggregate:\n got %v\nwant %v", gotAgg, wantAgg)
	}

	// No temporary shards are left.
	if left, _ := filepath.Glob(filepath.Join(out, "*.tmp-*")); len(left) > 0 {
		t.Errorf("temporary shards left: %v", left)
	}
}
