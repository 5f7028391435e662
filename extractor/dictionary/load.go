package dictionary

import (
	"bytes"
	"io"
	"os"
)

// Load reads the dictionary files at paths (see [Parse] for their formats)
// and builds one dictionary of all their entries, in the order given. A file
// that cannot be read is an error. Bad lines and bad entries fail the load
// with an [ErrorList] naming each one by file and line, unless opts.SkipBad
// is set, in which case they are left out and reported by
// [Dictionary.Warnings].
//
// Entries go into the dictionary as they are read, so loading holds little
// more than the dictionary itself.
func Load(paths []string, opts Options) (*Dictionary, error) {
	if len(paths) == 0 {
		return nil, ErrEmpty
	}
	b := newBuilder(0)
	var bad ErrorList
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		b.grow(countLines(f))
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			f.Close()
			return nil, err
		}
		bad = append(bad, parse(f, path, FormatOf(path), true, b.add)...)
		f.Close()
	}
	return b.finish(bad, opts)
}

// countLines counts the lines of r, to size the builder's arrays once.
func countLines(r io.Reader) int {
	buf := make([]byte, 256<<10)
	n := 0
	for {
		k, err := r.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err != nil {
			return n
		}
	}
}
