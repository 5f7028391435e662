// Package modroot finds the root of the extractd module, for the commands
// that read the repository's own files or the shared data beside it.
package modroot

import (
	"errors"
	"os"
	"path/filepath"
)

// ErrNotFound is returned when no go.mod is above the working directory.
var ErrNotFound = errors.New("no go.mod found above the working directory")

// Find returns the directory of the nearest go.mod above the working
// directory.
func Find() (string, error) {
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
			return "", ErrNotFound
		}
		dir = parent
	}
}

// SharedData returns the shared data directory beside the module root,
// ../shared/data, the default of the commands that read it.
func SharedData() (string, error) {
	root, err := Find()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "..", "shared", "data"), nil
}
