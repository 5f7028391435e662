package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/entityextraction/extractd/extractor/dictionary"
)

// dictFile is a dictionary file read when the pipeline is built, and sent
// to the workers inside the pipeline, so that a worker needs no access to
// the file.
type dictFile struct {
	Name string
	Data []byte
}

// readDictionaries reads the dictionary files at paths, from any Beam file
// system.
func readDictionaries(ctx context.Context, paths []string) ([]dictFile, error) {
	var out []dictFile
	for _, p := range paths {
		fs, err := filesystem.New(ctx, p)
		if err != nil {
			return nil, err
		}
		data, err := filesystem.Read(ctx, fs, p)
		fs.Close()
		if err != nil {
			return nil, fmt.Errorf("--dictionary: %w", err)
		}
		out = append(out, dictFile{Name: p, Data: data})
	}
	return out, nil
}

// newDictionary builds one dictionary from files, as extract --dictionary
// does from the same files; nil when there are none.
func newDictionary(files []dictFile, skipBad bool) (*dictionary.Dictionary, error) {
	if len(files) == 0 {
		return nil, nil
	}
	var entries []dictionary.Entry
	var bad dictionary.ErrorList
	for _, f := range files {
		e, errs := dictionary.Parse(bytes.NewReader(f.Data), f.Name, dictionary.FormatOf(f.Name))
		entries = append(entries, e...)
		bad = append(bad, errs...)
	}
	if len(bad) > 0 && !skipBad {
		return nil, bad
	}
	return dictionary.New(entries, dictionary.Options{SkipBad: skipBad})
}

// dictKey identifies the contents of files.
func dictKey(files []dictFile) string {
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%d:%s%d:", len(f.Name), f.Name, len(f.Data))
		h.Write(f.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}
