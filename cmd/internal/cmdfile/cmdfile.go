// Package cmdfile holds what the repository's commands share to find and
// handle their files: the module root, the shared data beside it, and
// reading a data file or writing a derived one.
package cmdfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrNoModule is returned when no go.mod is above the working directory.
var ErrNoModule = errors.New("no go.mod found above the working directory")

// ModuleRoot returns the directory of the nearest go.mod above the working
// directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoModule
		}
		dir = parent
	}
}

// SharedData returns the shared data directory beside the module root,
// ../shared/data, the default of the commands that read it.
func SharedData() (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "..", "shared", "data"), nil
}

// Read opens the file at path and parses it; a parse error is prefixed
// with the path.
func Read[T any](path string, parse func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	v, err := parse(f)
	if err != nil {
		return v, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// Write creates the file at path and writes it through a buffer with
// write, returning write's count and the first error of writing, flushing
// or closing.
func Write(path string, write func(io.Writer) (int, error)) (int, error) {
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(out)
	n, err := write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}
