// Package casetable reads the tables of test cases kept in testdata: one
// case per line, its columns separated by tabs; empty lines and lines that
// start with "#" are comments. Only tests import it.
package casetable

import (
	"os"
	"strings"
	"testing"
)

// Row is one case of a table.
type Row struct {
	Line int      // its line number in the file, from 1
	Cols []string // its columns
}

// Read returns the cases of the table at path, ending the test if the file
// cannot be read.
func Read(tb testing.TB, path string) []Row {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var rows []Row
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		rows = append(rows, Row{Line: n + 1, Cols: strings.Split(line, "\t")})
	}
	return rows
}
