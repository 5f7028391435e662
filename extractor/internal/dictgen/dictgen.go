// Package dictgen writes synthetic dictionaries of any size for benchmarks:
// product, company and person names made of invented words, each with an
// external ID and a metadata column, in the TSV format of package
// dictionary.
package dictgen

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

var syllables = []string{"ka", "lo", "mi", "ra", "ten", "vo", "zu", "bel", "dor", "fin", "gar", "hul",
	"jes", "kor", "lun", "mar", "nox", "pel", "qua", "ris", "sol", "tam", "ul", "vex", "wen", "xan", "yor", "zel"}

// word returns an invented capitalized word for n; different n give
// different words.
func word(n int) string {
	b := []byte{}
	for {
		b = append(b, syllables[n%len(syllables)]...)
		n /= len(syllables)
		if n == 0 {
			break
		}
	}
	b[0] -= 'a' - 'A'
	return string(b)
}

var kinds = []struct{ typ, suffix string }{
	{"PRODUCT", "Pro"}, {"ORGANIZATION", "Holdings"}, {"PERSON", ""}, {"DRUG", "Forte"},
}

// Write writes n entries, with a header line, to w. Entry i is two or
// three words, unique to it, of one of four types.
func Write(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintln(bw, "phrase\ttype\tid\tsegment")
	for i := range n {
		k := kinds[i%len(kinds)]
		phrase := word(i) + " " + word(i*7919%10007)
		if k.suffix != "" {
			phrase += " " + k.suffix
		}
		fmt.Fprintf(bw, "%s\t%s\tE%07d\tseg%d\n", phrase, k.typ, i, i%97)
	}
	return bw.Flush()
}

// File writes n entries to a file in dir and returns its path.
func File(dir string, n int) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("dict-%d.tsv", n))
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	if err := Write(f, n); err != nil {
		f.Close()
		return "", err
	}
	return path, f.Close()
}
