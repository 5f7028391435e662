package cmdfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestModuleRoot(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Errorf("ModuleRoot() = %q, which has no go.mod: %v", root, err)
	}
	t.Chdir(t.TempDir())
	if _, err := ModuleRoot(); !errors.Is(err, ErrNoModule) {
		t.Errorf("ModuleRoot() outside a module: error %v; want ErrNoModule", err)
	}
}

func TestWriteRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.txt")
	n, err := Write(path, func(w io.Writer) (int, error) {
		_, err := io.WriteString(w, "a\nb\n")
		return 2, err
	})
	if n != 2 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	lines, err := Read(path, func(r io.Reader) ([]string, error) {
		b, err := io.ReadAll(r)
		return strings.Fields(string(b)), err
	})
	if err != nil || strings.Join(lines, ",") != "a,b" {
		t.Fatalf("Read = %q, %v", lines, err)
	}
	_, err = Read(path, func(io.Reader) (int, error) { return 0, errors.New("bad line") })
	if err == nil || !strings.HasPrefix(err.Error(), path+": ") {
		t.Errorf("Read with a parse error: %v; want it prefixed with the path", err)
	}
	if _, err := Write(filepath.Join(path, "x"), func(io.Writer) (int, error) { return 0, nil }); err == nil {
		t.Error("Write under a file: no error")
	}
}
